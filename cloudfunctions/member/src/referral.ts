import type { ReferralView } from '../../../shared/contracts/views';
import type { RequestContext } from '../../../server/dispatch';
import { requireMember } from '../../../server/queries';
import { referralView } from '../../../server/referrals';
import { brandSettings } from '../../../server/settings';

export async function referral(_input: unknown, ctx: RequestContext): Promise<ReferralView> {
  const [member, settings] = await Promise.all([requireMember(ctx.openid), brandSettings()]);
  return referralView(member, settings, ctx.now);
}
