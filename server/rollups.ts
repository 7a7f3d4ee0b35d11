import { buildRollup, type DailyRollup, type RollupPurchase, type RollupSnapshot } from '../shared/rules/rollups';
import { SEGMENTS } from '../shared/contracts/care';
import type { BrandSettings } from '../shared/rules/brand-settings';
import { addDaysToDayKey, shanghaiDayKey } from '../shared/time/shanghai';
import { _, db, type Doc, type Stored } from './cloud';
import { storeDirectory } from './directory';
import { onShanghaiDay } from './queries';
import { C, type MemberDoc, type PurchaseDoc, type PurchaseReceipt, type TaskDoc } from './documents';

/**
 * Writing the daily rollups (shared/rules/rollups.ts) from the raw records of one store and day: the
 * day's valid purchases (store_paid), the members who joined (home_store), the tasks closed
 * (store_closed) — and for the current day a snapshot of the store's members by segment and tier.
 * A rollup is recomputed whole and set under `<store>:<day>`: running it again writes the same thing.
 */
const PAGE = 1000;

export function rollupId(storeId: string, day: string): string {
  return `${storeId}:${day}`;
}

async function all<T>(collection: string, where: Doc, fields: Record<string, boolean>): Promise<Stored<T>[]> {
  const found: Stored<T>[] = [];
  for (;;) {
    const { data } = await db.collection<T>(collection).where(where).field(fields).orderBy('_id', 'asc').skip(found.length).limit(PAGE).get();
    found.push(...data);
    if (data.length < PAGE) return found;
  }
}

async function snapshotOf(storeId: string, settings: BrandSettings): Promise<RollupSnapshot> {
  const members = db.collection<MemberDoc>(C.members);
  const count = async (where: Doc) => (await members.where({ homeStoreId: storeId, ...where }).count()).total;
  const [total, segments, tiers] = await Promise.all([
    count({}),
    Promise.all(SEGMENTS.map(async (segment) => [segment, await count({ segment })] as const)),
    Promise.all(settings.tiers.map(async (tier) => [tier.id, await count({ tierId: tier.id })] as const)),
  ]);
  return { members: total, segments: Object.fromEntries(segments), tiers: Object.fromEntries(tiers) };
}

/** One store's day, from its raw records (with today's snapshot when asked). */
export async function computeRollup(storeId: string, day: string, settings: BrandSettings, withSnapshot: boolean): Promise<DailyRollup> {
  const [purchases, joined, tasks, snapshot] = await Promise.all([
    all<PurchaseDoc>(C.purchases, _.and([{ storeId, status: 'valid' }, ...onShanghaiDay('paidAt', day)]), { memberId: true, staffId: true, paidFen: true, amountFen: true, discountFen: true, couponIds: true, paidAt: true }),
    all<MemberDoc>(C.members, _.and([{ homeStoreId: storeId }, ...onShanghaiDay('joinedAt', day)]), { inviterStaffId: true }),
    all<TaskDoc>(C.tasks, _.and([{ storeId }, ...onShanghaiDay('closedAt', day)]), { status: true, closedBy: true }),
    withSnapshot ? snapshotOf(storeId, settings) : Promise.resolve(null),
  ]);
  const buyers = [...new Set(purchases.map((p) => p.memberId))];
  const firsts = new Map<string, number>();
  for (let i = 0; i < buyers.length; i += PAGE) {
    const { data } = await db.collection<MemberDoc>(C.members).where({ _id: _.in(buyers.slice(i, i + PAGE)) }).field({ firstPurchaseAt: true }).limit(PAGE).get();
    for (const m of data) if (m.firstPurchaseAt) firsts.set(m._id, m.firstPurchaseAt.getTime());
  }
  const rows: RollupPurchase[] = purchases.map((p) => ({
    memberId: p.memberId,
    staffId: p.staffId,
    paidFen: p.paidFen ?? p.amountFen,
    discountFen: p.discountFen ?? 0,
    couponCount: p.couponIds?.length ?? 0,
    first: firsts.get(p.memberId) === p.paidAt.getTime(),
  }));
  return buildRollup(storeId, day, { purchases: rows, joined: joined.map((m) => ({ inviterStaffId: m.inviterStaffId })), tasks: tasks.map((t) => ({ closedBy: t.closedBy, done: t.status === 'done' })) }, snapshot);
}

export async function saveRollup(rollup: DailyRollup): Promise<void> {
  await db.collection<DailyRollup>(C.rollups).doc(rollupId(rollup.storeId, rollup.day)).set({ data: rollup });
}

/**
 * The hourly refresh: today and yesterday of every active store (yesterday's late voids and tasks),
 * and any older day a void marked dirty. Stops at the deadline; what is left is done next hour.
 */
export async function refreshRollups(settings: BrandSettings, now: Date, deadline: number): Promise<{ written: number; finished: boolean }> {
  const today = shanghaiDayKey(now);
  const stores = [...(await storeDirectory()).values()].filter((s) => s.active);
  const { data: dirty } = await db.collection<{ storeId: string; day: string }>(C.rollupDirty).limit(100).get();
  const work: Array<{ storeId: string; day: string; dirtyId?: string }> = [
    ...stores.flatMap((s) => [today, addDaysToDayKey(today, -1)].map((day) => ({ storeId: s._id, day }))),
    ...dirty.map((d) => ({ storeId: d.storeId, day: d.day, dirtyId: d._id })),
  ];
  let written = 0;
  for (const item of work) {
    if (Date.now() >= deadline) return { written, finished: false };
    await saveRollup(await computeRollup(item.storeId, item.day, settings, item.day === today));
    if (item.dirtyId) await db.collection(C.rollupDirty).doc(item.dirtyId).remove();
    written++;
  }
  return { written, finished: true };
}

/**
 * The past day whose rollup a void changes, beyond the hourly refresh of today and yesterday: the
 * voided sale's own. (Its member's other purchases keep their repeat status: the first visit is
 * firstPurchaseAt, which a void does not move.)
 */
export function dayChangedByVoid(receipt: PurchaseReceipt, now: Date): { storeId: string; day: string } | null {
  const day = shanghaiDayKey(receipt.at);
  return day < addDaysToDayKey(shanghaiDayKey(now), -1) ? { storeId: receipt.storeId, day } : null;
}
