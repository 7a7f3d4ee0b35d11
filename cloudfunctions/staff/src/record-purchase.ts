import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { PurchaseResultView } from '../../../shared/contracts/views';
import { saleNeedsApproval } from '../../../shared/rules/sales';
import { db, type Stored } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type ApprovalDoc, type PurchaseDoc, type StaffDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { getById, memberById, requireStaff } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { assertNotOwnMembership } from '../../../server/staff-guard';
import { purchaseIdFor, recordSale, resultView, sameSale, type Sale } from './sale';

/**
 * Records a purchase at the caller's store (see recordSale). A clerk's sale above the brand's limit is
 * not recorded: it waits as a pending sale for a manager or admin, and the clerk is told so
 * (APPROVAL_REQUIRED) — asking again is harmless, it is the same pending sale.
 */
export async function recordPurchase(input: ParsedInputOf<StaffContract, 'recordPurchase'>, ctx: RequestContext): Promise<PurchaseResultView> {
  const staff = await requireStaff(ctx.openid);
  const settings = await brandSettings();
  const sale: Sale = { ...input, storeId: staff.storeId };
  if (saleNeedsApproval(staff.role, input.amountFen, settings.clerkSaleLimitFen)) {
    return resultView(await requestApproval(sale, staff, ctx.now), settings);
  }
  return recordSale(sale, { clerk: staff }, settings, ctx.now);
}

/** Returns the purchase if this order was recorded already; otherwise files (or finds) the pending sale and refuses. */
async function requestApproval(sale: Sale, clerk: Stored<StaffDoc>, now: Date) {
  const purchaseId = purchaseIdFor(sale.storeId, sale.orderNo);
  const [purchase, member] = await Promise.all([getById<PurchaseDoc>(C.purchases, purchaseId), memberById(sale.memberId)]);
  if (purchase) {
    if (!sameSale(purchase, sale)) throw new AppError('ORDER_CONFLICT');
    return { purchase, member, duplicate: true };
  }
  assertNotOwnMembership(clerk, member);
  const approval: ApprovalDoc = {
    memberId: sale.memberId,
    storeId: sale.storeId,
    staffId: clerk._id,
    orderNo: sale.orderNo,
    amountFen: sale.amountFen,
    categories: sale.categories,
    couponIds: sale.couponIds,
    status: 'pending',
    requestedAt: now,
    decidedBy: null,
    decidedAt: null,
    declineReason: '',
  };
  try {
    await db.collection<ApprovalDoc>(C.approvals).add({ data: { ...approval, _id: purchaseId } });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const filed = await getById<ApprovalDoc>(C.approvals, purchaseId);
    if (filed && !sameSale(filed, sale)) throw new AppError('ORDER_CONFLICT');
    if (filed?.status === 'declined') throw new AppError('APPROVAL_DECLINED');
    if (filed?.status === 'approved') {
      const recorded = await getById<PurchaseDoc>(C.purchases, purchaseId);
      if (recorded) return { purchase: recorded, member: await memberById(sale.memberId), duplicate: true };
    }
  }
  throw new AppError('APPROVAL_REQUIRED');
}
