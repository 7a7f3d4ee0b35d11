import { addDaysToDayKey, addMonthsToDayKey, shanghaiDayKey, startOfShanghaiDayKey } from '../time/shanghai';
import { birthdayInYear } from './care-tasks';
import { minuteOfDay } from './message-settings';
import type { MessageTemplateKey } from './message-templates';
import type { JourneyCondition, JourneyDefinition, JourneyEntry, JourneyStep, Reentry } from './journeys';

/**
 * The journey engine's decisions, as pure functions of a member's facts and an enrollment's state: who
 * enters (and under which entry key), which conditions hold, when a wait ends and which step comes
 * next. The timer job calls them as often as it likes; the same facts always give the same answer,
 * and the keys they produce are what makes every entry and every step happen once.
 */
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** An event older than this when the engine first sees it does not start a journey (a late catch-up would only bother people). */
export const ENTRY_FRESH_DAYS = 7;

export interface MemberFacts {
  memberId: string;
  joinedAt: Date;
  /** YYYY-MM-DD */
  birthday: string | null;
  firstPurchaseAt: Date | null;
  lastPurchase: { id: string; at: Date } | null;
  /** ids of the member's valid recent purchases (a voided one is gone from here). */
  recentPurchaseIds: string[];
  tierId: string;
  /** The tier's place in the brand's tiers, 0 = lowest. */
  tierRank: number;
  tierSince: Date;
  /** Manual tag ids and automatic tag keys (auto:…), as TagView ids. */
  tags: string[];
  segment: 'new' | 'active' | 'dormant' | 'vip' | 'regular';
  quota: Partial<Record<MessageTemplateKey, number>>;
}

export interface EntryOccasion {
  /** Names the occasion: one entry per key, ever. */
  key: string;
  /** When the occasion happened: the journey's clock starts here, not when the job noticed. */
  at: Date;
}

export interface EnrollmentState {
  entryNo: number;
  entryKey: string;
  enteredAt: Date;
  /** The tier rank at entry, for tier_upgraded (a later lower tier is no upgrade). */
  tierRank: number;
}

/** The occasion a member's facts give for an event entry (joined, purchases, tier, tag); null: none now. */
export function eventOccasion(entry: JourneyEntry, facts: MemberFacts): EntryOccasion | null {
  switch (entry.kind) {
    case 'joined':
      return { key: 'joined', at: facts.joinedAt };
    case 'purchased':
      return facts.lastPurchase ? { key: facts.lastPurchase.id, at: facts.lastPurchase.at } : null;
    case 'first_purchase':
      return facts.firstPurchaseAt ? { key: 'first', at: facts.firstPurchaseAt } : null;
    case 'tier_upgraded':
      return facts.tierRank > 0 && facts.tierSince.getTime() > facts.joinedAt.getTime() ? { key: `${facts.tierId}@${facts.tierSince.toISOString()}`, at: facts.tierSince } : null;
    case 'tag_added':
      return facts.tags.includes(entry.tag) ? { key: `tag:${entry.tag}`, at: new Date(0) } : null;
    default:
      return null;
  }
}

export function isCalendarEntry(entry: JourneyEntry): entry is Extract<JourneyEntry, { kind: 'dormant' | 'birthday' | 'anniversary' }> {
  return entry.kind === 'dormant' || entry.kind === 'birthday' || entry.kind === 'anniversary';
}

/** The birthday's Shanghai day in the year it next falls on or after `dayKey` (29 Feb: 28 Feb in other years). */
function nextBirthdayDay(birthday: string, dayKey: string): string | null {
  const year = Number(dayKey.slice(0, 4));
  const thisYear = birthdayInYear(birthday, year);
  if (thisYear === null) return null;
  return thisYear >= dayKey ? thisYear : birthdayInYear(birthday, year + 1);
}

/**
 * The calendar occasion whose entry day is `dayKey` (the day the scan looks at), or null. Birthday: the
 * entry day is `daysBefore` days before the birthday ('day') or the 1st of the birth month ('month'),
 * keyed by the birthday's year so it is once a year. Dormant: `dormantDays` after the last purchase (or
 * joining, for who never bought), keyed by that purchase. Anniversary: the join day in a later year.
 */
export function calendarOccasion(entry: JourneyEntry, facts: MemberFacts, dayKey: string, dormantDays: number): EntryOccasion | null {
  if (entry.kind === 'birthday') {
    if (!facts.birthday) return null;
    if (entry.when === 'month') {
      const month = facts.birthday.slice(5, 7);
      if (dayKey.slice(4) !== `${month}01`) return null;
      return { key: dayKey.slice(0, 4), at: startOfShanghaiDayKey(dayKey) };
    }
    const birthdayDay = nextBirthdayDay(facts.birthday, addDaysToDayKey(dayKey, entry.daysBefore));
    if (birthdayDay === null || addDaysToDayKey(birthdayDay, -entry.daysBefore) !== dayKey) return null;
    return { key: birthdayDay.slice(0, 4), at: startOfShanghaiDayKey(dayKey) };
  }
  if (entry.kind === 'dormant') {
    const since = facts.lastPurchase?.at ?? facts.joinedAt;
    const becomes = addDaysToDayKey(shanghaiDayKey(since), dormantDays);
    if (becomes !== dayKey) return null;
    return { key: `dormant:${facts.lastPurchase?.id ?? 'joined'}`, at: startOfShanghaiDayKey(dayKey) };
  }
  if (entry.kind === 'anniversary') {
    const joinDay = shanghaiDayKey(facts.joinedAt);
    const years = Number(dayKey.slice(0, 4)) - Number(joinDay.slice(0, 4));
    if (years < 1 || addMonthsToDayKey(joinDay, years * 12) !== dayKey) return null;
    return { key: `year${years}`, at: startOfShanghaiDayKey(dayKey) };
  }
  return null;
}

