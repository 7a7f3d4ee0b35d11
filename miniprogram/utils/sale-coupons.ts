import type { SaleCouponView } from '../shared/contracts/views';
import { notApplicableText, stackProblemText } from '../shared/rules/coupon-text';
import { applyCoupons, discountFor, isMoneyOff, stackProblem } from '../shared/rules/coupons';
import { pointsForPurchase } from '../shared/rules/points';

/**
 * The till's coupon arithmetic as the amount is typed, with the same rules the server applies when it
 * records the sale (it checks again; this only shows the clerk what will happen).
 */

export interface TillCoupon {
  id: string;
  view: SaleCouponView;
}

/** Why this coupon cannot go on a sale of `amountFen` (the server's reason, or the threshold), or ''. */
export function blockedReason(coupon: SaleCouponView, amountFen: number): string {
  if (coupon.unavailable) return coupon.unavailable;
  const { thresholdFen } = coupon.coupon.rule;
  if (amountFen < thresholdFen) return notApplicableText({ code: 'BELOW_THRESHOLD', missingFen: thresholdFen - amountFen });
  return '';
}

/** The best money-off coupon for this amount, plus the first gift: what a clerk would pick. */
export function suggestCoupons(coupons: SaleCouponView[], amountFen: number): string[] {
  const open = coupons.filter((c) => !blockedReason(c, amountFen));
  const best = open
    .filter((c) => isMoneyOff(c.coupon.rule))
    .map((c) => ({ id: c.coupon.couponId, off: discountFor(c.coupon.rule, amountFen), until: Date.parse(c.coupon.validUntil) }))
    .filter((c) => c.off > 0)
    .sort((a, b) => b.off - a.off || a.until - b.until)[0];
  const gift = open.find((c) => !isMoneyOff(c.coupon.rule));
  return [...(best ? [best.id] : []), ...(gift ? [gift.coupon.couponId] : [])];
}

export interface SalePreview {
  paidFen: number;
  discountFen: number;
  points: number;
  /** Why the selection cannot be used together, or ''. */
  problem: string;
}

export function previewSale(coupons: SaleCouponView[], selectedIds: string[], amountFen: number, multiplierPermille: number): SalePreview {
  const selected = coupons.filter((c) => selectedIds.includes(c.coupon.couponId) && !blockedReason(c, amountFen));
  const stack = stackProblem(selected.map((c) => ({ id: c.coupon.couponId, rule: c.coupon.rule, stackable: c.coupon.stackable })));
  const priced = applyCoupons(amountFen, selected.map((c) => ({ id: c.coupon.couponId, rule: c.coupon.rule })));
  return {
    paidFen: priced.paidFen,
    discountFen: priced.discountFen,
    points: amountFen > 0 ? pointsForPurchase(priced.paidFen, multiplierPermille) : 0,
    problem: stack ? stackProblemText(stack) : '',
  };
}

/** The ids still good for this amount (a selection made at a higher amount may no longer apply). */
export function applicableIds(coupons: SaleCouponView[], selectedIds: string[], amountFen: number): string[] {
  return selectedIds.filter((id) => {
    const coupon = coupons.find((c) => c.coupon.couponId === id);
    return coupon !== undefined && !blockedReason(coupon, amountFen);
  });
}
