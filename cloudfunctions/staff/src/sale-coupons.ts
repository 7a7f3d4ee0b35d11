import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { CouponView, SaleCouponView } from '../../../shared/contracts/views';
import { notApplicableText } from '../../../shared/rules/coupon-text';
import { bestFirst, whyNotApplicable } from '../../../shared/rules/coupons';
import { db } from '../../../server/cloud';
import { verifyCouponCode } from '../../../server/coupon-code';
import { couponFacts } from '../../../server/coupons';
import { couponView } from '../../../server/coupon-views';
import { storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type CouponDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { getById, requireStaff } from '../../../server/queries';

/** The customer's unused coupons for this sale: the usable ones best first, then the rest with why not. */
export async function saleCoupons(input: ParsedInputOf<StaffContract, 'saleCoupons'>, ctx: RequestContext): Promise<{ coupons: SaleCouponView[] }> {
  const staff = await requireStaff(ctx.openid);
  const [{ data }, stores] = await Promise.all([
    db.collection<CouponDoc>(C.coupons).where({ memberId: input.memberId, status: 'unused' }).field({ history: false }).orderBy('validUntil', 'asc').limit(100).get(),
    storeDirectory(),
  ]);
  const sale = { memberId: input.memberId, storeId: staff.storeId, amountFen: input.amountFen ?? Number.MAX_SAFE_INTEGER, now: ctx.now };
  const name = (id: string) => stores.get(id)?.name ?? '';
  const facts = data.map((c) => ({ ...couponFacts(c), doc: c }));
  const usable = bestFirst(facts, sale).map((c) => ({ coupon: couponView(c.doc, name, ctx.now), discountFen: input.amountFen === undefined ? 0 : c.discountFen, unavailable: null }));
  const usableIds = new Set(usable.map((u) => u.coupon.couponId));
  const others = facts
    .filter((c) => !usableIds.has(c.id))
    .map((c) => ({ coupon: couponView(c.doc, name, ctx.now), discountFen: 0, unavailable: notApplicableText(whyNotApplicable(c, sale)!) }))
    // An expired one is of no use at the till at all.
    .filter((c) => c.coupon.status === 'unused');
  return { coupons: [...usable, ...others] };
}

/** A scanned coupon code: the coupon and its holder. Forged, expired or unknown codes are refused. */
export async function resolveCouponCode(input: ParsedInputOf<StaffContract, 'resolveCouponCode'>, ctx: RequestContext): Promise<{ coupon: CouponView; memberId: string }> {
  await requireStaff(ctx.openid);
  const couponId = await verifyCouponCode(input.token, ctx.now);
  const [coupon, stores] = await Promise.all([getById<CouponDoc>(C.coupons, couponId), storeDirectory()]);
  if (!coupon || coupon.status === 'pending') throw new AppError('COUPON_NOT_FOUND');
  const view: CouponView = couponView(coupon, (id) => stores.get(id)?.name ?? '', ctx.now);
  return { coupon: view, memberId: coupon.memberId };
}
