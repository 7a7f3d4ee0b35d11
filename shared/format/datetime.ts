/**
 * Display text for the ISO instants the functions answer, always in Asia/Shanghai whatever the
 * phone's own zone. China has kept UTC+08:00 without daylight saving since 1991, so a fixed offset is
 * exact and needs no Intl time-zone data (which WeChat's Android runtime lacks) and no date library
 * (this file ships in the mini-program's main package).
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function shanghaiWallClock(instant: string | Date): WallClock {
  const time = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (Number.isNaN(time)) throw new RangeError(`expected an ISO date-time, got '${String(instant)}'`);
  // Shifted so the UTC getters read Shanghai's wall clock.
  const shifted = new Date(time + SHANGHAI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** '2026-11-05' */
export function formatShanghaiDate(instant: string | Date): string {
  const t = shanghaiWallClock(instant);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/**
 * The last Shanghai day before an expiry instant: points that expire at 2027-01-01 00:00 are still
 * usable on '2026-12-31', which is the date a member should read.
 */
export function formatShanghaiLastDay(expiresAt: string | Date): string {
  const time = expiresAt instanceof Date ? expiresAt.getTime() : Date.parse(expiresAt);
  if (Number.isNaN(time)) throw new RangeError(`expected an ISO date-time, got '${String(expiresAt)}'`);
  return formatShanghaiDate(new Date(time - 1));
}

/** '2026-11-05 14:30' */
export function formatShanghaiDateTime(instant: string | Date): string {
  const t = shanghaiWallClock(instant);
  return `${formatShanghaiDate(instant)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** '20261105143012': sortable digits, e.g. to suggest an order number at the till. */
export function formatShanghaiCompact(instant: string | Date): string {
  const t = shanghaiWallClock(instant);
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`;
}
