import type { Segment } from '../contracts/care-views';
import { shanghaiDayKey, startOfShanghaiDayKey } from '../time/shanghai';
import type { CareSettings } from './care-settings';
import { SEGMENT_LABELS } from './segments';

/**
 * Automatic tags: worked out from the member's figures by these rules and kept on the member beside
 * the manual ones. Their keys start with 'auto:' so they never clash with a manual tag's id, and staff
 * cannot remove them by hand (the next run would put them back).
 */
export interface TagFacts {
  /** YYYY-MM-DD */
  birthday: string | null;
  purchaseCount: number;
  couponPurchaseCount: number;
  totalSpendFen: number;
  categoryCounts: Record<string, number>;
  segment: Segment;
}

const PREFIX = 'auto:';
const CATEGORY_PREFIX = 'auto:category:';
const SEGMENT_PREFIX = 'auto:segment:';
const BIRTHDAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const FIXED_LABELS: Record<string, string> = {
  'auto:high_ticket': '高客单',
  'auto:price_sensitive': '价格敏感',
  'auto:birth_month': '生日月',
};

/** The automatic tags that exist for every brand (category ones depend on what it sells). */
export const FIXED_AUTO_TAGS: readonly string[] = Object.keys(FIXED_LABELS);

export function isAutoTag(key: string): boolean {
  return key.startsWith(PREFIX);
}

/** The birthday's month 1–12, or null for anything that is not YYYY-MM-DD with a real month. */
function birthMonth(birthday: string | null): number | null {
  const match = birthday === null ? null : BIRTHDAY.exec(birthday);
  const month = match ? Number(match[2]) : 0;
  return month >= 1 && month <= 12 ? month : null;
}

function shanghaiMonth(now: Date): { year: number; month: number } {
  const day = shanghaiDayKey(now);
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(4, 6)) };
}

function monthStart(year: number, month: number): Date {
  return startOfShanghaiDayKey(`${year}${String(month).padStart(2, '0')}01`);
}

/** The automatic tag keys that hold for the member now, sorted. */
export function autoTags(facts: TagFacts, context: { highTicketMinFen: number | null }, care: CareSettings, now: Date): string[] {
  const tags: string[] = [];
  if (facts.purchaseCount > 0 && context.highTicketMinFen !== null && Math.floor(facts.totalSpendFen / facts.purchaseCount) >= context.highTicketMinFen) {
    tags.push('auto:high_ticket');
  }
  // Two purchases at least: one purchase with a coupon says little about a habit.
  if (facts.purchaseCount >= 2 && facts.couponPurchaseCount * 100 >= care.priceSensitivePercent * facts.purchaseCount) {
    tags.push('auto:price_sensitive');
  }
  const month = birthMonth(facts.birthday);
  if (month !== null && month === shanghaiMonth(now).month) tags.push('auto:birth_month');
  for (const [name, count] of Object.entries(facts.categoryCounts)) {
    if (name !== '' && count >= care.frequentCategoryMin) tags.push(`${CATEGORY_PREFIX}${name}`);
  }
  // 普通 is what everyone is unless something else holds: as a tag it would say nothing.
  if (facts.segment !== 'regular') tags.push(`${SEGMENT_PREFIX}${facts.segment}`);
  return tags.sort();
}

/** What an automatic tag is called on screen; an unknown key shows without its 'auto:' prefix. */
export function autoTagLabel(key: string): string {
  if (key in FIXED_LABELS) return FIXED_LABELS[key];
  if (key.startsWith(CATEGORY_PREFIX)) return `常购:${key.slice(CATEGORY_PREFIX.length)}`;
  if (key.startsWith(SEGMENT_PREFIX)) {
    const segment = key.slice(SEGMENT_PREFIX.length);
    if (Object.prototype.hasOwnProperty.call(SEGMENT_LABELS, segment)) return SEGMENT_LABELS[segment as Segment];
  }
  return isAutoTag(key) ? key.slice(PREFIX.length) : key;
}

/**
 * The threshold for 高客单: the smallest average ticket among the top `topPercent` percent of the
 * list by rank — floor(n × topPercent / 100) members, at least one. Members tied with it get the tag
 * too, so ties never split arbitrarily. Null for an empty list.
 */
export function highTicketMinFen(averageTicketsFen: number[], topPercent: number): number | null {
  if (averageTicketsFen.length === 0) return null;
  const sorted = [...averageTicketsFen].sort((a, b) => b - a);
  const top = Math.min(sorted.length, Math.max(1, Math.floor((sorted.length * topPercent) / 100)));
  return sorted[top - 1];
}

/**
 * When 生日月 next appears or goes: 00:00 Shanghai on the 1st of the birth month, or, during the birth
 * month, on the 1st of the month after it. Null without a (valid) birthday.
 */
export function nextTagChangeAt(birthday: string | null, now: Date): Date | null {
  const month = birthMonth(birthday);
  if (month === null) return null;
  const current = shanghaiMonth(now);
  if (month === current.month) return current.month === 12 ? monthStart(current.year + 1, 1) : monthStart(current.year, current.month + 1);
  return monthStart(month > current.month ? current.year : current.year + 1, month);
}
