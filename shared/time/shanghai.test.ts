import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import {
  addDaysToDayKey,
  addMonthsShanghai,
  addMonthsToDayKey,
  formatShanghai,
  isDayKey,
  parseShanghai,
  SHANGHAI_TIME_ZONE,
  shanghaiDayKey,
  shanghaiYear,
  startOfShanghaiDay,
  startOfShanghaiDayKey,
  startOfShanghaiYear,
} from './shanghai';

dayjs.extend(utc);
dayjs.extend(timezone);

describe('shanghaiDayKey', () => {
  it('reads the day in Shanghai, not in UTC, around midnight', () => {
    expect(shanghaiDayKey(new Date('2026-11-23T15:59:59.999Z'))).toBe('20261123');
    expect(shanghaiDayKey(new Date('2026-11-23T16:00:00.000Z'))).toBe('20261124');
    expect(shanghaiDayKey(new Date('2026-11-23T16:30:00Z'))).toBe('20261124');
  });

  it('rejects an invalid Date', () => {
    expect(() => shanghaiDayKey(new Date('nope'))).toThrow(RangeError);
  });
});

describe('years', () => {
  it('starts a Shanghai year at 16:00 UTC on 31 Dec', () => {
    expect(startOfShanghaiYear(2028).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });

  it('reads the year in Shanghai', () => {
    expect(shanghaiYear(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(shanghaiYear(new Date('2026-12-31T16:00:00.000Z'))).toBe(2027);
  });
});

describe('day keys', () => {
  it('validates real calendar days only', () => {
    expect(isDayKey('20240229')).toBe(true);
    expect(isDayKey('20250229')).toBe(false);
    expect(isDayKey('2025-02-01')).toBe(false);
    expect(isDayKey('20251301')).toBe(false);
  });

  it('gives the start of a key’s day as a UTC instant', () => {
    expect(startOfShanghaiDayKey('20261124').toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(() => startOfShanghaiDayKey('20260230')).toThrow(RangeError);
  });

  it('adds days across month and year ends', () => {
    expect(addDaysToDayKey('20251231', 1)).toBe('20260101');
    expect(addDaysToDayKey('20240301', -1)).toBe('20240229');
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonthsToDayKey('20261123', -12)).toBe('20251123');
    expect(addMonthsToDayKey('20240229', 12)).toBe('20250228');
    expect(addMonthsToDayKey('20260331', -1)).toBe('20260228');
  });
});

describe('instants', () => {
  it('starts the Shanghai day, not the UTC day', () => {
    expect(startOfShanghaiDay(new Date('2026-11-23T16:30:00Z')).toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });

  it('adds months on the Shanghai calendar', () => {
    // 1 Mar 00:10 Shanghai is 28 Feb in UTC: a UTC calendar would answer 29 Jan 00:10 Shanghai.
    const start = parseShanghai('2026-01-31 00:30');
    expect(formatShanghai(addMonthsShanghai(start, 1), 'YYYY-MM-DD HH:mm')).toBe('2026-02-28 00:30');
    expect(formatShanghai(addMonthsShanghai(parseShanghai('2026-03-01 00:10'), -1), 'YYYY-MM-DD HH:mm')).toBe('2026-02-01 00:10');
  });

  it('formats in Shanghai with its offset', () => {
    expect(formatShanghai(new Date('2026-11-23T16:30:00Z'), 'YYYY-MM-DD HH:mm')).toBe('2026-11-24 00:30');
    expect(formatShanghai(new Date('2026-11-23T16:30:00Z'), 'YYYY-MM-DDTHH:mm:ssZ')).toBe('2026-11-24T00:30:00+08:00');
  });

  it('parses Shanghai wall-clock text and rejects impossible times', () => {
    expect(parseShanghai('2026-12-31 23:59:59.999').toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(parseShanghai('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(() => parseShanghai('2026-02-29')).toThrow(RangeError);
    expect(() => parseShanghai('2026-01-01 24:00')).toThrow(RangeError);
    expect(() => parseShanghai('2026/01/01')).toThrow(RangeError);
  });
});

describe('the fixed +08:00 offset', () => {
  // Node has full ICU, so the timezone plugin is a trustworthy oracle here (it is not in WeChat on Android).
  it('agrees with the IANA Asia/Shanghai zone at every year boundary 1992–2100 and on sampled days', () => {
    for (let year = 1992; year <= 2100; year += 1) {
      expect(startOfShanghaiYear(year).getTime()).toBe(dayjs.tz(`${year}-01-01 00:00`, SHANGHAI_TIME_ZONE).valueOf());
      const mid = new Date(Date.UTC(year, 6, 1, 17, 45));
      expect(shanghaiDayKey(mid)).toBe(dayjs(mid).tz(SHANGHAI_TIME_ZONE).format('YYYYMMDD'));
    }
  });
});
