import type { Audience } from './audience';

const SEGMENT_NAMES = { new: '新客户', active: '活跃', dormant: '沉睡', vip: 'VIP', regular: '普通' } as const;

/** '沉睡 · 银卡 · 旗舰店' — what a campaign's audience reads as; '全部会员' when it has no part. */
export function audienceText(audience: Audience, storeName: (id: string) => string, tierName: (id: string) => string = (id) => id): string {
  const parts = [
    audience.segments.map((s) => SEGMENT_NAMES[s]).join('/'),
    audience.tierIds.map(tierName).join('/'),
    audience.tags.map((t) => t.replace(/^auto:(category:|segment:)?/, '')).join('/'),
    audience.storeIds.map(storeName).join('/'),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : '全部会员';
}
