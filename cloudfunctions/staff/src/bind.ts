import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { StaffView } from '../../../shared/contracts/views';
import type { RequestContext } from '../../../server/dispatch';
import { C, type InviteDoc, type StaffDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { newId, shortCode } from '../../../server/ids';
import { findStaffByOpenid, storeById } from '../../../server/queries';
import { txnGet, withTransaction } from '../../../server/transaction';
import { staffView } from '../../../server/views';

/**
 * Binds the caller with a one-time invite. Marking the invite used and creating the staff record are
 * one transaction, so an invite can never bind two people; repeating the same bind answers the same record.
 */
export async function bind(input: ParsedInputOf<StaffContract, 'bind'>, ctx: RequestContext): Promise<StaffView> {
  if (!ctx.openid) throw new AppError('FORBIDDEN');
  const existing = await findStaffByOpenid(ctx.openid);
  if (existing) {
    if (existing.inviteCode === input.inviteCode) return staffView(existing, (await storeById(existing.storeId))?.name ?? '');
    throw new AppError('ALREADY_STAFF');
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const staff = await withTransaction(async (txn) => {
        const invite = await txnGet<InviteDoc>(txn, C.invites, input.inviteCode);
        if (!invite || invite.expiresAt.getTime() <= ctx.now.getTime()) throw new AppError('INVITE_INVALID');
        if (invite.usedBy && invite.usedBy !== ctx.openid) throw new AppError('INVITE_USED');
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
      return staffView(staff, (await storeById(staff.storeId))?.name ?? '');
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Either this openid won a race with itself (answer its record) or the short code collided (try another).
      const winner = await findStaffByOpenid(ctx.openid);
      if (winner) return staffView(winner, (await storeById(winner.storeId))?.name ?? '');
      if (attempt >= 3) throw error;
    }
  }
}
