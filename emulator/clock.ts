import fs from 'node:fs';
import type { ClockLike } from './types';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90d", "1d12h", "30m", "-2h" → milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const sign = trimmed.startsWith('-') ? -1 : 1;
  const body = trimmed.replace(/^[-+]/, '');
  const parts = [...body.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== body) {
    throw new Error(`invalid duration "${text}": use forms like 90d, 1d12h, 30m, 10s`);
  }
  return sign * parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * UNITS[unit], 0);
}

/**
 * The local cloud's time: real time plus an offset. Time keeps flowing after a set or an advance, as it
 * would in the cloud; the offset is saved in the data folder so a restart keeps the moved clock.
 */
export class Clock implements ClockLike {
  private offset = 0;

  constructor(private readonly file?: string) {
    if (file && fs.existsSync(file)) this.offset = Number(JSON.parse(fs.readFileSync(file, 'utf8')).offsetMs) || 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  offsetMs(): number {
    return this.offset;
  }

  set(iso: string): void {
    const target = Date.parse(iso);
    if (Number.isNaN(target)) throw new Error(`invalid time "${iso}": use ISO 8601, e.g. 2027-01-01T00:00:00+08:00`);
    this.save(target - Date.now());
  }

  advance(duration: string | number): void {
    this.save(this.offset + (typeof duration === 'number' ? duration : parseDuration(duration)));
  }

  reset(): void {
    this.save(0);
  }

  private save(offset: number): void {
    this.offset = offset;
    if (this.file) fs.writeFileSync(this.file, JSON.stringify({ offsetMs: offset }));
  }
}
