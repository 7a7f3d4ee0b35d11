import type { HeatPartView } from '../contracts/care-views';
import { shanghaiDayKey } from '../time/shanghai';
import { formatFenShort } from '../format/money';

/**
 * The heat index (热度): 0–100, how warm the relationship with a member is right now, built from five
 * parts that each explain themselves in plain Chinese, so staff see why a customer is cooling.
 * The nightly job keeps one score per ISO week for the trend.
 */
export interface HeatInputs {
  daysSinceLastPurchase: number | null;
  purchases90: number;
  spend12mFen: number;
  interactions90: number;
  couponUses: number;
  /** What counts as full marks for spend (e.g. the store's high 12-month spend); ≤ 0: no reference. */
  spendReferenceFen: number;
}

const RECENCY_MAX = 30;
const RECENCY_ZERO_AT_DAYS = 180;
/** Points by count, the last entry for that many or more: early visits matter most. */
const FREQUENCY_POINTS = [0, 10, 17, 21, 25];
const SPEND_MAX = 20;
const INTERACTION_POINTS = [0, 6, 10, 15];
const COUPON_POINTS = [0, 5, 10];

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

function stepPoints(table: readonly number[], count: number): number {
  const index = Math.min(Math.max(0, Math.floor(count)), table.length - 1);
  return table[index];
}

/** Whole yuan with thousands separators (¥3,200), fen only when there are any (¥3,200.50). */
function recencyPart(days: number | null): HeatPartView {
  const base = { key: 'recency' as const, label: '最近消费', max: RECENCY_MAX };
  if (days === null) return { ...base, points: 0, text: '还没有消费记录' };
  const clamped = Math.min(Math.max(0, days), RECENCY_ZERO_AT_DAYS);
  const points = Math.round(RECENCY_MAX * (1 - clamped / RECENCY_ZERO_AT_DAYS));
  const whole = Math.floor(Math.max(0, days));
  return { ...base, points, text: whole === 0 ? '今天消费过' : `${whole}天前消费过` };
}

/** A part scored by counting: points from a step table, a sentence for none and for some. */
function countPart(key: 'frequency' | 'interactions' | 'coupons', label: string, table: readonly number[], value: number, none: string, some: (count: number) => string): HeatPartView {
  const count = Math.max(0, Math.floor(value));
  return { key, label, points: stepPoints(table, count), max: table[table.length - 1], text: count === 0 ? none : some(count) };
}

function frequencyPart(purchases90: number): HeatPartView {
  return countPart('frequency', '消费频次', FREQUENCY_POINTS, purchases90, '近90天没有消费', (n) => `近90天消费${n}次`);
}

function spendPart(spendFen: number, referenceFen: number): HeatPartView {
  const spend = Math.max(0, spendFen);
  const base = { key: 'spend' as const, label: '消费金额', max: SPEND_MAX };
  if (spend === 0) return { ...base, points: 0, text: '近12个月没有消费' };
  // Without a reference there is nothing to measure against: no points rather than a guess.
  if (referenceFen <= 0) return { ...base, points: 0, text: `近12个月消费${formatFenShort(spend)}` };
  const points = Math.round(Math.min(1, spend / referenceFen) * SPEND_MAX);
  const percent = Math.round((spend * 100) / referenceFen);
  return { ...base, points, text: `近12个月消费${formatFenShort(spend)}，为本店参考值的${percent}%` };
}

function interactionsPart(interactions90: number): HeatPartView {
  return countPart('interactions', '互动', INTERACTION_POINTS, interactions90, '近90天没有沟通记录', (n) => `近90天沟通${n}次`);
}

function couponsPart(couponUses: number): HeatPartView {
  return countPart('coupons', '用券', COUPON_POINTS, couponUses, '还没有用券消费', (n) => `用券消费${n}次`);
}

/** Integer 0–100: the sum of the parts (recency 30, frequency 25, spend 20, interactions 15, coupons 10). */
export function heatIndex(inputs: HeatInputs): { score: number; parts: HeatPartView[] } {
  const parts = [
    recencyPart(inputs.daysSinceLastPurchase),
    frequencyPart(inputs.purchases90),
    spendPart(inputs.spend12mFen, inputs.spendReferenceFen),
    interactionsPart(inputs.interactions90),
    couponsPart(inputs.couponUses),
  ];
  return { score: parts.reduce((sum, part) => sum + part.points, 0), parts };
}