/**
 * Whether an occasion starts a run now. Never twice for one key; never for an occasion older than the
 * current run's (a void brings an older purchase back as the last one); otherwise as re-entry says.
 * `earliest` keeps out what happened before the journey was switched on, or too long ago.
 */
export function shouldEnter(occasion: EntryOccasion, enrollment: EnrollmentState | null, reentry: Reentry, earliest: Date, entry: JourneyEntry, facts: MemberFacts): boolean {
  if (occasion.at.getTime() < earliest.getTime() && entry.kind !== 'tag_added') return false;
  if (!enrollment) return true;
  if (enrollment.entryKey === occasion.key) return false;
  if (entry.kind === 'tag_added') return false;
  if (occasion.at.getTime() <= enrollment.enteredAt.getTime()) return false;
  if (entry.kind === 'tier_upgraded' && facts.tierRank <= enrollment.tierRank) return false;
  if (reentry.kind === 'never') return false;
  if (reentry.kind === 'after_days') return occasion.at.getTime() >= enrollment.enteredAt.getTime() + reentry.days * DAY_MS;
  return true;
}

export function conditionHolds(condition: JourneyCondition, facts: MemberFacts, enteredAt: Date, tierRanks: Map<string, number>): boolean {
  switch (condition.kind) {
    case 'purchased_since_entry':
      return facts.lastPurchase !== null && facts.lastPurchase.at.getTime() > enteredAt.getTime();
    case 'has_tag':
      return facts.tags.includes(condition.tag);
    case 'segment_is':
      return facts.segment === condition.segment;
    case 'tier_at_least':
      return facts.tierRank >= (tierRanks.get(condition.tierId) ?? Number.POSITIVE_INFINITY);
    case 'has_quota':
      return (facts.quota[condition.template] ?? 0) > 0;
  }
}

/**
 * Why a run ends early at a wake-up: an exit condition holds, or the purchase it started from was
 * voided (a run about a purchase that no longer exists has nothing to say). null: it goes on.
 */
export function exitReason(journey: JourneyDefinition, facts: MemberFacts, enrollment: EnrollmentState, tierRanks: Map<string, number>): string | null {
  if (journey.entry.kind === 'purchased' && !facts.recentPurchaseIds.includes(enrollment.entryKey)) return 'voided';
  const held = journey.exit.find((condition) => conditionHolds(condition, facts, enrollment.enteredAt, tierRanks));
  return held ? held.kind : null;
}

function atClock(dayKey: string, clock: string): Date {
  return new Date(startOfShanghaiDayKey(dayKey).getTime() + minuteOfDay(clock) * 60_000);
}

/**
 * When a wait step ends, counted from `from` (when the wait began on schedule, not when the job ran it,
 * so a late run does not push later steps back). null: the wait cannot be worked out (no birthday) and
 * the run ends there.
 */
export function waitEnds(step: Extract<JourneyStep, { type: 'wait' | 'wait_until_time' | 'wait_until_date' }>, from: Date, facts: MemberFacts): Date | null {
  if (step.type === 'wait') return new Date(from.getTime() + step.days * DAY_MS + step.hours * HOUR_MS);
  const today = shanghaiDayKey(from);
  if (step.type === 'wait_until_time') {
    const todayAt = atClock(today, step.time);
    return todayAt.getTime() >= from.getTime() ? todayAt : atClock(addDaysToDayKey(today, 1), step.time);
  }
  const source = step.field === 'birthday' ? facts.birthday : shanghaiDayKey(facts.joinedAt).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
  if (!source) return null;
  // The first occurrence whose offset day is today or later.
  const occurrence = nextBirthdayDay(source, addDaysToDayKey(today, -step.offsetDays));
  if (occurrence === null) return null;
  const target = atClock(addDaysToDayKey(occurrence, step.offsetDays), step.time);
  return target.getTime() >= from.getTime() ? target : from;
}

export function isWait(step: JourneyStep): step is Extract<JourneyStep, { type: 'wait' | 'wait_until_time' | 'wait_until_date' }> {
  return step.type === 'wait' || step.type === 'wait_until_time' || step.type === 'wait_until_date';
}

/** The step after `stepId` in order, or null at the end. */
export function stepAfter(steps: JourneyStep[], stepId: string): string | null {
  const index = steps.findIndex((step) => step.id === stepId);
  return index >= 0 && index + 1 < steps.length ? steps[index + 1].id : null;
}

/** Where a branch goes: on when its condition holds, else its target ('end' or a step that no longer exists: the end). */
export function branchTarget(steps: JourneyStep[], step: Extract<JourneyStep, { type: 'branch' }>, holds: boolean): string | null {
  if (holds) return stepAfter(steps, step.id);
  return steps.some((s) => s.id === step.elseGoto) ? step.elseGoto : null;
}

/** The key of one step of one run: `journey:<journey>:<member>:<entry#>:<step>`. Coupon grants, messages and tasks it makes use it. */
export function stepKey(journeyId: string, memberId: string, entryNo: number, stepId: string): string {
  return `journey:${journeyId}:${memberId}:${entryNo}:${stepId}`;
}

/** A task step's key: post-purchase causes keep the keys care has always used (one task per purchase and cause), others their step key. */
export function taskStepKey(step: Extract<JourneyStep, { type: 'task' }>, entry: JourneyEntry, entryKey: string, key: string): string {
  return step.cause !== 'journey' && entry.kind === 'purchased' ? `${step.cause}:${entryKey}` : key;
}
