import type { CardView } from '../../../shared/contracts/views';
import { loadCard } from '../../../server/cards';
import type { RequestContext } from '../../../server/dispatch';
import { requireMember } from '../../../server/queries';

export async function card(_input: unknown, ctx: RequestContext): Promise<CardView> {
  return loadCard(await requireMember(ctx.openid), ctx.now);
}
