import { z } from 'zod';
import { action } from './action';
import { amountFen, categories, id, orderNo } from './fields';
import type { CustomerView, PurchaseResultView, PurchaseView, StaffView, VoidResultView } from './views';

/** The `staff` cloud function: what a clerk, manager or admin does at the till. */
export const staffContract = {
  /** Bind the caller as staff with an invite code a manager made. */
  bind: action(z.object({ inviteCode: z.string().trim().toUpperCase().length(8, '邀请码为8位') })).returns<StaffView>(),

  /** The caller's staff record, or null: decides whether the staff tab shows. */
  me: action(z.object({}).default({})).returns<StaffView | null>(),

  /** A scanned member code → the customer as a clerk sees them. */
  resolveMemberCode: action(z.object({ token: z.string().min(1).max(200) })).returns<CustomerView>(),

  customer: action(z.object({ memberId: id })).returns<CustomerView>(),

  /** Idempotent by order number within the store: the same order never counts twice. */
  recordPurchase: action(
    z.object({ memberId: id, amountFen, orderNo, categories }),
  ).returns<PurchaseResultView>(),

  /** Idempotent: voiding twice reverses once. */
  voidPurchase: action(z.object({ purchaseId: id, reason: z.string().trim().max(50).default('') })).returns<VoidResultView>(),

  purchases: action(z.object({ memberId: id, limit: z.number().int().min(1).max(50).default(20) })).returns<{ purchases: PurchaseView[] }>(),
};

export type StaffContract = typeof staffContract;
