import type { Segment } from '../../../shared/contracts/care-views';
import { autoTags, highTicketMinFen } from '../../../shared/rules/auto-tags';
import type { BrandSettings } from '../../../shared/rules/brand-settings';
import { spendInLast12Months } from '../../../shared/rules/care-stats';
import { heatFallingTwoWeeks, heatIndex, heatWeekKey, heatWeeksToDrop } from '../../../shared/rules/heat';
import { rfmCutoffs, rfmFromCutoffs, type Rfm, type RfmCutoffs, type RfmRow } from '../../../shared/rules/rfm';
import { spendReferenceFen } from '../../../shared/rules/score-norms';
import { segmentOf } from '../../../shared/rules/segments';
import { shanghaiDayKey } from '../../../shared/time/shanghai';
import { _, db, type Stored } from '../../../server/cloud';
import { withCare, type MemberWithCare } from '../../../server/care-fields';
import { C, type MemberDoc } from '../../../server/documents';
import { jobState, saveJobState } from '../../../server/job-state';
import { heatInputsOf } from '../../../server/member-scores';
import { NORMS_ID, type ScoreNorms, type StoreNorms } from '../../../server/score-norms';
import { isTopTier } from '../../../server/task-owner';

const READ_PAGE = 1000;
/** Members scored per page of the second phase: its writes, grouped, are a few requests. */
const SCORE_PAGE = 1000;
/** Ids per grouped update: one request sets the same values on this many members. */
const WRITE_CHUNK = 500;
const DAY_MS = 86_400_000;

/** What the pass reads of each member: everything the scores, segment and tags depend on. */
const FIELDS = {
  homeStoreId: true, tierId: true, joinedAt: true, birthday: true, purchaseCount: true, totalSpendFen: true, lastPurchaseAt: true,
  'recentPurchases.at': true, categoryCounts: true, couponPurchaseCount: true, spendMonths: true, firstPurchaseAt: true, spend12mFen: true,
  recentInteractions: true, rfm: true, heat: true, heatWeeks: true, segment: true, autoTags: true, careDueAt: true, servingStaffId: true, inviterStaffId: true, phone: true,
};

/** What the measuring phase reads of each member: the figures the distributions are made of. */
const MEASURE_FIELDS = { homeStoreId: true, lastPurchaseAt: true, 'recentPurchases.at': true, spendMonths: true, totalSpendFen: true, purchaseCount: true };

/** Members in _id order after `after`, a page at a time (the _id index walk). */
async function membersAfter(after: string, limit: number, fields: Record<string, boolean>): Promise<MemberWithCare[]> {
  const { data } = await db.collection<MemberDoc>(C.members).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(limit).field(fields).get();
  return data.map((m) => withCare(m as Stored<MemberDoc>));
}

function rfmRow(m: MemberWithCare, spend12mFen: number, now: Date): RfmRow {
  return {
    memberId: m._id,
    storeId: m.homeStoreId,
    lastPurchaseAt: m.lastPurchaseAt,
    purchases12m: (m.recentPurchases ?? []).filter((p) => now.getTime() - p.at.getTime() <= 365 * DAY_MS).length,
    spend12mFen,
  };
}

/** Groups members by the exact change they need: one update per distinct change, whatever the headcount. */
class Writes {
  private readonly groups = new Map<string, { patch: Record<string, unknown>; ids: string[] }>();
  add(key: string, patch: Record<string, unknown>, id: string): void {
    const group = this.groups.get(key) ?? { patch, ids: [] };
    group.ids.push(id);
    this.groups.set(key, group);
  }
  get members(): number {
    return [...this.groups.values()].reduce((n, g) => n + g.ids.length, 0);
  }
  /** Writes until done or out of time; false when time ran out (the next run recomputes what is left). */
  async flush(deadline: number): Promise<{ done: boolean; requests: number }> {
    let requests = 0;
    for (const { patch, ids } of this.groups.values()) {
      for (let i = 0; i < ids.length; i += WRITE_CHUNK) {
        if (Date.now() >= deadline) return { done: false, requests };
        await db.collection<MemberDoc>(C.members).where({ _id: _.in(ids.slice(i, i + WRITE_CHUNK)) }).update({ data: patch });
        requests++;
      }
    }
    return { done: true, requests };
  }
}

