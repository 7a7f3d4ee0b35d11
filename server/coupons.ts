import { notApplicableText, stackProblemText } from '../shared/rules/coupon-text';
import { refundOutcome, type RefundPolicy } from '../shared/rules/coupon-templates';
import { applyCoupons, couponWindow, stackProblem, whyNotApplicable, type AppliedCoupon, type CouponFacts } from '../shared/rules/coupons';
import { shanghaiDayKey } from '../shared/time/shanghai';
import type { Stored, Transaction } from './cloud';
import { C, type CouponDoc, type CouponEvent } from './documents';
import { AppError } from './errors';
import { newId } from './ids';
import { saveDoc } from './member-state';
import { txnGet } from './transaction';

/** Coupons inside a sale's or a void's transaction: read, checked, priced, used and given back. */

export function couponFacts(coupon: Stored<CouponDoc>): CouponFacts & { id: string } {
  return {
    id: coupon._id,
    memberId: coupon.memberId,
    status: coupon.status === 'pending' ? 'revoked' : coupon.status,
    rule: coupon.rule,
    validFrom: coupon.validFrom,
    validUntil: coupon.validUntil,
    storeIds: coupon.storeIds,
    stackable: coupon.stackable,
  };
}

export function grantedMonth(at: Date): string {
  return shanghaiDayKey(at).slice(0, 6);
}

/**
 * The coupons a sale wants, read in its transaction and checked against it: each must be this member's,
 * unused, valid now, good at this store, over its threshold, and they must stack. Any failure refuses
 * the whole sale with the clerk-readable reason, so a sale records with its coupons or not at all.
 */
export async function couponsForSale(
  txn: Transaction,
  couponIds: string[],
  sale: { memberId: string; storeId: string; amountFen: number; now: Date },
): Promise<{ coupons: Stored<CouponDoc>[]; paidFen: number; discountFen: number; applied: AppliedCoupon[] }> {
  const coupons: Stored<CouponDoc>[] = [];
  for (const id of couponIds) {
    const coupon = await txnGet<CouponDoc>(txn, C.coupons, id);
    if (!coupon || coupon.status === 'pending') throw new AppError('COUPON_NOT_FOUND', { [id]: '优惠券不存在' });
    const reason = whyNotApplicable(couponFacts(coupon), sale);
    if (reason) throw new AppError('COUPON_NOT_APPLICABLE', { [id]: `${coupon.templateName}：${notApplicableText(reason)}` });
    coupons.push(coupon);
  }
  const stack = stackProblem(coupons.map(couponFacts));
  if (stack) throw new AppError('COUPON_NOT_APPLICABLE', { couponIds: stackProblemText(stack) });
  return { coupons, ...applyCoupons(sale.amountFen, coupons.map((c) => ({ id: c._id, rule: c.rule }))) };
}

export async function markUsed(
  txn: Transaction,
  coupons: Stored<CouponDoc>[],
  applied: AppliedCoupon[],
  use: { purchaseId: string; storeId: string; staffId: string; paidFen: number; now: Date },
): Promise<void> {
  for (const coupon of coupons) {
    const discountFen = applied.find((a) => a.id === coupon._id)?.discountFen ?? 0;
    const event: CouponEvent = { type: 'used', at: use.now, by: use.staffId, purchaseId: use.purchaseId };
    await saveDoc(txn, C.coupons, {
      ...coupon,
      status: 'used',
      dueAt: null,
      usedAt: use.now,
      usedPurchaseId: use.purchaseId,
      usedStoreId: use.storeId,
      usedStaffId: use.staffId,
      discountFen,
      usedSaleFen: use.paidFen,
      history: [...coupon.history, event],
    });
  }
}

/**
 * A voided sale's coupons, by the brand's policy: back to the member while still valid; after that
 * either kept as used or replaced by a new coupon for the days it had left (grant key replace:<coupon>).
 */
export async function giveBackCoupons(
  txn: Transaction,
  couponIds: string[],
  back: { purchaseId: string; staffId: string; policy: RefundPolicy; now: Date },
): Promise<{ restored: number; replaced: number }> {
  let restored = 0;
  let replaced = 0;
  for (const id of couponIds) {
    const coupon = await txnGet<CouponDoc>(txn, C.coupons, id);
    if (!coupon || coupon.status !== 'used' || coupon.usedPurchaseId !== back.purchaseId) continue;
    const outcome = refundOutcome(back.policy, { validUntil: coupon.validUntil, usedAt: coupon.usedAt ?? back.now }, back.now);
    if (outcome.action === 'keep-used') continue;
    const reason = `撤销消费 ${back.purchaseId}`;
    if (outcome.action === 'restore') {
      await saveDoc(txn, C.coupons, {
        ...coupon,
        status: 'unused',
        dueAt: coupon.validUntil,
        usedAt: null,
        usedPurchaseId: null,
        usedStoreId: null,
        usedStaffId: null,
        discountFen: 0,
        usedSaleFen: 0,
        history: [...coupon.history, { type: 'restored', at: back.now, by: back.staffId, reason, purchaseId: back.purchaseId }],
      });
      restored++;
      continue;
    }
    const window = couponWindow({ type: 'days', days: outcome.days, startsNextDay: false }, back.now);
    const replacementId = newId();
    await txn.collection<CouponDoc>(C.coupons).add({
      data: {
        ...coupon,
        _id: replacementId,
        grantKey: `replace:${coupon._id}`,
        slotKey: `none:${replacementId}`,
        status: 'unused',
        source: 'replacement',
        validFrom: window.validFrom,
        validUntil: window.validUntil,
        dueAt: window.validUntil,
        grantedAt: back.now,
        grantedBy: back.staffId,
        grantedMonth: grantedMonth(back.now),
        usedAt: null,
        usedPurchaseId: null,
        usedStoreId: null,
        discountFen: 0,
        usedSaleFen: 0,
        pointsSpent: 0,
        history: [{ type: 'granted', at: back.now, by: back.staffId, reason: `补发（原券 ${coupon._id} 已过期）` }],
      },
    });
    await saveDoc(txn, C.coupons, { ...coupon, history: [...coupon.history, { type: 'replaced', at: back.now, by: back.staffId, reason }] });
    replaced++;
  }
  return { restored, replaced };
}
