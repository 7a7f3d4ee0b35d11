import dayjs from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';
import utc from 'dayjs/plugin/utc';
import { parseShanghai } from '../time/shanghai';
import { heatFallingTwoWeeks, heatIndex, heatSummary, heatTrend, heatWeekKey, heatWeeksToDrop, type HeatInputs } from './heat';

dayjs.extend(utc);
dayjs.extend(isoWeek);

const at = parseShanghai;
const DAY = 24 * 60 * 60 * 1000;
const NONE: HeatInputs = { daysSinceLastPurchase: null, purchases90: 0, spend12mFen: 0, interactions90: 0, couponUses: 0, spendReferenceFen: 500_000 };
const part = (inputs: Partial<HeatInputs>, key: string) => heatIndex({ ...NONE, ...inputs }).parts.find((p) => p.key === key)!;

describe('heatIndex', () => {
  it('nothing at all scores 0, with a reason for every part', () => {
    const { score, parts } = heatIndex(NONE);
    expect(score).toBe(0);
    expect(parts.map((p) => [p.key, p.label, p.points, p.max, p.text])).toEqual([
      ['recency', '最近消费', 0, 30, '还没有消费记录'],
      ['frequency', '消费频次', 0, 25, '近90天没有消费'],
      ['spend', '消费金额', 0, 20, '近12个月没有消费'],
      ['interactions', '互动', 0, 15, '近90天没有沟通记录'],
      ['coupons', '用券', 0, 10, '还没有用券消费'],
    ]);
  });

  it('everything at the top scores 100', () => {
    const { score, parts } = heatIndex({ daysSinceLastPurchase: 0, purchases90: 9, spend12mFen: 900_000, interactions90: 7, couponUses: 4, spendReferenceFen: 500_000 });
    expect(score).toBe(100);
    expect(parts.every((p) => p.points === p.max)).toBe(true);
  });

  it.each([
    [0, 30, '今天消费过'],
    [41, 23, '41天前消费过'],
    [90, 15, '90天前消费过'],
    [179, 0, '179天前消费过'],
    [180, 0, '180天前消费过'],
    [400, 0, '400天前消费过'],
  ])('recency: %p days → %p points', (days, points, text) => {
    expect(part({ daysSinceLastPurchase: days }, 'recency')).toMatchObject({ points, text });
  });

  it.each([
    [0, 0],
    [1, 10],
    [2, 17],
    [3, 21],
    [4, 25],
    [12, 25],
  ])('frequency: %p purchases → %p points', (purchases90, points) => {
    expect(part({ purchases90 }, 'frequency').points).toBe(points);
  });

  it('frequency text', () => {
    expect(part({ purchases90: 2 }, 'frequency').text).toBe('近90天消费2次');
  });

  it('spend: share of the reference, capped, with the amount and percent', () => {
    expect(part({ spend12mFen: 320_000 }, 'spend')).toMatchObject({ points: 13, text: '近12个月消费¥3,200，为本店参考值的64%' });
    expect(part({ spend12mFen: 1_000_000 }, 'spend')).toMatchObject({ points: 20, text: '近12个月消费¥10,000，为本店参考值的200%' });
    expect(part({ spend12mFen: 12_345_678_950 }, 'spend').text).toBe('近12个月消费¥123,456,789.50，为本店参考值的2469136%');
  });

  it('spend: no reference, no points', () => {
    expect(part({ spend12mFen: 320_000, spendReferenceFen: 0 }, 'spend')).toMatchObject({ points: 0, text: '近12个月消费¥3,200' });
    expect(part({ spend12mFen: 320_000, spendReferenceFen: -5 }, 'spend').points).toBe(0);
  });

  it.each([
    [0, 0],
    [1, 6],
    [2, 10],
    [3, 15],
    [10, 15],
  ])('interactions: %p → %p points', (interactions90, points) => {
    expect(part({ interactions90 }, 'interactions').points).toBe(points);
  });

  it.each([
    [0, 0],
    [1, 5],
    [2, 10],
    [3, 10],
  ])('coupons: %p uses → %p points', (couponUses, points) => {
    expect(part({ couponUses }, 'coupons').points).toBe(points);
  });

  it('interaction and coupon texts', () => {
    expect(part({ interactions90: 1 }, 'interactions').text).toBe('近90天沟通1次');
    expect(part({ couponUses: 3 }, 'coupons').text).toBe('用券消费3次');
  });

  it('the score is the sum of the parts, an integer', () => {
    const { score, parts } = heatIndex({ daysSinceLastPurchase: 41, purchases90: 2, spend12mFen: 320_000, interactions90: 1, couponUses: 3, spendReferenceFen: 500_000 });
    expect(score).toBe(23 + 17 + 13 + 6 + 10);
    expect(score).toBe(parts.reduce((s, p) => s + p.points, 0));
  });
});

