import { formatShanghaiCompact, formatShanghaiDate, formatShanghaiDateTime, formatShanghaiLastDay } from './datetime';

describe('Shanghai date formatting', () => {
  it('shows an instant on the Shanghai wall clock', () => {
    expect(formatShanghaiDateTime('2026-11-05T06:30:12.000Z')).toBe('2026-11-05 14:30');
    expect(formatShanghaiDate('2026-11-05T06:30:12.000Z')).toBe('2026-11-05');
    expect(formatShanghaiCompact('2026-11-05T06:30:12.000Z')).toBe('20261105143012');
  });

  it('moves to the next Shanghai day from 16:00 UTC, across month and year ends', () => {
    expect(formatShanghaiDateTime('2026-12-31T15:59:59.999Z')).toBe('2026-12-31 23:59');
    expect(formatShanghaiDateTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00');
    expect(formatShanghaiDate('2028-02-28T16:00:00Z')).toBe('2028-02-29');
  });

  it('reads explicit offsets and Date objects alike', () => {
    expect(formatShanghaiDateTime('2026-11-05T08:00:00+08:00')).toBe('2026-11-05 08:00');
    expect(formatShanghaiDateTime(new Date(Date.UTC(2026, 0, 1, 0, 0)))).toBe('2026-01-01 08:00');
  });

  it('does not depend on the process time zone', () => {
    // The fixed offset is applied to UTC getters only; the host zone never enters.
    const iso = '2026-06-01T23:10:00Z';
    expect(formatShanghaiDateTime(iso)).toBe('2026-06-02 07:10');
  });

  it.each(['', 'not a date', '2026-13-45'])('rejects %p', (text) => {
    expect(() => formatShanghaiDateTime(text)).toThrow(RangeError);
  });

  it('names the last day before an expiry instant', () => {
    // 2027-01-01 00:00 in Shanghai: the points are still good all of 2026-12-31.
    expect(formatShanghaiLastDay('2026-12-31T16:00:00.000Z')).toBe('2026-12-31');
    expect(formatShanghaiLastDay('2026-12-31T16:00:00.001Z')).toBe('2027-01-01');
    expect(() => formatShanghaiLastDay('soon')).toThrow(RangeError);
  });
});
