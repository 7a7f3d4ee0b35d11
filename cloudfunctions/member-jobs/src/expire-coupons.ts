import { db, _ } from '../../../server/cloud';
import { C, type CouponDoc, type CouponEvent } from '../../../server/documents';

const PAGE = 1000;
/** A coupon still pending after this never got its unit taken (a crash): it is dropped. */
const PENDING_GRACE_MS = 10 * 60_000;

/**
 * Coupons past their end become expired — visiting only those that are due (dueAt, indexed and cleared
 * once a coupon is used or expired), a page of ids at a time, each page by one conditional update
 * (only what is still unused changes), so a run cut short or run twice neither skips nor repeats one.
 * Then pending coupons a crash left behind are removed.
 */
export async function expireCoupons(now: Date, deadline: number): Promise<{ expired: number; droppedPending: number; finished: boolean }> {
  const coupons = db.collection<CouponDoc>(C.coupons);
  const event: CouponEvent = { type: 'expired', at: now, by: 'system' };
  let expired = 0;
  for (;;) {
    if (Date.now() >= deadline) return { expired, droppedPending: 0, finished: false };
    const { data } = await coupons.where({ dueAt: _.lte(now) }).field({ _id: true }).orderBy('dueAt', 'asc').limit(PAGE).get();
    if (!data.length) break;
    const ids = data.map((c) => c._id);
    const { stats } = await coupons.where({ _id: _.in(ids), status: 'unused' }).update({ data: { status: 'expired', dueAt: null, history: _.push([event]) } });
    expired += stats.updated;
    // Used or revoked meanwhile yet still carrying a due date: clear it, so the next page moves on.
    if (stats.updated < ids.length) await coupons.where({ _id: _.in(ids), dueAt: _.neq(null) }).update({ data: { dueAt: null } });
  }
  const { stats } = await coupons.where({ status: 'pending', grantedAt: _.lt(new Date(now.getTime() - PENDING_GRACE_MS)) }).remove();
  return { expired, droppedPending: stats.removed, finished: true };
}
