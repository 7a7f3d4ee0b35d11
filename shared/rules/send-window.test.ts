import { capUntil, nextSendTime, quietUntil, recentSends } from './send-window';

const at = (text: string) => new Date(text);
const quiet = { start: '21:00', end: '09:00' };

describe('quiet hours (Shanghai wall clock)', () => {
  test('outside them: send now', () => {
    expect(quietUntil(at('2026-12-01T12:00:00+08:00'), quiet)).toBeNull();
    expect(quietUntil(at('2026-12-01T20:59:59+08:00'), quiet)).toBeNull();
    expect(quietUntil(at('2026-12-01T09:00:00+08:00'), quiet)).toBeNull();
  });
  test('in the evening: held until 09:00 the next morning; after midnight: until 09:00 that day', () => {
    expect(quietUntil(at('2026-12-01T21:00:00+08:00'), quiet)).toEqual(at('2026-12-02T09:00:00+08:00'));
    expect(quietUntil(at('2026-12-31T23:30:00+08:00'), quiet)).toEqual(at('2027-01-01T09:00:00+08:00'));
    expect(quietUntil(at('2026-12-02T03:00:00+08:00'), quiet)).toEqual(at('2026-12-02T09:00:00+08:00'));
  });
  test('a window within one day, and none', () => {
    expect(quietUntil(at('2026-12-01T13:00:00+08:00'), { start: '12:00', end: '14:00' })).toEqual(at('2026-12-01T14:00:00+08:00'));
    expect(quietUntil(at('2026-12-01T23:00:00+08:00'), null)).toBeNull();
  });
});

describe('the marketing cap', () => {
  const cap = { perDay: 1, perWeek: 4 };
  test('one a day: the second waits for the next Shanghai day', () => {
    const now = at('2026-12-01T15:00:00+08:00');
    expect(capUntil([], cap, now)).toBeNull();
    expect(capUntil([at('2026-12-01T10:00:00+08:00')], cap, now)).toEqual(at('2026-12-02T00:00:00+08:00'));
    // Yesterday's does not count against today.
    expect(capUntil([at('2026-11-30T23:00:00+08:00')], cap, now)).toBeNull();
  });
  test('four a rolling week: the fifth waits until the oldest is a week old', () => {
    const sent = ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-30'].map((d) => at(`${d}T10:00:00+08:00`));
    expect(capUntil(sent, cap, at('2026-12-01T15:00:00+08:00'))).toEqual(at('2026-12-03T10:00:00+08:00'));
    expect(recentSends([at('2026-11-20T10:00:00+08:00'), ...sent], at('2026-12-01T15:00:00+08:00'))).toHaveLength(4);
  });
  test('a cap of 0 sends no marketing at all', () => {
    expect(capUntil([], { perDay: 0, perWeek: 4 }, at('2026-12-01T15:00:00+08:00'))!.getTime()).toBeGreaterThan(at('2100-01-01T00:00:00Z').getTime());
  });
  test('capped to midnight, then quiet until 09:00: both rules hold', () => {
    const settings = { quietHours: quiet, cap };
    const from = at('2026-12-01T15:00:00+08:00');
    expect(nextSendTime(from, true, [at('2026-12-01T10:00:00+08:00')], settings)).toEqual(at('2026-12-02T09:00:00+08:00'));
    // A transactional message is not capped.
    expect(nextSendTime(from, false, [at('2026-12-01T10:00:00+08:00')], settings)).toEqual(from);
  });
});
