import { SHANGHAI_UTC_OFFSET_MINUTES, shanghaiDayKey, startOfShanghaiDayKey, addDaysToDayKey } from '../time/shanghai';
import { minuteOfDay, type MessageSettings } from './message-settings';

/**
 * When a message may go out: not in the quiet hours, and for marketing not beyond the member's cap.
 * Both answer "not before this time" (null: now is fine), so a held message simply waits in the outbox
 * with a later due time — the sender never drops it for being early.
 */
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEK_MS = 7 * DAY_MS;

function shanghaiMinuteOfDay(now: Date): number {
  const minutes = Math.floor(now.getTime() / MINUTE_MS) + SHANGHAI_UTC_OFFSET_MINUTES;
  return ((minutes % 1440) + 1440) % 1440;
}

/** The end of the quiet hours now is in, or null outside them (or with none). */
export function quietUntil(now: Date, quiet: MessageSettings['quietHours']): Date | null {
  if (!quiet) return null;
  const start = minuteOfDay(quiet.start);
  const end = minuteOfDay(quiet.end);
  if (start === end) return null;
  const minute = shanghaiMinuteOfDay(now);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const today = shanghaiDayKey(now);
  const endDay = minute < end ? today : addDaysToDayKey(today, 1);
  return new Date(startOfShanghaiDayKey(endDay).getTime() + end * MINUTE_MS);
}

/** Why a message waits from `now`: the quiet hours if now is in them, else the cap. */
export function holdReason(now: Date, quiet: MessageSettings['quietHours']): 'quiet' | 'cap' {
  return quietUntil(now, quiet) ? 'quiet' : 'cap';
}

/** Marketing sends within the last week: what the cap counts, and all a member document keeps. */
export function recentSends(sentAt: Date[], now: Date): Date[] {
  return sentAt.filter((at) => now.getTime() - at.getTime() < WEEK_MS).sort((a, b) => a.getTime() - b.getTime());
}

/**
 * The earliest time one more marketing message keeps within the cap (null: now). The day cap counts the
 * Shanghai day; the week cap a rolling seven days. A cap of 0 sends no marketing at all (Infinity).
 */
export function capUntil(sentAt: Date[], cap: MessageSettings['cap'], now: Date): Date | null {
  if (cap.perDay === 0 || cap.perWeek === 0) return new Date(8.64e15);
  const recent = recentSends(sentAt, now);
  const today = shanghaiDayKey(now);
  const holds: number[] = [];
  if (recent.filter((at) => shanghaiDayKey(at) === today).length >= cap.perDay) holds.push(startOfShanghaiDayKey(addDaysToDayKey(today, 1)).getTime());
  if (recent.length >= cap.perWeek) holds.push(recent[recent.length - cap.perWeek].getTime() + WEEK_MS);
  return holds.length ? new Date(Math.max(...holds)) : null;
}

/** The first time at or after `from` that is neither quiet nor capped. */
export function nextSendTime(from: Date, marketing: boolean, sentAt: Date[], settings: Pick<MessageSettings, 'quietHours' | 'cap'>): Date {
  let at = from;
  // Two rounds settle it: a cap pushes to a day start, which quiet hours may push to their end; that end is not capped.
  for (let round = 0; round < 3; round++) {
    const capped = marketing ? capUntil(sentAt, settings.cap, at) : null;
    if (capped) at = capped;
    const quiet = quietUntil(at, settings.quietHours);
    if (quiet) at = quiet;
    if (!capped && !quiet) return at;
  }
  return at;
}