const sameRfm = (a: Rfm | null, b: Rfm | null) => (a === null || b === null ? a === b : a.r === b.r && a.f === b.f && a.m === b.m);

/** What the measuring phase leaves for the scoring phase (job_state scores:<day>.data). */
interface Measured {
  cutoffs: RfmCutoffs;
  norms: ScoreNorms;
  changed: number;
  requests: number;
  members: number;
}

export interface ScoresResult {
  status: 'done' | 'running' | 'skipped';
  phase: 'measure' | 'score' | '';
  members: number;
  changed: number;
  requests: number;
}

/**
 * The nightly pass, in two resumable phases kept in job_state/scores:<day>.
 * 1. Measure: read every member's few figures (pages of 1000 by _id) and keep only what the scores
 *    need of the distribution — each store's RFM quintile lines (rfmCutoffs) and norms (the spend worth
 *    full heat marks, the 高客单 line). Small enough to save; redone whole if a run is cut off in it.
 * 2. Score: from a saved _id cursor, a page of members at a time: RFM against the lines (the same
 *    scores as ranking everyone at once), the week's heat, segment and tags; write only what changed,
 *    grouped by the change (one request sets one value on up to 500 members); save the cursor. A run
 *    cut off here loses at most a page, which the next run redoes (writes are of values, not increments).
 * Members whose heat fell two weeks in a row are made due for a visit (the churn task).
 */
export async function nightlyScores(settings: BrandSettings, now: Date, deadline: number): Promise<ScoresResult> {
  const id = `scores:${shanghaiDayKey(now)}`;
  const state = await jobState(id);
  if (state?.status === 'done') return { status: 'skipped', phase: '', members: 0, changed: 0, requests: 0 };
  let measured = state?.phase === 'score' ? (state.data as unknown as Measured) : null;
  if (!measured) {
    measured = await measure(settings, now, deadline);
    if (!measured) return { status: 'running', phase: 'measure', members: 0, changed: 0, requests: 0 };
    await saveJobState(NORMS_ID, { status: 'done', phase: 'norms', cursor: null, watermark: now, data: measured.norms as unknown as Record<string, unknown>, updatedAt: now });
    await saveJobState(id, { status: 'running', phase: 'score', cursor: '', watermark: now, data: measured as unknown as Record<string, unknown>, updatedAt: now });
  }
  let cursor = state?.phase === 'score' ? (state.cursor ?? '') : '';
  const week = heatWeekKey(now);
  while (Date.now() < deadline) {
    const page = await membersAfter(cursor, SCORE_PAGE, FIELDS);
    if (!page.length) {
      await saveJobState(id, { status: 'done', phase: 'score', cursor, watermark: now, data: measured as unknown as Record<string, unknown>, updatedAt: now });
      return { status: 'done', phase: 'score', members: measured.members, changed: measured.changed, requests: measured.requests };
    }
    const writes = scorePage(page, measured, settings, week, now);
    const flushed = await writes.flush(deadline);
    if (!flushed.done) break;
    cursor = page[page.length - 1]._id;
    measured = { ...measured, changed: measured.changed + writes.members, requests: measured.requests + flushed.requests };
    await saveJobState(id, { status: 'running', phase: 'score', cursor, watermark: now, data: measured as unknown as Record<string, unknown>, updatedAt: now });
  }
  return { status: 'running', phase: 'score', members: measured.members, changed: measured.changed, requests: measured.requests };
}

