import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AdminContract } from '../../../shared/contracts/admin';
import type { InviteView } from '../../../shared/contracts/views';
import { db } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type InviteDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { shortCode } from '../../../server/ids';
import { requireStaff, storeById } from '../../../server/queries';
import { mayInvite, storeInScope } from '../../../server/authority';

const INVITE_TTL_MS = 7 * 86_400_000;

/** A one-time, week-long invite. Managers may invite clerks to their store; admins anyone anywhere. */
export async function createInvite(input: ParsedInputOf<AdminContract, 'createInvite'>, ctx: RequestContext): Promise<InviteView> {
  const staff = await requireStaff(ctx.openid);
  const storeId = storeInScope(staff, input.storeId);
  if (!mayInvite(staff, { role: input.role, storeId })) throw new AppError('FORBIDDEN');
  const store = await storeById(storeId);
  if (!store || !store.active) throw new AppError('STORE_NOT_FOUND');
  const invite: InviteDoc = {
    name: input.name,
    role: input.role,
    storeId,
    createdBy: staff._id,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + INVITE_TTL_MS),
    usedBy: null,
    usedAt: null,
    revokedAt: null,
    revokedBy: null,
  };
  for (let attempt = 0; ; attempt++) {
    const code = shortCode(8);
    try {
      await db.collection<InviteDoc>(C.invites).add({ data: { ...invite, _id: code } });
      return { code, name: invite.name, role: invite.role, storeId, expiresAt: invite.expiresAt.toISOString() };
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= 3) throw error;
    }
  }
}
