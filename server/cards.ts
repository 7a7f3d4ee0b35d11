import type { CardView } from '../shared/contracts/views';
import type { Stored } from './cloud';
import type { MemberDoc } from './documents';
import { storeById } from './queries';
import { brandSettings } from './settings';
import { cardView } from './views';

/** A member's card with the brand's settings and the home store's name loaded alongside. */
export async function loadCard(member: Stored<MemberDoc>, now: Date): Promise<CardView> {
  const [settings, store] = await Promise.all([brandSettings(), member.homeStoreId ? storeById(member.homeStoreId) : null]);
  return cardView(member, settings, store?.name ?? '', now);
}
