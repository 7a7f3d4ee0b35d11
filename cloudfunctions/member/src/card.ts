import type { CardView } from '../../../shared/contracts/views';
import type { RequestContext } from '../../../server/dispatch';
import { requireMember, storeById } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { cardView } from '../../../server/views';

export async function card(_input: unknown, ctx: RequestContext): Promise<CardView> {
  const member = await requireMember(ctx.openid);
  const [settings, store] = await Promise.all([brandSettings(), member.homeStoreId ? storeById(member.homeStoreId) : null]);
  return cardView(member, settings, store?.name ?? '', ctx.now);
}