/** ISO 8601 week of a calendar day given as UTC midnight: the week belongs to the year of its Thursday. */
function isoWeekOfDay(dayUtcMs: number): string {
  const weekday = ((new Date(dayUtcMs).getUTCDay() + 6) % 7) + 1; // Monday 1 … Sunday 7
  const thursday = new Date(dayUtcMs + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week of the Shanghai date, 'YYYY-Www' (sorts like the weeks it names). */
export function heatWeekKey(date: Date): string {
  const day = shanghaiDayKey(date);
  return isoWeekOfDay(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))));
}

/** The key of the week before a week key, or null for text that is no week key. */
function previousWeekKey(key: string): string | null {
  const match = WEEK_KEY.exec(key);
  if (!match) return null;
  // 4 January is always in week 1; step back to its Monday, then to the Monday of the week before `key`.
  const jan4 = Date.UTC(Number(match[1]), 0, 4);
  const weekday = ((new Date(jan4).getUTCDay() + 6) % 7) + 1;
  const monday = jan4 - (weekday - 1) * DAY_MS + (Number(match[2]) - 1) * 7 * DAY_MS;
  return isoWeekOfDay(monday - 7 * DAY_MS);
}

/** The keys of now's week and the `count − 1` weeks before it, oldest first. */
function lastWeekKeys(now: Date, count: number): string[] {
  const keys: string[] = [];
  for (let i = count - 1; i >= 0; i--) keys.push(heatWeekKey(new Date(now.getTime() - i * 7 * DAY_MS)));
  return keys;
}

/** The scores of the last `count` weeks up to now's week, oldest first; weeks without a score are left out. */
export function heatTrend(weeks: Record<string, number>, now: Date, count = 8): Array<{ week: string; score: number }> {
  return lastWeekKeys(now, Math.max(0, Math.floor(count)))
    .filter((week) => Object.prototype.hasOwnProperty.call(weeks, week))
    .map((week) => ({ week, score: weeks[week] }));
}

/** Two falls in a row: the week before last > last week > this week, all three scored. */
export function heatFallingTwoWeeks(weeks: Record<string, number>, now: Date): boolean {
  const keys = lastWeekKeys(now, 3);
  if (!keys.every((week) => Object.prototype.hasOwnProperty.call(weeks, week))) return false;
  const [before, last, current] = keys.map((week) => weeks[week]);
  return before > last && last > current;
}

/**
 * Week keys to delete: those before the last `keep` weeks (now's week included), and any key that
 * is not a week key (it can never show in a trend). Later weeks are kept.
 */
export function heatWeeksToDrop(weeks: Record<string, number>, now: Date, keep = 12): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`expected to keep at least 1 week, got ${keep}`);
  const oldestKept = lastWeekKeys(now, keep)[0];
  return Object.keys(weeks)
    .filter((week) => !WEEK_KEY.test(week) || week < oldestKept)
    .sort();
}

/**
 * One plain sentence: the score, how it moved, and the part that lost the most points (ties: the
 * first part, the most heavily weighted). e.g. 热度62，较上周下降5；41天前消费过，拉低了热度。
 * The trend's last point is taken as this week's (the nightly job writes it), so the change is the
 * score against the point before it: 上周 when that is the week before, 上次 when weeks are missing.
 */
export function heatSummary(score: number, trend: Array<{ week: string; score: number }>, parts: HeatPartView[]): string {
  let head = `热度${score}`;
  if (trend.length >= 2) {
    const last = trend[trend.length - 1];
    const before = trend[trend.length - 2];
    const since = previousWeekKey(last.week) === before.week ? '上周' : '上次';
    const change = score - before.score;
    head += change > 0 ? `，较${since}上升${change}` : change < 0 ? `，较${since}下降${-change}` : `，与${since}持平`;
  }
  let weakest: HeatPartView | null = null;
  for (const part of parts) {
    if (part.max - part.points > 0 && (weakest === null || part.max - part.points > weakest.max - weakest.points)) weakest = part;
  }
  if (weakest) return `${head}；${weakest.text}，拉低了热度。`;
  return parts.length > 0 ? `${head}；各项都是满分。` : `${head}。`;
}