async function measure(settings: BrandSettings, now: Date, deadline: number): Promise<Measured | null> {
  const rows: RfmRow[] = [];
  const byStore = new Map<string, { spends: number[]; tickets: number[] }>();
  const brand = { spends: [] as number[], tickets: [] as number[] };
  for (let after = ''; ; ) {
    if (Date.now() >= deadline) return null;
    const page = await membersAfter(after, READ_PAGE, MEASURE_FIELDS);
    for (const m of page) {
      const spend = spendInLast12Months(m.spendMonths, now);
      rows.push(rfmRow(m, spend, now));
      if (m.purchaseCount <= 0) continue;
      const ticket = Math.floor(m.totalSpendFen / m.purchaseCount);
      const store = byStore.get(m.homeStoreId ?? '') ?? { spends: [], tickets: [] };
      byStore.set(m.homeStoreId ?? '', store);
      for (const into of [store, brand]) {
        into.spends.push(spend);
        into.tickets.push(ticket);
      }
    }
    if (page.length < READ_PAGE) break;
    after = page[page.length - 1]._id;
  }
  const care = settings.care;
  const normsOf = (figures: { spends: number[]; tickets: number[] }): StoreNorms => ({
    spendReferenceFen: spendReferenceFen(figures.spends),
    highTicketMinFen: highTicketMinFen(figures.tickets, care.highTicketTopPercent),
  });
  const norms: ScoreNorms = { brand: normsOf(brand), stores: {} };
  for (const [storeId, figures] of byStore) if (storeId) norms.stores[storeId] = normsOf(figures);
  return { cutoffs: rfmCutoffs(rows, care, now), norms, changed: 0, requests: 0, members: rows.length };
}

/** One page's changes: only the values that differ from what each member holds. */
function scorePage(page: MemberWithCare[], measured: Measured, settings: BrandSettings, week: string, now: Date): Writes {
  const care = settings.care;
  const writes = new Writes();
  const drop = [...new Set(page.flatMap((m) => heatWeeksToDrop(m.heatWeeks, now)))];
  for (const m of page) {
    const norm = (m.homeStoreId && measured.norms.stores[m.homeStoreId]) || measured.norms.brand;
    const spend12m = spendInLast12Months(m.spendMonths, now);
    const score = rfmFromCutoffs(rfmRow(m, spend12m, now), measured.cutoffs, now);
    const heat = heatIndex(heatInputsOf(m, norm.spendReferenceFen, now)).score;
    const segment: Segment = segmentOf(
      { joinedAt: m.joinedAt, firstPurchaseAt: m.firstPurchaseAt, lastPurchaseAt: m.lastPurchaseAt, recentPurchaseDates: m.recentPurchases.map((p) => p.at), isTopTier: isTopTier(m, settings), rfm: score },
      care,
      now,
    );
    const tags = autoTags(
      { birthday: m.birthday, purchaseCount: m.purchaseCount, couponPurchaseCount: m.couponPurchaseCount, totalSpendFen: m.totalSpendFen, categoryCounts: m.categoryCounts, segment },
      { highTicketMinFen: norm.highTicketMinFen },
      care,
      now,
    );
    if (!sameRfm(m.rfm, score)) writes.add(`rfm:${JSON.stringify(score)}`, { rfm: score }, m._id);
    if (m.spend12mFen !== spend12m) writes.add(`spend:${spend12m}`, { spend12mFen: spend12m }, m._id);
    if (m.heat !== heat || m.heatWeeks[week] !== heat) {
      const weeks: Record<string, unknown> = { [week]: heat };
      for (const old of drop) weeks[old] = _.remove();
      writes.add(`heat:${heat}`, { heat, heatWeeks: weeks }, m._id);
      const newWeek = m.heatWeeks[week] === undefined;
      if (newWeek && heatFallingTwoWeeks({ ...m.heatWeeks, [week]: heat }, now) && !(m.careDueAt && m.careDueAt.getTime() <= now.getTime())) {
        writes.add('due', { careDueAt: now }, m._id);
      }
    }
    if (m.segment !== segment) writes.add(`segment:${segment}`, { segment }, m._id);
    if (m.autoTags.join('|') !== tags.join('|')) writes.add(`tags:${tags.join('|')}`, { autoTags: tags }, m._id);
  }
  return writes;
}
