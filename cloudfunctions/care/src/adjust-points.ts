import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CareContract } from '../../../shared/contracts/care';
import { adjustReason } from '../../../shared/rules/ledger-text';
import { applyAdjustment } from '../../../shared/rules/member-state';
import { auditInTransaction } from '../../../server/audit';
import { assertManagesMember } from '../../../server/care-access';
import type { RequestContext } from '../../../server/dispatch';
import { C, type LedgerDoc, type MemberDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { memberState, saveMember, withMemberState } from '../../../server/member-state';
import { getById, memberById, requireStaff } from '../../../server/queries';
import { assertNotOwnMembership } from '../../../server/staff-guard';
import { txnGet, withTransaction } from '../../../server/transaction';
import { pointsChanged } from '../../../server/message-causes';
import { enqueueInTransaction, newMessage } from '../../../server/outbox';
import { brandSettings } from '../../../server/settings';

/**
 * A manager's (the member's store) or admin's manual point change: one transaction writes the member,
 * the ledger entry `adjust:<staff>:<request>` (so a retry adds nothing: the entry exists) and its audit
 * entry. Taking more than the member has is refused; the ledger still sums to the balance.
 */
export async function adjustPoints(input: ParsedInputOf<CareContract, 'adjustPoints'>, ctx: RequestContext): Promise<{ pointsBalance: number; entryId: string }> {
  const staff = await requireStaff(ctx.openid);
  const entryId = `adjust:${staff._id}:${input.requestId}`;
  const settings = await brandSettings();
  try {
    return await withTransaction(async (txn) => {
      const member = await txnGet<MemberDoc>(txn, C.members, input.memberId);
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      assertManagesMember(staff, member);
      assertNotOwnMembership(staff, member);
      const state = applyAdjustment(memberState(member), { points: input.points, lotId: entryId, now: ctx.now }, settings);
      if (!state) throw new AppError('POINTS_ADJUST_TOO_LOW');
      // The entry first: a repeated request fails here, before anything else is written.
      await txn.collection<LedgerDoc>(C.ledger).add({
        data: {
          _id: entryId,
          memberId: member._id,
          type: 'adjust',
          points: input.points,
          reason: adjustReason(input.reason),
          storeId: staff.storeId,
          staffId: staff._id,
          purchaseId: null,
          expiresAt: input.points > 0 ? (state.pointsLots.find((lot) => lot.id === entryId)?.expiresAt ?? null) : null,
          createdAt: ctx.now,
        },
      });
      const updated = withMemberState(member, state);
      await saveMember(txn, updated);
      // She is told, if she subscribed: once, by the entry.
      await enqueueInTransaction(txn, newMessage(updated, pointsChanged(entryId, { points: input.points, balance: state.pointsBalance, reason: adjustReason(input.reason), at: ctx.now }), settings, ctx.now));
      await auditInTransaction(txn, staff, { action: 'points_adjust', memberId: member._id, detail: `${input.points > 0 ? '+' : ''}${input.points}积分：${input.reason}` }, ctx.now, `audit:${entryId}`);
      return { pointsBalance: state.pointsBalance, entryId };
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const [entry, member] = await Promise.all([getById<LedgerDoc>(C.ledger, entryId), memberById(input.memberId)]);
    if (!entry || entry.memberId !== input.memberId) throw new AppError('BUSY');
    return { pointsBalance: member.pointsBalance, entryId };
  }
}