describe('heatWeekKey', () => {
  it.each([
    ['2026-12-03 12:00', '2026-W49'],
    ['2026-12-31 12:00', '2026-W53'],
    ['2027-01-01 12:00', '2026-W53'],
    ['2027-01-04 00:00', '2027-W01'],
    ['2020-12-31 12:00', '2020-W53'],
    ['2021-01-03 23:59', '2020-W53'],
    ['2024-12-30 00:00', '2025-W01'],
  ])('%s → %s', (text, key) => {
    expect(heatWeekKey(at(text))).toBe(key);
  });

  it('uses the Shanghai date: Sunday 16:00Z is already Monday', () => {
    expect(heatWeekKey(new Date('2027-01-03T15:59:59Z'))).toBe('2026-W53');
    expect(heatWeekKey(new Date('2027-01-03T16:00:00Z'))).toBe('2027-W01');
  });

  it('agrees with dayjs isoWeek on every day of 2019–2030', () => {
    for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2031, 0, 1); t += DAY) {
      const wall = dayjs.utc(t);
      const expected = `${wall.isoWeekYear()}-W${String(wall.isoWeek()).padStart(2, '0')}`;
      expect(heatWeekKey(at(wall.format('YYYY-MM-DD')))).toBe(expected);
    }
  });
});

describe('weekly history', () => {
  const NOW = at('2027-01-06 12:00'); // 2027-W01
  const weeks = { '2026-W44': 90, '2026-W51': 70, '2026-W52': 65, '2026-W53': 60, '2027-W01': 55, '2027-W02': 1 };

  it('trend: the last 8 weeks up to now, oldest first, only weeks present', () => {
    expect(heatTrend(weeks, NOW)).toEqual([
      { week: '2026-W51', score: 70 },
      { week: '2026-W52', score: 65 },
      { week: '2026-W53', score: 60 },
      { week: '2027-W01', score: 55 },
    ]);
    expect(heatTrend(weeks, NOW, 2)).toEqual([
      { week: '2026-W53', score: 60 },
      { week: '2027-W01', score: 55 },
    ]);
    expect(heatTrend(weeks, NOW, 0)).toEqual([]);
    expect(heatTrend({}, NOW)).toEqual([]);
  });

  it('falling two weeks: three scored weeks, strictly down twice', () => {
    expect(heatFallingTwoWeeks(weeks, NOW)).toBe(true);
    expect(heatFallingTwoWeeks({ '2026-W52': 65, '2026-W53': 60, '2027-W01': 60 }, NOW)).toBe(false);
    expect(heatFallingTwoWeeks({ '2026-W52': 60, '2026-W53': 60, '2027-W01': 50 }, NOW)).toBe(false);
    expect(heatFallingTwoWeeks({ '2026-W51': 80, '2026-W53': 60, '2027-W01': 50 }, NOW)).toBe(false);
    expect(heatFallingTwoWeeks({ '2026-W52': 65, '2026-W53': 60 }, NOW)).toBe(false);
  });

  it('weeks to drop: before the last 12 weeks, and keys that are no week', () => {
    // the last 12 weeks up to 2027-W01 start at 2026-W43
    expect(heatWeeksToDrop({ '2026-W42': 1, '2026-W43': 1, '2027-W01': 1, '2027-W09': 1, junk: 1 }, NOW)).toEqual(['2026-W42', 'junk']);
    expect(heatWeeksToDrop(weeks, NOW, 2)).toEqual(['2026-W44', '2026-W51', '2026-W52']);
    expect(heatWeeksToDrop(weeks, NOW, 1)).toEqual(['2026-W44', '2026-W51', '2026-W52', '2026-W53']);
    expect(() => heatWeeksToDrop(weeks, NOW, 0)).toThrow(RangeError);
  });
});

describe('heatSummary', () => {
  const { parts } = heatIndex({ daysSinceLastPurchase: 41, purchases90: 2, spend12mFen: 320_000, interactions90: 3, couponUses: 3, spendReferenceFen: 500_000 });

  it('says the change since last week and the part that lost the most', () => {
    // recency lost 7, frequency 8, spend 7: frequency is the biggest loss
    expect(heatSummary(62, [{ week: '2026-W48', score: 67 }, { week: '2026-W49', score: 62 }], parts)).toBe('热度62，较上周下降5；近90天消费2次，拉低了热度。');
  });

  it('rises, holds, and says 上次 when weeks are missing between the points', () => {
    const recencyWorst = heatIndex({ ...NONE, daysSinceLastPurchase: 120, purchases90: 4, spend12mFen: 500_000, interactions90: 3, couponUses: 2 }).parts;
    expect(heatSummary(70, [{ week: '2026-W48', score: 60 }, { week: '2026-W49', score: 70 }], recencyWorst)).toBe('热度70，较上周上升10；120天前消费过，拉低了热度。');
    expect(heatSummary(60, [{ week: '2026-W53', score: 60 }, { week: '2027-W01', score: 60 }], recencyWorst)).toBe('热度60，与上周持平；120天前消费过，拉低了热度。');
    expect(heatSummary(60, [{ week: '2026-W40', score: 50 }, { week: '2026-W49', score: 60 }], recencyWorst)).toBe('热度60，较上次上升10；120天前消费过，拉低了热度。');
  });

  it('without history, and with full marks', () => {
    const full = heatIndex({ daysSinceLastPurchase: 0, purchases90: 9, spend12mFen: 900_000, interactions90: 7, couponUses: 4, spendReferenceFen: 500_000 }).parts;
    expect(heatSummary(100, [{ week: '2026-W49', score: 100 }], full)).toBe('热度100；各项都是满分。');
    expect(heatSummary(0, [], heatIndex(NONE).parts)).toBe('热度0；还没有消费记录，拉低了热度。');
    expect(heatSummary(5, [], [])).toBe('热度5。');
  });
});
