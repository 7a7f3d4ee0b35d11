/**
 * The one place that knows the business calendar is Asia/Shanghai. Everything else stores and passes
 * UTC `Date`s and asks here for days, years and display text.
 *
 * Shanghai is read as a fixed UTC+08:00 offset through dayjs' `utc` plugin instead of the `timezone`
 * plugin: the timezone plugin relies on `Intl` time-zone support, which WeChat's Android runtime lacks
 * (dayjs(...).tz('Asia/Shanghai') silently uses the phone's own zone there, dayjs#2635, taro#16078),
 * and this file is copied into the mini-program. China has kept +08:00 without daylight saving since
 * 1991, so the fixed offset is exact for every date the system will see; shanghai.test.ts checks it
 * against the IANA zone through the timezone plugin on Node.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
export const SHANGHAI_UTC_OFFSET_MINUTES = 8 * 60;

const OFFSET_MS = SHANGHAI_UTC_OFFSET_MINUTES * 60 * 1000;
const DAY_KEY = /^(\d{4})(\d{2})(\d{2})$/;
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?)?$/;

function assertDate(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`expected a valid Date, got ${String(date)}`);
  }
}

/**
 * Shanghai wall-clock fields read as if they were UTC: calendar arithmetic on this value never meets
 * an offset, and shifting back by 8 hours gives the real instant.
 */
function wallClock(date: Date): dayjs.Dayjs {
  assertDate(date);
  return dayjs.utc(date.getTime() + OFFSET_MS);
}

function fromWallClock(wall: dayjs.Dayjs): Date {
  return new Date(wall.valueOf() - OFFSET_MS);
}

/** Builds the wall-clock value for Y-M-D h:m:s.ms, or null when any field is out of range (e.g. 2月30日). */
function wallFromFields(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): dayjs.Dayjs | null {
  const wall = dayjs.utc(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  const exact =
    wall.year() === year &&
    wall.month() === month - 1 &&
    wall.date() === day &&
    wall.hour() === hour &&
    wall.minute() === minute &&
    wall.second() === second &&
    wall.millisecond() === ms;
  return exact && year >= 1000 ? wall : null;
}

function wallFromDayKey(dayKey: string): dayjs.Dayjs {
  const match = DAY_KEY.exec(dayKey);
  const wall = match ? wallFromFields(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  if (!wall) throw new RangeError(`expected a day key YYYYMMDD, got '${dayKey}'`);
  return wall;
}

/** True for a real calendar day written as 'YYYYMMDD'. */
export function isDayKey(text: string): boolean {
  const match = DAY_KEY.exec(text);
  return match !== null && wallFromFields(Number(match[1]), Number(match[2]), Number(match[3])) !== null;
}

/** The Shanghai calendar day of an instant, as 'YYYYMMDD' (sorts like the days it names). */
export function shanghaiDayKey(date: Date): string {
  return wallClock(date).format('YYYYMMDD');
}

export function shanghaiYear(date: Date): number {
  return wallClock(date).year();
}

/** 1 January of `year`, 00:00 in Shanghai, as a UTC instant. */
export function startOfShanghaiYear(year: number): Date {
  if (!Number.isInteger(year)) throw new RangeError(`expected an integer year, got ${year}`);
  return new Date(Date.UTC(year, 0, 1) - OFFSET_MS);
}

export function startOfShanghaiDay(date: Date): Date {
  return fromWallClock(wallClock(date).startOf('day'));
}

/** 00:00 Shanghai of the day a key names, as a UTC instant. */
export function startOfShanghaiDayKey(dayKey: string): Date {
  return fromWallClock(wallFromDayKey(dayKey));
}

export function addDaysToDayKey(dayKey: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`expected whole days, got ${days}`);
  return wallFromDayKey(dayKey).add(days, 'day').format('YYYYMMDD');
}

/** Calendar months; a day past the end of the target month falls back to its last day (31 Mar − 1 month = 28/29 Feb). */
export function addMonthsToDayKey(dayKey: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`expected whole months, got ${months}`);
  return wallFromDayKey(dayKey).add(months, 'month').format('YYYYMMDD');
}

/** The same Shanghai wall-clock time `months` calendar months later (or earlier), clamped to the month's end. */
export function addMonthsShanghai(date: Date, months: number): Date {
  if (!Number.isInteger(months)) throw new RangeError(`expected whole months, got ${months}`);
  return fromWallClock(wallClock(date).add(months, 'month'));
}

/** dayjs format tokens, read in Shanghai; 'Z' prints +08:00. */
export function formatShanghai(date: Date, pattern: string): string {
  assertDate(date);
  return dayjs(date).utcOffset(SHANGHAI_UTC_OFFSET_MINUTES).format(pattern);
}

/**
 * Reads Shanghai wall-clock text ('YYYY-MM-DD', 'YYYY-MM-DD HH:mm', '…:ss', '…:ss.SSS'; 'T' also
 * separates) as a UTC instant. Throws on anything else, including impossible dates.
 */
export function parseShanghai(text: string): Date {
  const match = WALL_TIME.exec(text);
  const wall = match
    ? wallFromFields(
        Number(match[1]),
        Number(match[2]),
        Number(match[3]),
        Number(match[4] ?? 0),
        Number(match[5] ?? 0),
        Number(match[6] ?? 0),
        Number(match[7] ?? 0),
      )
    : null;
  if (!wall) throw new RangeError(`expected Shanghai time 'YYYY-MM-DD[ HH:mm[:ss[.SSS]]]', got '${text}'`);
  return fromWallClock(wall);
}
