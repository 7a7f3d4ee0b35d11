import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { MemberContract } from '../../../shared/contracts/member';
import type { ClosedMembershipView } from '../../../shared/contracts/views';
import type { RequestContext } from '../../../server/dispatch';
import type { ClosedMemberDoc } from '../../../server/documents';
import { closeMembership as close, closingByRequest, eraseTraces } from '../../../server/membership-close';
import { findMemberByOpenid } from '../../../server/queries';
import { AppError } from '../../../server/errors';

function view(record: ClosedMemberDoc): ClosedMembershipView {
  return { closedAt: record.closedAt.toISOString(), pointsForfeited: record.pointsForfeited, couponsRevoked: record.couponsRevoked };
}

/** The caller's own membership only (identity from the context); a retry of the same request answers the same. */
export async function closeMembership(input: ParsedInputOf<MemberContract, 'closeMembership'>, ctx: RequestContext): Promise<ClosedMembershipView> {
  const member = await findMemberByOpenid(ctx.openid);
  if (member) return view(await close(member, input.requestId, ctx.now));
  const earlier = await closingByRequest(input.requestId);
  if (!earlier) throw new AppError('NOT_MEMBER');
  return view(earlier.status === 'closed' ? earlier : await eraseTraces(earlier, ctx.now));
}
