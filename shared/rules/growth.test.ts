import { parseShanghai } from '../time/shanghai';
import { addGrowth, growthForAmount, nextReviewAt, rollingGrowth, windowStartDay } from './growth';

const at = parseShanghai;
const NOW = at('2026-11-23 12:00');

describe('growthForAmount', () => {
  it.each([
    [0, 0],
    [99, 0],
    [100, 1],
    [9999, 99],
    [100_000_000, 1_000_000],
  ])('%p fen → %p', (fen, growth) => {
    expect(growthForAmount(fen)).toBe(growth);
  });

  it('rejects fractions and negatives', () => {
    expect(() => growthForAmount(1.5)).toThrow(RangeError);
    expect(() => growthForAmount(-100)).toThrow(RangeError);
  });
});

describe('windowStartDay', () => {
  it('starts the day after the same date `months` ago', () => {
    expect(windowStartDay(NOW, 12)).toBe('20251124');
    expect(windowStartDay(NOW, 1)).toBe('20261024');
  });

  it('uses the Shanghai day: 2026-11-23T16:30Z is already 24 Nov', () => {
    expect(windowStartDay(new Date('2026-11-23T15:59:59Z'), 12)).toBe('20251124');
    expect(windowStartDay(new Date('2026-11-23T16:30:00Z'), 12)).toBe('20251125');
  });

  it('clamps at month ends', () => {
    expect(windowStartDay(at('2026-03-31 10:00'), 1)).toBe('20260301');
    expect(windowStartDay(at('2025-02-28 10:00'), 12)).toBe('20240229');
  });
});

describe('rollingGrowth', () => {
  const buckets = { '20251123': 500, '20251124': 300, '20260601': 200, '20261123': 7 };

  it('counts a bucket exactly at the window start, not one a day earlier', () => {
    expect(rollingGrowth(buckets, NOW, 12)).toBe(507);
  });

  it('drops the start bucket once the Shanghai day turns, even though the UTC day has not', () => {
    expect(rollingGrowth(buckets, new Date('2026-11-23T15:59:59.999Z'), 12)).toBe(507);
    expect(rollingGrowth(buckets, new Date('2026-11-23T16:30:00Z'), 12)).toBe(207);
  });

  it('is 0 for no buckets', () => {
    expect(rollingGrowth({}, NOW, 12)).toBe(0);
  });
});

describe('addGrowth', () => {
  it('adds to a day and returns a new object', () => {
    const before = { '20261120': 10 };
    const after = addGrowth(before, '20261120', 5, NOW, 12);
    expect(after).toEqual({ '20261120': 15 });
    expect(before).toEqual({ '20261120': 10 });
  });

  it('prunes buckets before the window and buckets that reach zero', () => {
    const before = { '20251123': 50, '20251124': 60, '20261001': 30 };
    expect(addGrowth(before, '20261001', -30, NOW, 12)).toEqual({ '20251124': 60 });
  });

  it('drops a void that falls before the window', () => {
    expect(addGrowth({ '20260101': 1 }, '20250101', -40, NOW, 12)).toEqual({ '20260101': 1 });
  });

  it('rejects a malformed day or a fractional amount', () => {
    expect(() => addGrowth({}, '2026-11-23', 1, NOW, 12)).toThrow(RangeError);
    expect(() => addGrowth({}, '20261123', 0.5, NOW, 12)).toThrow(RangeError);
  });
});

describe('nextReviewAt', () => {
  it('is null when there is nothing to keep', () => {
    expect(nextReviewAt({ '20261101': 10 }, 0, NOW, 12)).toBeNull();
  });

  it('is now when growth is already below', () => {
    expect(nextReviewAt({ '20261101': 999 }, 1000, NOW, 12)).toEqual(NOW);
  });

  it('is the start of the Shanghai day the deciding bucket ages out', () => {
    // 600 + 500 = 1100 ≥ 1000 now; the 600 from 2026-01-10 leaves the window on 2027-01-10, leaving 500.
    const buckets = { '20260110': 600, '20260520': 500 };
    expect(nextReviewAt(buckets, 1000, NOW, 12)).toEqual(new Date('2027-01-09T16:00:00.000Z'));
    // The day before, the bucket still counts.
    expect(rollingGrowth(buckets, at('2027-01-09 23:59:59.999'), 12)).toBe(1100);
    expect(rollingGrowth(buckets, at('2027-01-10 00:00'), 12)).toBe(500);
  });

  it('skips buckets whose leaving keeps the growth at or above the threshold', () => {
    const buckets = { '20251201': 100, '20260201': 400, '20260301': 1000 };
    // Leaving of 20251201 keeps 1400, of 20260201 keeps 1000 (= threshold, kept), of 20260301 drops to 0.
    expect(nextReviewAt(buckets, 1000, NOW, 12)).toEqual(at('2027-03-01 00:00'));
  });

  it('ignores buckets already outside the window', () => {
    expect(nextReviewAt({ '20250101': 5000, '20260801': 1000 }, 1000, NOW, 12)).toEqual(at('2027-08-01 00:00'));
  });

  it('handles a 29 Feb bucket, which leaves on 1 Mar the next year', () => {
    const now = at('2024-06-01 10:00');
    expect(nextReviewAt({ '20240229': 2000 }, 1000, now, 12)).toEqual(at('2025-03-01 00:00'));
    expect(rollingGrowth({ '20240229': 2000 }, at('2025-02-28 23:00'), 12)).toBe(2000);
  });
});
