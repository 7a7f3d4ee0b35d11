import { addDaysToDayKey, isDayKey, shanghaiDayKey, startOfShanghaiDayKey } from '../time/shanghai';
import type { CareJobCause, CareSettings } from './care-settings';
import { medianGapDays } from './care-stats';

/**
 * Which care-job tasks (birthday, dormant, churn) a member needs, worked out from facts on the member
 * document alone. The care job calls `planCareTasks` on every visit to the member — maybe many times,
 * maybe concurrently — so the plan is a pure function of its inputs and every task has a key that
 * names its cause and occasion: the caller creates a task only if its key is new, which makes
 * creation exactly-once however often the same plan comes back. Post-purchase tasks (感谢/推荐/回访)
 * are not made here: the built-in after-purchase journey makes them (shared/rules/journeys.ts).
 */
export interface CareFacts {
  memberId: string;
  /** YYYY-MM-DD */
  birthday: string | null;
  joinedAt: Date;
  /** the newest valid purchase */
  lastPurchase: { id: string; at: Date } | null;
  /** valid purchase dates, newest first (at most 20) */
  recentPurchaseDates: Date[];
  /** from the nightly scores: the heat index fell two weeks in a row */
  heatFalling: boolean;
}

export interface TaskSeed {
  key: string;
  cause: CareJobCause;
  dueAt: Date;
  purchaseId: string | null;
}

export interface CarePlan {
  create: TaskSeed[];
  /** When to look at this member again if nothing changes; null: not until something does. */
  nextCheckAt: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const BIRTHDAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function couponTaskKey(couponId: string): string {
  return `coupon:${couponId}`;
}

export function manualTaskKey(staffId: string, requestId: string): string {
  return `manual:${staffId}:${requestId}`;
}

/** The reminder for an unused coupon is due `couponExpiringDays` days before it runs out. */
export function couponTaskDueAt(validUntil: Date, care: CareSettings): Date {
  return new Date(validUntil.getTime() - care.couponExpiringDays * DAY_MS);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The day key of the birthday in `year`, or null for a birthday that is no real date. Someone born
 * on 29 February is celebrated on 28 February in years without one (still in February, and before
 * the day rather than after it, so a greeting is never late).
 */
export function birthdayInYear(birthday: string, year: number): string | null {
  const match = BIRTHDAY.exec(birthday);
  if (!match || !isDayKey(`${match[1]}${match[2]}${match[3]}`)) return null;
  const day = match[2] === '02' && match[3] === '29' && !isLeapYear(year) ? '28' : match[3];
  return `${year}${match[2]}${day}`;
}

/** The birthday task's due time for the birthday on `dayKey`: 00:00 Shanghai, `birthdayDaysBefore` days earlier. */
function birthdayDueAt(dayKey: string, care: CareSettings): Date {
  return startOfShanghaiDayKey(addDaysToDayKey(dayKey, -care.birthdayDaysBefore));
}

/** The seed and the next due time for the birthday task, if the cause is on and the birthday valid. */
function birthdayPlan(facts: CareFacts, care: CareSettings, now: Date): { seed: TaskSeed | null; next: Date | null } {
  if (!care.causes.birthday || facts.birthday === null) return { seed: null, next: null };
  const today = shanghaiDayKey(now);
  const year = Number(today.slice(0, 4));
  const thisYear = birthdayInYear(facts.birthday, year);
  if (thisYear === null) return { seed: null, next: null };
  // The next birthday on or after today: this year's, or next year's once it has passed.
  const occurrence = thisYear >= today ? thisYear : birthdayInYear(facts.birthday, year + 1)!;
  const occurrenceYear = Number(occurrence.slice(0, 4));
  const dueAt = birthdayDueAt(occurrence, care);
  if (now.getTime() < dueAt.getTime()) return { seed: null, next: dueAt };
  return {
    seed: { key: `birthday:${facts.memberId}:${occurrenceYear}`, cause: 'birthday', dueAt, purchaseId: null },
    next: birthdayDueAt(birthdayInYear(facts.birthday, occurrenceYear + 1)!, care),
  };
}

/**
 * The plan for one member now: birthday, dormant and churn tasks once per occasion, the key naming it
 * (the year, the last purchase, or 'joined'). Each only while its cause is on.
 */
export function planCareTasks(facts: CareFacts, care: CareSettings, now: Date): CarePlan {
  const time = now.getTime();
  const create: TaskSeed[] = [];
  const wakeUps: number[] = [];

  const birthday = birthdayPlan(facts, care, now);
  if (birthday.seed) create.push(birthday.seed);
  if (birthday.next) wakeUps.push(birthday.next.getTime());

  const last = facts.lastPurchase;
  // Dormant is a fact about time, whether or not its task is wanted: churn warns only before it.
  const dormantAt = (last ? last.at.getTime() : facts.joinedAt.getTime()) + care.dormantDays * DAY_MS;
  const dormant = time >= dormantAt;
  if (care.causes.dormant) {
    if (dormant) create.push({ key: `dormant:${facts.memberId}:${last ? last.id : 'joined'}`, cause: 'dormant', dueAt: new Date(time), purchaseId: null });
    else wakeUps.push(dormantAt);
  }

  if (care.causes.churn && last && !dormant) {
    const median = medianGapDays(facts.recentPurchaseDates);
    // Gaps under a day are one shopping trip split over receipts, not a rhythm to measure absence by.
    const gapLimit = median !== null && median >= 1 ? last.at.getTime() + 2 * median * DAY_MS : null;
    if (facts.heatFalling || (gapLimit !== null && time > gapLimit)) {
      create.push({ key: `churn:${facts.memberId}:${last.id}`, cause: 'churn', dueAt: new Date(time), purchaseId: null });
    } else if (gapLimit !== null && gapLimit < dormantAt) {
      // The rule is "more than twice the gap": the first whole millisecond past the limit.
      wakeUps.push(Math.floor(gapLimit) + 1);
    }
  }

  const future = wakeUps.filter((at) => at > time);
  return { create, nextCheckAt: future.length > 0 ? new Date(Math.min(...future)) : null };
}
