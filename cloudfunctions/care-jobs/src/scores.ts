import type { Segment } from '../../../shared/contracts/care-views';
import { autoTags, highTicketMinFen } from '../../../shared/rules/auto-tags';
import type { BrandSettings } from '../../../shared/rules/brand-settings';
import { spendInLast12Months } from '../../../shared/rules/care-stats';
import { heatFallingTwoWeeks, heatIndex, heatWeekKey, heatWeeksToDrop } from '../../../shared/rules/heat';
import { rfmScores, type Rfm } from '../../../shared/rules/rfm';
import { spendReferenceFen } from '../../../shared/rules/score-norms';
import { segmentOf } from '../../../shared/rules/segments';
import { shanghaiDayKey } from '../../../shared/time/shanghai';
import { _, db, type Stored } from '../../../server/cloud';
import { withCare, type MemberWithCare } from '../../../server/care-fields';
import { C, type MemberDoc } from '../../../server/documents';
import { jobState, saveJobState } from '../../../server/job-state';
import { heatInputsOf } from '../../../server/member-scores';
import { NORMS_ID, type ScoreNorms, type StoreNorms } from '../../../server/score-norms';
import { isTopTier } from './visit-members';

const READ_PAGE = 1000;
/** Ids per grouped update: one request sets the same values on this many members. */
const WRITE_CHUNK = 500;
const DAY_MS = 86_400_000;

/** What the pass reads of each member: everything the scores, segment and tags depend on. */
const FIELDS = {
  homeStoreId: true, tierId: true, joinedAt: true, birthday: true, purchaseCount: true, totalSpendFen: true, lastPurchaseAt: true,
  'recentPurchases.at': true, categoryCounts: true, couponPurchaseCount: true, spendMonths: true, firstPurchaseAt: true, spend12mFen: true,
  recentInteractions: true, rfm: true, heat: true, heatWeeks: true, segment: true, autoTags: true, careDueAt: true, servingStaffId: true, inviterStaffId: true, phone: true,
};

async function readAllMembers(deadline: number): Promise<MemberWithCare[] | null> {
  const all: MemberWithCare[] = [];
  let after = '';
  for (;;) {
    if (Date.now() >= deadline) return null;
    const { data } = await db.collection<MemberDoc>(C.members).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(READ_PAGE).field(FIELDS).get();
    all.push(...data.map((m) => withCare(m as Stored<MemberDoc>)));
    if (data.length < READ_PAGE) return all;
    after = data[data.length - 1]._id;
  }
}

function storeNorms(members: MemberWithCare[], spend: Map<string, number>, topPercent: number): StoreNorms {
  const buyers = members.filter((m) => m.purchaseCount > 0);
  return {
    spendReferenceFen: spendReferenceFen(buyers.map((m) => spend.get(m._id) ?? 0)),
    highTicketMinFen: highTicketMinFen(buyers.map((m) => Math.floor(m.totalSpendFen / m.purchaseCount)), topPercent),
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

/**
 * The nightly pass: RFM quintiles per store, the heat index of the week, the norms (the spend worth
 * full marks, the 高客单 line), and with them the segment (VIP can follow RFM) and automatic tags. It
 * needs every member's figures (a distribution), so it reads the brand in pages of 1000 by _id; it
 * writes only members whose values changed, grouped by the change (one request sets one value on up to
 * 500 members). A run cut short leaves today's state 'running' and the next hourly run recomputes and
 * writes only what is still different: resumable without saving the 100 000 rows anywhere.
 * Members whose heat fell two weeks in a row are made due for a visit (the churn task).
 */
export async function nightlyScores(settings: BrandSettings, now: Date, deadline: number): Promise<{ status: 'done' | 'running' | 'skipped'; members: number; changed: number; requests: number }> {
  const id = `scores:${shanghaiDayKey(now)}`;
  const state = await jobState(id);
  if (state?.status === 'done') return { status: 'skipped', members: 0, changed: 0, requests: 0 };
  const members = await readAllMembers(deadline);
  if (!members) return { status: 'running', members: 0, changed: 0, requests: 0 };
  if (Date.now() >= deadline) return { status: 'running', members: members.length, changed: 0, requests: 0 };
  const care = settings.care;
  const spend = new Map(members.map((m) => [m._id, spendInLast12Months(m.spendMonths, now)]));
  const rfm = rfmScores(
    members.map((m) => ({
      memberId: m._id,
      storeId: m.homeStoreId,
      lastPurchaseAt: m.lastPurchaseAt,
      purchases12m: m.recentPurchases.filter((p) => now.getTime() - p.at.getTime() <= 365 * DAY_MS).length,
      spend12mFen: spend.get(m._id) ?? 0,
    })),
    care,
    now,
  );
  const byStore = new Map<string, MemberWithCare[]>();
  for (const m of members) {
    const list = byStore.get(m.homeStoreId ?? '');
    if (list) list.push(m);
    else byStore.set(m.homeStoreId ?? '', [m]);
  }
  const norms: ScoreNorms = { brand: storeNorms(members, spend, care.highTicketTopPercent), stores: {} };
  for (const [storeId, list] of byStore) if (storeId) norms.stores[storeId] = storeNorms(list, spend, care.highTicketTopPercent);
  await saveJobState(NORMS_ID, { status: 'done', phase: 'norms', cursor: null, watermark: now, data: norms as unknown as Record<string, unknown>, updatedAt: now });

  const week = heatWeekKey(now);
  const drop = [...new Set(members.flatMap((m) => heatWeeksToDrop(m.heatWeeks, now)))];
  const writes = new Writes();
  for (const m of members) {
    if (Date.now() >= deadline) return { status: 'running', members: members.length, changed: 0, requests: 0 };
    const norm = (m.homeStoreId && norms.stores[m.homeStoreId]) || norms.brand;
    const score = rfm.get(m._id) ?? null;
    const spend12m = spend.get(m._id) ?? 0;
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
  const flushed = await writes.flush(deadline);
  await saveJobState(id, { status: flushed.done ? 'done' : 'running', phase: 'write', cursor: null, watermark: now, data: { members: members.length }, updatedAt: now });
  return { status: flushed.done ? 'done' : 'running', members: members.length, changed: writes.members, requests: flushed.requests };
}
