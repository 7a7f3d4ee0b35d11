import type { Audience } from './audience';
import { tagText } from './journey-text';
import { SEGMENT_LABELS } from './segments';


/** '沉睡 · 银卡 · 旗舰店' — what a campaign's audience reads as; '全部会员' when it has no part. */
export function audienceText(audience: Audience, storeName: (id: string) => string, tierName: (id: string) => string = (id) => id): string {
  const parts = [
    audience.segments.map((s) => SEGMENT_LABELS[s]).join('/'),
    audience.tierIds.map(tierName).join('/'),
    audience.tags.map(tagText).join('/'),
    audience.storeIds.map(storeName).join('/'),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : '全部会员';
}
