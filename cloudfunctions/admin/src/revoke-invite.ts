import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AdminContract } from '../../../shared/contracts/admin';
import { db } from '../../../server/cloud';
import { storeInScope } from '../../../server/authority';
import type { RequestContext } from '../../../server/dispatch';
import { C, type InviteDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { getById, requireStaff } from '../../../server/queries';

/** An unused invite stops working. The conditional update means a bind racing it either wins or is refused, never both. */
export async function revokeInvite(input: ParsedInputOf<AdminContract, 'revokeInvite'>, ctx: RequestContext): Promise<{ revoked: true }> {
  const staff = await requireStaff(ctx.openid);
  const invite = await getById<InviteDoc>(C.invites, input.code);
  if (!invite) throw new AppError('INVITE_NOT_FOUND');
  storeInScope(staff, invite.storeId);
  if (invite.revokedAt) return { revoked: true };
  const { stats } = await db
    .collection<InviteDoc>(C.invites)
    .where({ _id: input.code, usedBy: null, revokedAt: null })
    .update({ data: { revokedAt: ctx.now, revokedBy: staff._id } });
  if (stats.updated === 0) {
    const now = await getById<InviteDoc>(C.invites, input.code);
    if (!now?.revokedAt) throw new AppError('INVITE_USED');
  }
  return { revoked: true };
}
