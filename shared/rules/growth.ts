import {
  addDaysToDayKey,
  addMonthsToDayKey,
  isDayKey,
  shanghaiDayKey,
  startOfShanghaiDayKey,
} from '../time/shanghai';

/**
 * Rolling growth kept as one bucket per Shanghai day on the member document: exact to the day without
 * reading purchases back, and bounded (a window of 12 months is at most 366 buckets).
 * Key 'YYYYMMDD' (Shanghai day) → growth that day.
 */
export type GrowthBuckets = Record<string, number>;

/** 1 per whole yuan paid. */
export function growthForAmount(amountFen: number): number {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
    throw new RangeError(`expected a non-negative integer amount in fen, got ${amountFen}`);
  }
  return (amountFen - (amountFen % 100)) / 100;
}

function windowStartForDayKey(today: string, months: number): string {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`expected a window of at least 1 month, got ${months}`);
  return addDaysToDayKey(addMonthsToDayKey(today, -months), 1);
}

/**
 * The first Shanghai day inside the window ending today: today − months + 1 day, so a 12-month window
 * on 23 Nov 2026 runs 24 Nov 2025 … 23 Nov 2026. Month ends clamp (31 Mar − 1 month = 28 Feb).
 */
export function windowStartDay(now: Date, months: number): string {
  return windowStartForDayKey(shanghaiDayKey(now), months);
}

function sumFrom(buckets: GrowthBuckets, startDay: string): number {
  let total = 0;
  for (const [day, growth] of Object.entries(buckets)) {
    if (day >= startDay) total += growth;
  }
  return total;
}

export function rollingGrowth(buckets: GrowthBuckets, now: Date, months: number): number {
  return sumFrom(buckets, windowStartDay(now, months));
}

/**
 * Adds `amount` (negative for a void) to a day's bucket and prunes: buckets before the window can
 * never count again, and zero buckets carry nothing. A void of a purchase older than the window
 * lands outside it and is dropped, which is right: that growth no longer counted anyway.
 */
export function addGrowth(
  buckets: GrowthBuckets,
  day: string,
  amount: number,
  now: Date,
  months: number,
): GrowthBuckets {
  if (!isDayKey(day)) throw new RangeError(`expected a day key YYYYMMDD, got '${day}'`);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`expected an integer growth amount, got ${amount}`);
  const start = windowStartDay(now, months);
  const merged: GrowthBuckets = { ...buckets, [day]: (buckets[day] ?? 0) + amount };
  const kept: GrowthBuckets = {};
  for (const key of Object.keys(merged).sort()) {
    if (key >= start && merged[key] !== 0) kept[key] = merged[key];
  }
  return kept;
}

/** The first day whose window no longer holds `day` (windowStart(T) > day); month-end clamping can push it a few days past day + months. */
function dayBucketLeaves(day: string, months: number): string {
  let candidate = addMonthsToDayKey(day, months);
  while (windowStartForDayKey(candidate, months) <= day) candidate = addDaysToDayKey(candidate, 1);
  return candidate;
}

/**
 * When the member's rolling growth, with no further purchases, first falls below `keepThreshold`:
 * the start (00:00 Shanghai) of the day the deciding bucket leaves the window. The review job can
 * sleep until then. Null when there is nothing to keep; `now` when it is already below.
 */
export function nextReviewAt(buckets: GrowthBuckets, keepThreshold: number, now: Date, months: number): Date | null {
  if (keepThreshold <= 0) return null;
  const start = windowStartDay(now, months);
  if (sumFrom(buckets, start) < keepThreshold) return new Date(now.getTime());
  const days = Object.keys(buckets)
    .filter((day) => day >= start)
    .sort();
  // Buckets leave in key order, so the first leaving day at which the sum is below the threshold is the answer.
  for (const day of days) {
    const leaves = dayBucketLeaves(day, months);
    if (sumFrom(buckets, windowStartForDayKey(leaves, months)) < keepThreshold) return startOfShanghaiDayKey(leaves);
  }
  // Unreachable for a positive threshold: once every bucket has left, the sum is 0.
  return null;
}
