/**
 * A campaign's audience: members matching every given part (segment, tier, tag, store); a part left
 * empty matches everyone. A store manager's audience is always their own store.
 */
export interface Audience {
  segments: Array<'new' | 'active' | 'dormant' | 'vip' | 'regular'>;
  tierIds: string[];
  /** Manual tag ids or automatic tag keys (auto:…): a member with any of them. */
  tags: string[];
  storeIds: string[];
}

/** The audience a manager of `storeId` may address: theirs, narrowed to their store. */
export function audienceForManager(audience: Audience, storeId: string): Audience {
  return { ...audience, storeIds: [storeId] };
}
