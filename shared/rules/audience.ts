import type { MessageTemplateKey } from './message-templates';

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

export interface AudienceMember {
  segment: string;
  tierId: string;
  homeStoreId: string | null;
  manualTags: string[];
  autoTags: string[];
}

export function inAudience(member: AudienceMember, audience: Audience): boolean {
  if (audience.segments.length && !audience.segments.includes(member.segment as Audience['segments'][number])) return false;
  if (audience.tierIds.length && !audience.tierIds.includes(member.tierId)) return false;
  if (audience.storeIds.length && (member.homeStoreId === null || !audience.storeIds.includes(member.homeStoreId))) return false;
  if (audience.tags.length && !audience.tags.some((tag) => member.manualTags.includes(tag) || member.autoTags.includes(tag))) return false;
  return true;
}

/** The audience a manager of `storeId` may address: theirs, narrowed to their store. */
export function audienceForManager(audience: Audience, storeId: string): Audience {
  return { ...audience, storeIds: [storeId] };
}

/** Whether a member can be messaged for a template now (an unused acceptance). */
export function hasQuota(quota: Partial<Record<MessageTemplateKey, number>> | undefined, template: MessageTemplateKey): boolean {
  return (quota?.[template] ?? 0) > 0;
}
