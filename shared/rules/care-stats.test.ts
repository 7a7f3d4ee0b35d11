import { parseShanghai } from '../time/shanghai';
import {
  addCareStats,
  careStatsOf,
  medianGapDays,
  NO_CARE_STATS,
  preferredCategories,
  removeCareStats,
  shanghaiMonthKey,
  spendInLast12Months,
  type CarePurchase,
} from './care-stats';

const at = parseShanghai;
const NOW = at('2026-11-23 12:00');
const buy = (when: string, fen: number, categories: string[] = [], couponIds: string[] = []): CarePurchase => ({ at: at(when), fen, categories, couponIds });

describe('shanghaiMonthKey', () => {
  it('uses the Shanghai month: 30 Nov 16:30Z is already December', () => {
    expect(shanghaiMonthKey(new Date('2026-11-30T15:59:59Z'))).toBe('202611');
    expect(shanghaiMonthKey(new Date('2026-11-30T16:30:00Z'))).toBe('202612');
  });
});

describe('addCareStats', () => {
  it('counts each distinct category once per purchase, ignores blanks, counts coupon purchases once', () => {
    const stats = addCareStats(NO_CARE_STATS, buy('2026-11-01 10:00', 5_000, ['童装', '童装', '鞋', ' '], ['c1', 'c2']), NOW);
    expect(stats).toEqual({
      categoryCounts: { 童装: 1, 鞋: 1 },
      couponPurchaseCount: 1,
      spendMonths: { '202611': 5_000 },
      firstPurchaseAt: at('2026-11-01 10:00'),
    });
    const again = addCareStats(stats, buy('2026-11-02 10:00', 1_000, ['童装']), NOW);
    expect(again.categoryCounts).toEqual({ 童装: 2, 鞋: 1 });
    expect(again.couponPurchaseCount).toBe(1);
    expect(again.spendMonths).toEqual({ '202611': 6_000 });
  });

  it('does not change its input', () => {
    const before = addCareStats(NO_CARE_STATS, buy('2026-11-01 10:00', 100, ['鞋']), NOW);
    const copy = JSON.parse(JSON.stringify(before));
    addCareStats(before, buy('2026-11-02 10:00', 100, ['鞋']), NOW);
    expect(JSON.parse(JSON.stringify(before))).toEqual(copy);
    expect(NO_CARE_STATS).toEqual({ categoryCounts: {}, couponPurchaseCount: 0, spendMonths: {}, firstPurchaseAt: null });
  });

  it('keeps the earliest first purchase, whatever order purchases arrive in', () => {
    let stats = addCareStats(NO_CARE_STATS, buy('2026-10-01 10:00', 100), NOW);
    stats = addCareStats(stats, buy('2026-09-01 10:00', 100), NOW);
    stats = addCareStats(stats, buy('2026-11-01 10:00', 100), NOW);
    expect(stats.firstPurchaseAt).toEqual(at('2026-09-01 10:00'));
  });

  it('keeps the current month and the 12 before it, and drops older ones', () => {
    const stats = addCareStats(
      { ...NO_CARE_STATS, spendMonths: { '202510': 7, '202511': 8, '202611': 9 } },
      buy('2026-11-23 09:00', 1),
      NOW,
    );
    expect(stats.spendMonths).toEqual({ '202511': 8, '202611': 10 });
  });

  it('drops a purchase dated before the kept months', () => {
    expect(addCareStats(NO_CARE_STATS, buy('2025-10-31 23:00', 500), NOW).spendMonths).toEqual({});
  });
});

