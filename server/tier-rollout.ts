import type { BrandSettings, TierDef } from '../shared/rules/brand-settings';
import { windowStartDay } from '../shared/rules/growth';
import { applyTierSettings } from '../shared/rules/member-state';
import { bandEdges, type GrowthBand } from '../shared/rules/tier-effect';
import { _, db } from './cloud';
import { C, type MemberDoc, type TierChangeDoc } from './documents';
import { jobState, saveJobState } from './job-state';
import { tierUpgraded } from './message-causes';
import { memberState, saveMember, withMemberState } from './member-state';
import { enqueueInTransaction, newMessage } from './outbox';
import { txnGet, withTransaction } from './transaction';

const $ = _.aggregate;
const JOB = 'tier-rollout';
const PAGE = 100;

/**
 * Members counted by tier and rolling-growth band, in one aggregation: the growth is summed from the
 * day buckets inside the window by the database, so the preview reads a few dozen rows, not members.
 */
export async function growthBands(before: TierDef[], after: TierDef[], settings: BrandSettings, now: Date): Promise<GrowthBand[]> {
  const start = windowStartDay(now, settings.growthWindowMonths);
  const edges = bandEdges(before, after).reverse();
  const { list } = await db
    .collection(C.members)
    .aggregate()
    .project({
      tierId: 1,
      growth: $.reduce({
        input: $.objectToArray('$growthBuckets'),
        initialValue: 0,
        in: $.cond({ if: $.gte(['$$this.k', start]), then: $.add(['$$value', '$$this.v']), else: '$$value' }),
      }),
    })
    .project({ tierId: 1, band: $.switch({ branches: edges.map((edge) => ({ case: $.gte(['$growth', edge]), then: edge })), default: 0 }) })
    .group({ _id: { tierId: '$tierId', band: '$band' }, members: $.sum(1) })
    .limit(1000)
    .end();
  return (list as Array<{ _id: { tierId: string; band: number }; members: number }>).map((row) => ({ tierId: row._id.tierId, band: row._id.band, members: row.members }));
}

/**
 * Starts (or restarts, with the newest tiers) the pass over the members of `tierIds`; those of
 * `keepChanged` also get their review date recomputed (a changed keep threshold moves it).
 */
export async function startTierRollout(tierIds: string[], keepChanged: string[], now: Date): Promise<void> {
  await saveJobState(JOB, { status: tierIds.length ? 'running' : 'done', phase: 'members', cursor: null, watermark: now, data: { tierIds, tierIndex: 0, keepChanged, scanned: 0, upgraded: 0, revisited: 0 }, updatedAt: now });
}

/**
 * Resumes the pass: one tier at a time (its members by id, from the `tier` index: equality then range,
 * so a page costs the same at the end as at the start), each member lifted (and told, if
 * subscribed) in its own transaction, or given its new review date by one conditional update — only
 * when something changes.
 * Re-running a page changes nothing more: a lifted member is already at their tier.
 */
export async function continueTierRollout(settings: BrandSettings, now: Date, deadline: number): Promise<{ status: string; upgraded: number; revisited: number }> {
  const state = await jobState(JOB);
  if (!state || state.status === 'done') return { status: 'idle', upgraded: 0, revisited: 0 };
  const data = state.data as { tierIds: string[]; tierIndex: number; keepChanged: string[]; scanned: number; upgraded: number; revisited: number };
  let cursor = state.cursor;
  while (Date.now() < deadline) {
    const tierId = data.tierIds[data.tierIndex];
    const where = cursor ? { tierId, _id: _.gt(cursor) } : { tierId };
    const { data: page } = await db.collection<MemberDoc>(C.members).where(where).orderBy('_id', 'asc').limit(PAGE).field({ tierId: true, growthBuckets: true, tierReviewAt: true }).get();
    data.scanned += page.length;
    for (const found of page) {
      const preview = applyTierSettings({ ...memberState(found as MemberDoc), pointsLots: [] }, now, settings);
      // A review date recomputed under an unchanged keep threshold differs only by "now": not worth a write.
      const reviewMoved = (data.keepChanged ?? []).includes(found.tierId) && !sameInstant(preview.state.tierReviewAt, found.tierReviewAt);
      if (preview.state.tierId === found.tierId && !reviewMoved) continue;
      data.revisited += 1;
      if (preview.state.tierId === found.tierId) {
        // Only the review date moves: one conditional update (unless a sale or review changed the member since the read).
        await db.collection<MemberDoc>(C.members).where({ _id: found._id, tierId: found.tierId, tierReviewAt: found.tierReviewAt ?? null }).update({ data: { tierReviewAt: preview.state.tierReviewAt } });
        continue;
      }
      if (await revisit(found._id, settings, now)) data.upgraded += 1;
    }
    const tierDone = page.length < PAGE;
    cursor = tierDone ? null : page[page.length - 1]._id;
    if (tierDone) data.tierIndex += 1;
    const done = data.tierIndex >= data.tierIds.length;
    await saveJobState(JOB, { ...state, status: done ? 'done' : 'running', cursor, data, updatedAt: now });
    if (done) return { status: 'done', ...data };
  }
  return { status: 'running', upgraded: data.upgraded, revisited: data.revisited };
}

async function revisit(memberId: string, settings: BrandSettings, now: Date): Promise<boolean> {
  return withTransaction(async (txn) => {
    const member = await txnGet<MemberDoc>(txn, C.members, memberId);
    if (!member) return false;
    const result = applyTierSettings(memberState(member), now, settings);
    const updated = withMemberState(member, result.state, result.upgraded ? { tierSince: now } : {});
    await saveMember(txn, updated);
    if (result.upgraded) {
      const key = `settings:${now.getTime()}:${memberId}`;
      await txn.collection<TierChangeDoc>(C.tierChanges).add({
        data: { memberId, from: result.from.id, to: result.to.id, reason: 'settings', growth: result.rollingGrowth, purchaseId: null, at: now },
      });
      await enqueueInTransaction(txn, newMessage(updated, tierUpgraded(key, result.to, now), settings, now));
    }
    return result.upgraded;
  });
}

function sameInstant(a: Date | null | undefined, b: Date | null | undefined): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}
