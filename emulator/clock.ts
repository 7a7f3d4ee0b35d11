import fs from 'node:fs';
import { CloudError, StartupError, type ClockLike } from './types';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * The span "now" may be moved within. Outside it `Date` stops being usable (past ±8.64e15 ms it is
 * Invalid Date, and toISOString throws everywhere), and nothing a developer tests needs the year 2201;
 * refusing early keeps one bad request from breaking every endpoint and the trigger loop.
 */
export const CLOCK_MIN_MS = Date.UTC(1970, 0, 1);
export const CLOCK_MAX_MS = Date.UTC(2200, 0, 1);
const RANGE_TEXT = 'between 1970-01-01 and 2200-01-01 (UTC)';

/** "90d", "1d12h", "30m", "-2h" → milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const sign = trimmed.startsWith('-') ? -1 : 1;
  const body = trimmed.replace(/^[-+]/, '');
  const parts = [...body.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== body) {
    throw new CloudError('INVALID_PARAM', `invalid duration "${text}": use forms like 90d, 1d12h, 30m, 10s`);
  }
  return sign * parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * UNITS[unit], 0);
}

function inRange(offset: number): boolean {
  const now = Date.now() + offset;
  return Number.isFinite(offset) && now >= CLOCK_MIN_MS && now < CLOCK_MAX_MS;
}

/**
 * The local cloud's time: real time plus an offset. Time keeps flowing after a set or an advance, as it
 * would in the cloud; the offset is saved in the data folder so a restart keeps the moved clock.
 */
export class Clock implements ClockLike {
  private offset = 0;

  constructor(private readonly file?: string) {
    if (file && fs.existsSync(file)) this.offset = readOffset(file);
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  offsetMs(): number {
    return this.offset;
  }

  set(iso: string): void {
    const target = Date.parse(iso);
    if (Number.isNaN(target)) throw new CloudError('INVALID_PARAM', `invalid time "${iso}": use ISO 8601, e.g. 2027-01-01T00:00:00+08:00`);
    this.save(target - Date.now(), `"${iso}"`);
  }

  advance(duration: string | number): void {
    const delta = typeof duration === 'number' ? duration : parseDuration(duration);
    this.save(this.offset + delta, `advancing by ${JSON.stringify(duration)}`);
  }

  reset(): void {
    this.save(0, 'reset');
  }

  /** Validates first and writes before changing memory, so a refused or failed move leaves the clock as it was. */
  private save(offset: number, what: string): void {
    if (!inRange(offset)) {
      throw new CloudError('INVALID_PARAM', `the clock cannot be moved to ${what}: "now" must stay ${RANGE_TEXT}`);
    }
    if (this.file) {
      // A crash mid-write must not leave a half-written clock.json for the next start to refuse.
      const tmp = `${this.file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ offsetMs: offset }));
      fs.renameSync(tmp, this.file);
    }
    this.offset = offset;
  }
}

function readOffset(file: string): number {
  const fail = (problem: string) =>
    new StartupError(
      `${file} ${problem}. Delete it to put the local cloud's clock back to real time, or fix it: ` +
        `{"offsetMs": <milliseconds added to real time, keeping now ${RANGE_TEXT}>}.`,
    );
  let saved: unknown;
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw fail(`is not valid JSON (${(error as Error).message})`);
  }
  const offset = (saved as { offsetMs?: unknown } | null)?.offsetMs;
  if (typeof offset !== 'number' || !Number.isFinite(offset)) throw fail('has no numeric "offsetMs"');
  if (!inRange(offset)) throw fail(`holds an offset of ${offset} ms, which puts now outside ${RANGE_TEXT}`);
  return offset;
}
