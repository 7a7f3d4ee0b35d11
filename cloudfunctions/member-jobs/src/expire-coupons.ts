import { db, _ } from '../../../server/cloud';
import { C, type CouponDoc, type CouponEvent } from '../../../server/documents';

const PAGE = 100;
/** A coupon still pending after this never got its unit taken (a crash): it is dropped. */
const PENDING_GRACE_MS = 10 * 60_000;

/**
 * Coupons past their end become expired — visiting only those that are due (dueAt, indexed and cleared
 * once a coupon is used or expired), each by a conditional update, so a run cut short or run twice
 * neither skips nor repeats one. Then pending coupons a crash left behind are removed.
 */
export async function expireCoupons(now: Date, deadline: number): Promise<{ expired: number; droppedPending: number; finished: boolean }> {
  const coupons = db.collection<CouponDoc>(C.coupons);
  const event: CouponEvent = { type: 'expired', at: now, by: 'system' };
  let expired = 0;
  while (Date.now() < deadline) {
    const { data } = await coupons.where({ dueAt: _.lte(now) }).field({ _id: true }).orderBy('dueAt', 'asc').limit(PAGE).get();
    if (!data.length) break;
    for (const coupon of data) {
      if (Date.now() >= deadline) return { expired, droppedPending: 0, finished: false };
      const { stats } = await coupons
        .where({ _id: coupon._id, status: 'unused', dueAt: _.lte(now) })
        .update({ data: { status: 'expired', dueAt: null, history: _.push([event]) } });
      expired += stats.updated;
      // Not unused any more (used meanwhile, say) yet still carrying a due date: clear it so it is not visited again.
      if (stats.updated === 0) await coupons.where({ _id: coupon._id, status: _.neq('unused'), dueAt: _.lte(now) }).update({ data: { dueAt: null } });
    }
  }
  const { stats } = await coupons.where({ status: 'pending', grantedAt: _.lt(new Date(now.getTime() - PENDING_GRACE_MS)) }).remove();
  return { expired, droppedPending: stats.removed, finished: Date.now() < deadline };
}
