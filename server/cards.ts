import type { CardView } from '../shared/contracts/views';
import type { Stored } from './cloud';
import { storeName } from './directory';
import type { MemberDoc } from './documents';
import { brandSettings } from './settings';
import { cardView } from './views';

/** A member's card with the brand's settings and the home store's name (both cached per instance). */
export async function loadCard(member: Stored<MemberDoc>, now: Date): Promise<CardView> {
  const [settings, homeStore] = await Promise.all([brandSettings(), storeName(member.homeStoreId)]);
  return cardView(member, settings, homeStore, now);
}