describe('removeCareStats', () => {
  const two = addCareStats(
    addCareStats(NO_CARE_STATS, buy('2026-10-01 10:00', 3_000, ['童装'], ['c1']), NOW),
    buy('2026-11-01 10:00', 2_000, ['童装', '鞋']),
    NOW,
  );

  it('takes the purchase back out of every figure', () => {
    const after = removeCareStats(two, buy('2026-11-01 10:00', 2_000, ['童装', '鞋']), 1, NOW);
    expect(after).toEqual({
      categoryCounts: { 童装: 1 },
      couponPurchaseCount: 1,
      spendMonths: { '202610': 3_000 },
      firstPurchaseAt: at('2026-10-01 10:00'),
    });
  });

  it('never goes below 0 (figures older than these fields)', () => {
    const after = removeCareStats({ ...NO_CARE_STATS, spendMonths: { '202611': 100 } }, buy('2026-11-01 10:00', 500, ['鞋'], ['c']), 3, NOW);
    expect(after).toEqual({ categoryCounts: {}, couponPurchaseCount: 0, spendMonths: {}, firstPurchaseAt: null });
  });

  it('keeps the first purchase date while valid purchases remain, even when the first one is voided', () => {
    expect(removeCareStats(two, buy('2026-10-01 10:00', 3_000, ['童装'], ['c1']), 1, NOW).firstPurchaseAt).toEqual(at('2026-10-01 10:00'));
  });

  it('empties everything when no valid purchase is left', () => {
    const after = removeCareStats(two, buy('2026-11-01 10:00', 2_000, ['童装', '鞋']), 0, NOW);
    expect(after).toEqual(NO_CARE_STATS);
    expect(after.categoryCounts).not.toBe(NO_CARE_STATS.categoryCounts);
  });

  it('a void of a month already dropped changes no month', () => {
    expect(removeCareStats(two, buy('2025-01-01 10:00', 100), 1, NOW).spendMonths).toEqual({ '202610': 3_000, '202611': 2_000 });
  });
});

test('careStatsOf fills the fields an old document lacks', () => {
  expect(careStatsOf({})).toEqual(NO_CARE_STATS);
  const first = at('2026-01-01');
  expect(careStatsOf({ couponPurchaseCount: 2, firstPurchaseAt: first })).toEqual({ ...NO_CARE_STATS, couponPurchaseCount: 2, firstPurchaseAt: first });
});

describe('spendInLast12Months', () => {
  const months = { '202511': 1, '202512': 10, '202611': 100, '202612': 1_000 };

  it('counts the current Shanghai month and the 11 before it', () => {
    expect(spendInLast12Months(months, NOW)).toBe(110);
  });

  it('turns with the Shanghai month, not the UTC one', () => {
    expect(spendInLast12Months(months, new Date('2026-11-30T15:59:59Z'))).toBe(110);
    expect(spendInLast12Months(months, new Date('2026-11-30T16:00:00Z'))).toBe(1_100);
  });

  it('is 0 for nothing', () => {
    expect(spendInLast12Months({}, NOW)).toBe(0);
  });
});

describe('preferredCategories', () => {
  it('most first, ties by name, 3 by default, zero counts left out', () => {
    expect(preferredCategories({ 鞋: 2, 包: 5, 帽: 2, 袜: 1, 裙: 0 })).toEqual([
      { name: '包', count: 5 },
      { name: '帽', count: 2 },
      { name: '鞋', count: 2 },
    ]);
  });

  it('honours the limit', () => {
    expect(preferredCategories({ a: 1, b: 2 }, 1)).toEqual([{ name: 'b', count: 2 }]);
    expect(preferredCategories({ a: 1 }, 0)).toEqual([]);
    expect(preferredCategories({})).toEqual([]);
  });
});

describe('medianGapDays', () => {
  const d = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, day, hour));

  it('is null with fewer than 3 dates', () => {
    expect(medianGapDays([])).toBeNull();
    expect(medianGapDays([d(1), d(5)])).toBeNull();
  });

  it('takes the middle gap of an odd count, in any order', () => {
    expect(medianGapDays([d(20), d(1), d(2), d(10)])).toBe(8); // gaps 1, 8, 10
  });

  it('averages the middle two of an even count and keeps fractions', () => {
    expect(medianGapDays([d(1), d(2, 12), d(3)])).toBe(1); // gaps 1.5, 0.5
    expect(medianGapDays([d(1), d(1, 12), d(4, 12), d(5), d(9)])).toBe(1.75); // gaps 0.5, 3, 0.5, 4
  });
});
