import type { Segment } from '../contracts/care-views';
import type { CareSettings } from './care-settings';

/** What the segment of a member depends on; everything else about the member is irrelevant to it. */
export interface SegmentFacts {
  joinedAt: Date;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  /** valid purchase dates (the newest few kept on the member), any order */
  recentPurchaseDates: Date[];
  isTopTier: boolean;
  rfm: { r: number; f: number; m: number } | null;
}

export const SEGMENT_LABELS: Record<Segment, string> = {
  new: '新客户',
  active: '活跃',
  dormant: '沉睡',
  vip: 'VIP',
  regular: '普通',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Windows are measured in exact days from the instant: "within N days" holds while now < t + N days. */
function windowEnd(from: Date, days: number): number {
  return from.getTime() + days * DAY_MS;
}

function isDormant(facts: SegmentFacts, care: CareSettings, now: number): boolean {
  const since = facts.lastPurchaseAt ?? facts.joinedAt;
  return now >= windowEnd(since, care.dormantDays);
}

/**
 * One segment per member, the first of these that holds:
 *
 * 1. 沉睡 dormant — a member who has stopped coming needs waking up whatever they were before, so
 *    this wins even over VIP (a VIP gone quiet is exactly who a wake-up call is for). A member who
 *    never bought counts from joining.
 * 2. VIP — the top tier, or an RFM total of at least `vipRfmTotal`: a big new spender is served as
 *    a VIP from the start rather than as a newcomer.
 * 3. 新客户 new — joined, or first bought, within `newCustomerDays`: still being welcomed, even if
 *    they already bought often enough to count as active.
 * 4. 活跃 active — at least `activeMinPurchases` purchases within `activeWindowDays`.
 * 5. 普通 regular — everyone else.
 */
export function segmentOf(facts: SegmentFacts, care: CareSettings, now: Date): Segment {
  const time = now.getTime();
  if (isDormant(facts, care, time)) return 'dormant';
  if (facts.isTopTier || (facts.rfm !== null && facts.rfm.r + facts.rfm.f + facts.rfm.m >= care.vipRfmTotal)) return 'vip';
  const newSince = [facts.joinedAt, facts.firstPurchaseAt].filter((date): date is Date => date !== null);
  if (newSince.some((date) => time < windowEnd(date, care.newCustomerDays))) return 'new';
  const inWindow = facts.recentPurchaseDates.filter((date) => time < windowEnd(date, care.activeWindowDays)).length;
  if (inWindow >= care.activeMinPurchases) return 'active';
  return 'regular';
}

/**
 * The earliest instant after `now` at which `segmentOf` gives another answer with these same facts,
 * so a job can sleep until then; null if the segment never changes without new input (a purchase,
 * a tier change, new RFM scores). Every condition above flips only where some window ends (a date
 * plus a number of days), so the answer is the first of those instants whose segment differs.
 */
export function nextSegmentChangeAt(facts: SegmentFacts, care: CareSettings, now: Date): Date | null {
  const candidates = [
    windowEnd(facts.lastPurchaseAt ?? facts.joinedAt, care.dormantDays),
    windowEnd(facts.joinedAt, care.newCustomerDays),
    ...(facts.firstPurchaseAt ? [windowEnd(facts.firstPurchaseAt, care.newCustomerDays)] : []),
    ...facts.recentPurchaseDates.map((date) => windowEnd(date, care.activeWindowDays)),
  ]
    .filter((time) => time > now.getTime())
    .sort((a, b) => a - b);
  const current = segmentOf(facts, care, now);
  for (const time of candidates) {
    const at = new Date(time);
    if (segmentOf(facts, care, at) !== current) return at;
  }
  return null;
}
