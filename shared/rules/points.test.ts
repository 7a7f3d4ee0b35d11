import { parseShanghai } from '../time/shanghai';
import {
  addLot,
  expireLots,
  expiringInYear,
  expiryForEarning,
  lotsTotal,
  nextExpiry,
  pointsForPurchase,
  type PointsLot,
  reverseLot,
  settleDebt,
  spendOldestFirst,
} from './points';

const at = parseShanghai;

function lot(id: string, remaining: number, earned: string, points = remaining): PointsLot {
  const earnedAt = at(earned);
  return { id, points, remaining, earnedAt, expiresAt: expiryForEarning(earnedAt) };
}

const remainders = (lots: PointsLot[]): Array<[string, number]> => lots.map((l) => [l.id, l.remaining]);

describe('pointsForPurchase', () => {
  it.each([
    [9999, 1200, 119],
    [100, 1500, 1],
    [99, 1000, 0],
    [199, 1000, 1],
    [100, 1000, 1],
    [10000, 2000, 200],
    [0, 2000, 0],
    [100_000_000, 10000, 10_000_000],
  ])('%p fen × %p‰ → %p points', (fen, permille, points) => {
    expect(pointsForPurchase(fen, permille)).toBe(points);
  });

  it('rejects fractional or negative input', () => {
    expect(() => pointsForPurchase(10.5, 1000)).toThrow(RangeError);
    expect(() => pointsForPurchase(-100, 1000)).toThrow(RangeError);
    expect(() => pointsForPurchase(100, 1000.5)).toThrow(RangeError);
  });
});

