import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { PendingSaleView, PurchaseResultView } from '../../../shared/contracts/views';
import { maskPhone } from '../../../shared/rules/mask';
import { db, _, type Stored } from '../../../server/cloud';
import { storeInScope } from '../../../server/authority';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type ApprovalDoc, type MemberDoc, type StaffDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { getById, requireStaff } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { txnGet } from '../../../server/transaction';
import { recordSale } from './sale';

/** Clerks' sales above the limit waiting in a store, newest first (managers: their store; admins: any). */
export async function pendingSales(input: ParsedInputOf<StaffContract, 'pendingSales'>, ctx: RequestContext): Promise<{ sales: PendingSaleView[] }> {
  const staff = await requireStaff(ctx.openid);
  const storeId = storeInScope(staff, input.storeId);
  const { data } = await db.collection<ApprovalDoc>(C.approvals).where({ storeId, status: 'pending' }).orderBy('requestedAt', 'desc').limit(50).get();
  const memberIds = [...new Set(data.map((a) => a.memberId))];
  const [members, named] = await Promise.all([
    memberIds.length ? db.collection<MemberDoc>(C.members).where({ _id: _.in(memberIds) }).limit(memberIds.length).get() : { data: [] },
    names({ staff: data.map((a) => a.staffId) }),
  ]);
  const byId = new Map(members.data.map((m) => [m._id, m]));
  return {
    sales: data.map((a) => ({
      approvalId: a._id,
      orderNo: a.orderNo,
      amountFen: a.amountFen,
      categories: a.categories,
      memberName: byId.get(a.memberId)?.name ?? '',
      phoneMasked: maskPhone(byId.get(a.memberId)?.phone ?? ''),
      staffName: named.staff(a.staffId),
      requestedAt: a.requestedAt.toISOString(),
    })),
  };
}

/**
 * A manager or admin confirms a pending sale: it is recorded as the clerk's sale (credited to them,
 * approved by the caller) and the pending sale closes in the same transaction. Confirming twice, or
 * two managers at once, records it once.
 */
export async function approveSale(input: ParsedInputOf<StaffContract, 'approveSale'>, ctx: RequestContext): Promise<PurchaseResultView> {
  const approver = await requireStaff(ctx.openid);
  const [approval, settings] = await Promise.all([getById<ApprovalDoc>(C.approvals, input.approvalId), brandSettings()]);
  if (!approval) throw new AppError('APPROVAL_NOT_FOUND');
  storeInScope(approver, approval.storeId);
  if (approval.status === 'declined') throw new AppError('APPROVAL_DECLINED');
  const clerk = await getById<StaffDoc>(C.staff, approval.staffId);
  if (!clerk) throw new AppError('APPROVAL_NOT_FOUND');
  const sale = { storeId: approval.storeId, memberId: approval.memberId, amountFen: approval.amountFen, orderNo: approval.orderNo, categories: approval.categories, couponIds: approval.couponIds ?? [] };
  return recordSale(sale, { clerk: clerk as Stored<StaffDoc>, approver }, settings, ctx.now, async (txn) => {
    const current = await txnGet<ApprovalDoc>(txn, C.approvals, approval._id);
    if (current?.status === 'declined') throw new AppError('APPROVAL_DECLINED');
    if (current?.status !== 'pending') throw new AppError('APPROVAL_NOT_FOUND');
    await txn.collection<ApprovalDoc>(C.approvals).doc(approval._id).update({ data: { status: 'approved', decidedBy: approver._id, decidedAt: ctx.now } });
  });
}

/** Declining closes the pending sale; the clerk's next try of that order is told it was declined. */
export async function declineSale(input: ParsedInputOf<StaffContract, 'declineSale'>, ctx: RequestContext): Promise<{ declined: true }> {
  const staff = await requireStaff(ctx.openid);
  const approval = await getById<ApprovalDoc>(C.approvals, input.approvalId);
  if (!approval) throw new AppError('APPROVAL_NOT_FOUND');
  storeInScope(staff, approval.storeId);
  if (approval.status === 'declined') return { declined: true };
  const { stats } = await db
    .collection<ApprovalDoc>(C.approvals)
    .where({ _id: approval._id, status: 'pending' })
    .update({ data: { status: 'declined', decidedBy: staff._id, decidedAt: ctx.now, declineReason: input.reason } });
  if (stats.updated === 0) {
    const now = await getById<ApprovalDoc>(C.approvals, approval._id);
    if (now?.status !== 'declined') throw new AppError('APPROVAL_NOT_FOUND');
  }
  return { declined: true };
}
