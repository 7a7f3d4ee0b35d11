import { z } from 'zod';
import { action } from './action';
import { amountFen, categories, id, inviteCode, orderNo, reason } from './fields';
import type { CouponView, CustomerView, PendingSaleView, PurchaseResultView, PurchaseView, SaleCouponView, StaffView, VoidResultView } from './views';

/** The `staff` function: what a clerk, manager or admin does at the till. */
export const staffContract = {
  /** Bind the caller as staff with an invite code a manager made. */
  bind: action(z.object({ inviteCode })).returns<StaffView>(),

  /** The caller's staff record, or null: decides whether the staff tab shows. */
  me: action(z.object({}).default({})).returns<StaffView | null>(),

  /** A scanned member code → the customer: the QR code's signed token, or the barcode's 18 digits (scanned or typed). */
  resolveMemberCode: action(z.object({ token: z.string('请扫描会员码').trim().min(1, '请扫描会员码').max(200, '无法识别的会员码') })).returns<CustomerView>(),

  customer: action(z.object({ memberId: id })).returns<CustomerView>(),

  /**
   * Idempotent by order number within the store: the same order never counts twice. A clerk's sale
   * above the brand's limit answers APPROVAL_REQUIRED and waits for a manager (pendingSales).
   */
  recordPurchase: action(
    z.object({ memberId: id, amountFen, orderNo, categories, couponIds: z.array(id).max(3, '每笔消费最多使用3张券').default([]) }),
  ).returns<PurchaseResultView>(),

  /**
   * Idempotent: voiding twice reverses once. `memberId` (the customer on screen) lets a recent
   * purchase be voided from the member's own record, without reading the purchase first.
   */
  voidPurchase: action(z.object({ purchaseId: id, memberId: id.optional(), reason: reason.default('') })).returns<VoidResultView>(),

  purchases: action(z.object({ memberId: id, limit: z.number().int().min(1).max(50).default(20) })).returns<{ purchases: PurchaseView[] }>(),

  /**
   * The customer's coupons for a sale of this amount at the caller's store: usable ones best first
   * (with what each takes off), then the others with why not.
   */
  saleCoupons: action(z.object({ memberId: id, amountFen: amountFen.optional() })).returns<{ coupons: SaleCouponView[] }>(),

  /** A coupon's scanned code → the coupon and whose it is (the till checks it is the customer's). */
  resolveCouponCode: action(z.object({ token: z.string('请扫描券码').trim().min(1, '请扫描券码').max(200, '无法识别的券码') })).returns<{ coupon: CouponView; memberId: string }>(),

  /** Managers and admins: clerks' sales above the limit waiting in a store. */
  pendingSales: action(z.object({ storeId: id.optional() }).default({})).returns<{ sales: PendingSaleView[] }>(),

  /** Records a pending sale as the clerk's, confirmed by the caller. Idempotent. */
  approveSale: action(z.object({ approvalId: id })).returns<PurchaseResultView>(),

  declineSale: action(z.object({ approvalId: id, reason: reason.default('') })).returns<{ declined: true }>(),
};

export type StaffContract = typeof staffContract;
