import { buildRollup, type DailyRollup, type RollupInputs } from '../shared/rules/rollups';
import { shanghaiDayKey } from '../shared/time/shanghai';
import type { MemberDoc, PurchaseDoc, TaskDoc } from '../server/documents';

type WithId<T> = T & { _id: string };

/**
 * The demo year's daily rollups, built by the same rule the hourly job uses from the same records, so
 * the dashboard shows a year the moment the demo starts (the job then keeps today and yesterday, with
 * today's snapshot of the members). Days without any activity have no rollup; the dashboard counts
 * them as zeros.
 */
export function demoRollups(data: { members: WithId<MemberDoc>[]; purchases: WithId<PurchaseDoc>[]; tasks: WithId<TaskDoc>[] }): WithId<DailyRollup>[] {
  const inputs = new Map<string, RollupInputs & { storeId: string; day: string }>();
  const at = (storeId: string, when: Date) => {
    const day = shanghaiDayKey(when);
    const key = `${storeId}:${day}`;
    if (!inputs.has(key)) inputs.set(key, { storeId, day, purchases: [], joined: [], tasks: [] });
    return inputs.get(key)!;
  };
  const firstVisit = new Map(data.members.map((m) => [m._id, m.firstPurchaseAt?.getTime() ?? null]));
  for (const p of data.purchases) {
    if (p.status !== 'valid') continue;
    at(p.storeId, p.paidAt).purchases.push({
      memberId: p.memberId,
      staffId: p.staffId,
      paidFen: p.paidFen,
      discountFen: p.discountFen,
      couponCount: p.couponIds.length,
      first: firstVisit.get(p.memberId) === p.paidAt.getTime(),
    });
  }
  for (const m of data.members) if (m.homeStoreId) at(m.homeStoreId, m.joinedAt).joined.push({ inviterStaffId: m.inviterStaffId });
  for (const t of data.tasks) if (t.closedAt && t.storeId) at(t.storeId, t.closedAt).tasks.push({ closedBy: t.closedBy, done: t.status === 'done' });
  return [...inputs.entries()].map(([key, day]) => ({ _id: key, ...buildRollup(day.storeId, day.day, day, null) }));
}
