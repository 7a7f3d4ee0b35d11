import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { StaffView } from '../../../shared/contracts/views';
import type { Stored } from '../../../server/cloud';
import { mayInvite } from '../../../server/authority';
import { forgetDirectory, storeName } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, CONSOLE_INVITER, type InviteDoc, type StaffDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { newId, shortCode } from '../../../server/ids';
import { findStaffByOpenid } from '../../../server/queries';
import { txnGet, withTransaction } from '../../../server/transaction';
import { staffView } from '../../../server/views';

/**
 * Binds the caller with a one-time invite. Marking the invite used and creating the staff record are
 * one transaction, which also re-reads the invite's creator: an invite dies when its creator is
 * disabled or may no longer give that role, and when it is revoked. Repeating the same bind answers
 * the same record; any other bind by someone who is staff already answers ALREADY_STAFF — also when
 * one WeChat user binds two invites at once (the unique openid lets one through).
 */
export async function bind(input: ParsedInputOf<StaffContract, 'bind'>, ctx: RequestContext): Promise<StaffView> {
  if (!ctx.openid) throw new AppError('FORBIDDEN');
  const existing = await findStaffByOpenid(ctx.openid);
  if (existing) return sameBind(existing, input.inviteCode);
  for (let attempt = 0; ; attempt++) {
    try {
      const staff = await withTransaction(async (txn) => {
        const invite = await txnGet<InviteDoc>(txn, C.invites, input.inviteCode);
        if (!invite || invite.expiresAt.getTime() <= ctx.now.getTime()) throw new AppError('INVITE_INVALID');
        if (invite.revokedAt) throw new AppError('INVITE_REVOKED');
        if (invite.usedBy && invite.usedBy !== ctx.openid) throw new AppError('INVITE_USED');
        if (invite.createdBy !== CONSOLE_INVITER) {
          const creator = await txnGet<StaffDoc>(txn, C.staff, invite.createdBy);
          if (!creator || !mayInvite(creator, invite)) throw new AppError('INVITE_INVALID');
        }
        const doc: StaffDoc = {
          openid: ctx.openid,
          code: shortCode(6),
          name: invite.name,
          role: invite.role,
          storeId: invite.storeId,
          status: 'active',
          inviteCode: input.inviteCode,
          boundAt: ctx.now,
        };
        const id = newId();
        await txn.collection<InviteDoc>(C.invites).doc(input.inviteCode).update({ data: { usedBy: ctx.openid, usedAt: ctx.now } });
        await txn.collection<StaffDoc>(C.staff).add({ data: { ...doc, _id: id } });
        return { ...doc, _id: id };
      });
      forgetDirectory();
      return staffView(staff, await storeName(staff.storeId));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Either this openid won a race with itself (same invite: its record; another: ALREADY_STAFF) or the short code collided.
      const winner = await findStaffByOpenid(ctx.openid);
      if (winner) return sameBind(winner, input.inviteCode);
      if (attempt >= 3) throw error;
    }
  }
}

async function sameBind(staff: Stored<StaffDoc>, inviteCode: string): Promise<StaffView> {
  if (staff.status !== 'active') throw new AppError('STAFF_DISABLED');
  if (staff.inviteCode !== inviteCode) throw new AppError('ALREADY_STAFF');
  return staffView(staff, await storeName(staff.storeId));
}