describe('expiryForEarning', () => {
  it('expires at the end of the following Shanghai year', () => {
    expect(expiryForEarning(at('2026-03-01 10:00')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });

  it('counts an earning at 23:30 Shanghai on 31 Dec in that year', () => {
    expect(expiryForEarning(at('2026-12-31 23:30')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });

  it('counts 00:10 Shanghai on 1 Jan as the new year, although UTC is still in the old one', () => {
    const earnedAt = at('2027-01-01 00:10');
    expect(earnedAt.getUTCFullYear()).toBe(2026);
    expect(expiryForEarning(earnedAt)).toEqual(at('2029-01-01 00:00'));
  });
});

describe('addLot', () => {
  it('keeps lots oldest-first by expiry, then earning time, then id, without mutating', () => {
    const lots = [lot('b', 10, '2026-05-01'), lot('late', 10, '2027-02-01')];
    const sameTime = lot('a', 10, '2026-05-01');
    const early = lot('early', 10, '2026-01-02');
    const next = addLot(addLot(lots, sameTime), early);
    expect(next.map((l) => l.id)).toEqual(['early', 'a', 'b', 'late']);
    expect(lots.map((l) => l.id)).toEqual(['b', 'late']);
  });

  it('does not keep an empty lot', () => {
    expect(addLot([], lot('zero', 0, '2026-01-01', 5))).toEqual([]);
  });
});

describe('spendOldestFirst', () => {
  const lots = [lot('2027', 300, '2027-03-01'), lot('2026a', 100, '2026-02-01'), lot('2026b', 50, '2026-09-01')];

  it('takes from the lots expiring first, across lots', () => {
    const result = spendOldestFirst(lots, 120);
    expect(result.taken).toEqual([
      { lotId: '2026a', points: 100 },
      { lotId: '2026b', points: 20 },
    ]);
    expect(remainders(result.lots)).toEqual([
      ['2026b', 30],
      ['2027', 300],
    ]);
    expect(result.shortfall).toBe(0);
    expect(lots[1].remaining).toBe(100);
  });

  it('takes everything and reports the shortfall when there is not enough', () => {
    const result = spendOldestFirst(lots, 500);
    expect(result.lots).toEqual([]);
    expect(result.taken.reduce((sum, t) => sum + t.points, 0)).toBe(450);
    expect(result.shortfall).toBe(50);
  });

  it('spends nothing for 0', () => {
    const result = spendOldestFirst(lots, 0);
    expect(result.taken).toEqual([]);
    expect(result.shortfall).toBe(0);
    expect(remainders(result.lots)).toEqual([
      ['2026a', 100],
      ['2026b', 50],
      ['2027', 300],
    ]);
  });
});

describe('reverseLot', () => {
  it('removes an unspent lot entirely', () => {
    const lots = [lot('old', 100, '2026-01-01'), lot('p1', 120, '2026-06-01')];
    const result = reverseLot(lots, 'p1', 120);
    expect(result).toMatchObject({ fromLot: 120, fromOthers: 0, debt: 0 });
    expect(remainders(result.lots)).toEqual([['old', 100]]);
  });

  it('takes the spent part of a partly spent lot from the others, oldest first', () => {
    const lots = [lot('p1', 20, '2026-06-01', 120), lot('old', 100, '2026-01-01'), lot('new', 500, '2027-01-05')];
    const result = reverseLot(lots, 'p1', 120);
    expect(result).toMatchObject({ fromLot: 20, fromOthers: 100, debt: 0 });
    expect(remainders(result.lots)).toEqual([['new', 500]]);
  });

  it('turns what the others cannot cover into debt', () => {
    const lots = [lot('p1', 20, '2026-06-01', 120), lot('old', 30, '2026-01-01')];
    const result = reverseLot(lots, 'p1', 120);
    expect(result).toEqual({ lots: [], fromLot: 20, fromOthers: 30, debt: 70 });
  });

  it('treats a lot that is gone as fully spent', () => {
    const result = reverseLot([lot('old', 100, '2026-01-01')], 'p1', 80);
    expect(result).toMatchObject({ fromLot: 0, fromOthers: 80, debt: 0 });
    expect(remainders(result.lots)).toEqual([['old', 20]]);
  });
});

describe('settleDebt', () => {
  it('pays the whole debt from a larger new lot', () => {
    const result = settleDebt([lot('old', 10, '2026-01-01')], 70, lot('new', 100, '2026-07-01'));
    expect(result.debtLeft).toBe(0);
    expect(remainders(result.lots)).toEqual([
      ['old', 10],
      ['new', 30],
    ]);
    expect(result.lots[1].points).toBe(100);
  });

  it('uses up a smaller new lot and keeps the rest of the debt', () => {
    const result = settleDebt([], 70, lot('new', 50, '2026-07-01'));
    expect(result).toEqual({ lots: [], debtLeft: 20 });
  });

  it('adds the lot untouched when there is no debt', () => {
    expect(remainders(settleDebt([], 0, lot('new', 50, '2026-07-01')).lots)).toEqual([['new', 50]]);
  });
});

describe('expireLots', () => {
  const lots = [lot('y2026', 40, '2026-04-01'), lot('y2027', 60, '2027-04-01'), lot('empty', 0, '2026-01-01', 9)];

  it('keeps a lot at 23:59:59.999 on 31 Dec of the following year', () => {
    const result = expireLots(lots, at('2027-12-31 23:59:59.999'));
    expect(result.expired).toEqual([]);
    expect(lotsTotal(result.lots)).toBe(100);
  });

  it('expires it at exactly 00:00 Shanghai on 1 Jan', () => {
    const result = expireLots(lots, at('2028-01-01 00:00'));
    expect(result.expired).toEqual([{ lotId: 'y2026', points: 40 }]);
    expect(remainders(result.lots)).toEqual([['y2027', 60]]);
  });
});

describe('expiringInYear', () => {
  const lots = [lot('y2025', 40, '2025-04-01'), lot('y2025b', 5, '2025-12-31 23:30'), lot('y2026', 60, '2026-04-01')];

  it('sums what expires at the end of the current Shanghai year', () => {
    expect(expiringInYear(lots, at('2026-06-01 12:00'))).toEqual({ points: 45, expiresAt: at('2027-01-01 00:00') });
  });

  it('switches year at Shanghai midnight', () => {
    expect(expiringInYear(lots, at('2026-12-31 23:59:59.999')).points).toBe(45);
    expect(expiringInYear(lots, at('2027-01-01 00:00'))).toEqual({ points: 60, expiresAt: at('2028-01-01 00:00') });
  });
});

describe('nextExpiry and lotsTotal', () => {
  it('gives the earliest expiry among lots that still hold points', () => {
    const lots = [lot('later', 10, '2027-01-01'), lot('spent', 0, '2025-01-01', 10), lot('sooner', 5, '2026-01-01')];
    expect(nextExpiry(lots)).toEqual(at('2028-01-01 00:00'));
    expect(lotsTotal(lots)).toBe(15);
  });

  it('is null without points', () => {
    expect(nextExpiry([])).toBeNull();
    expect(nextExpiry([lot('spent', 0, '2025-01-01', 10)])).toBeNull();
  });
});
