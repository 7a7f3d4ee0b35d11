import type { MemberCodeView } from '../../../shared/contracts/views';
import type { RequestContext } from '../../../server/dispatch';
import { issueMemberCode } from '../../../server/member-code';
import { requireMember } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';

export async function memberCode(_input: unknown, ctx: RequestContext): Promise<MemberCodeView> {
  const [member, settings] = await Promise.all([requireMember(ctx.openid), brandSettings()]);
  const { token, expiresAt } = await issueMemberCode(member._id, ctx.now, settings.memberCodeTtlSeconds);
  return { token, expiresAt: expiresAt.toISOString(), ttlSeconds: settings.memberCodeTtlSeconds };
}
