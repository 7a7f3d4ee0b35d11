import { applyCoupons, bestFirst, couponWindow, discountFor, issueRule, stackProblem, whyNotApplicable, type CouponFacts, type CouponRule } from './coupons';

const cash = (thresholdFen: number, amountOffFen: number): CouponRule => ({ kind: 'cash', thresholdFen, amountOffFen });
const rate = (r: number, capFen: number | null = null, thresholdFen = 0): CouponRule => ({ kind: 'discount', thresholdFen, rate: r, capFen });
const gift: CouponRule = { kind: 'gift', thresholdFen: 0, giftName: '帆布袋' };

describe('discount arithmetic in fen', () => {
  test('满减 applies from the threshold on and never exceeds the amount', () => {
    expect(discountFor(cash(30_000, 5_000), 29_999)).toBe(0);
    expect(discountFor(cash(30_000, 5_000), 30_000)).toBe(5_000);
    expect(discountFor(cash(0, 5_000), 3_000)).toBe(3_000);
  });

  test('折扣 takes the floor of the fen off, so the shopper pays whole fen', () => {
    expect(discountFor(rate(88), 10_000)).toBe(1_200);
    // 12.34 yuan at 8.8折: 148.08 fen off → 148; pays 1086
    expect(discountFor(rate(88), 1_234)).toBe(148);
    expect(discountFor(rate(88), 1)).toBe(0);
    expect(discountFor(rate(1), 100)).toBe(99);
  });

  test('折扣 with a cap: below, at and above the edge', () => {
    expect(discountFor(rate(80, 2_000), 9_999)).toBe(1_999);
    expect(discountFor(rate(80, 2_000), 10_000)).toBe(2_000);
    expect(discountFor(rate(80, 2_000), 10_001)).toBe(2_000);
    expect(discountFor(rate(80, 2_000, 5_000), 4_999)).toBe(0);
  });

  test('a gift takes nothing off', () => {
    expect(discountFor(gift, 100_000)).toBe(0);
  });

  test('several coupons: amounts first, then rates on what is left, never below zero', () => {
    expect(applyCoupons(10_000, [{ id: 'r', rule: rate(90) }, { id: 'c', rule: cash(0, 2_000) }])).toEqual({
      paidFen: 7_200,
      discountFen: 2_800,
      applied: [{ id: 'c', discountFen: 2_000 }, { id: 'r', discountFen: 800 }],
    });
    expect(applyCoupons(1_000, [{ id: 'a', rule: cash(0, 800) }, { id: 'b', rule: cash(0, 800) }]).paidFen).toBe(0);
    expect(applyCoupons(1_000, [{ id: 'g', rule: gift }])).toMatchObject({ paidFen: 1_000, discountFen: 0 });
  });
});

test('a random amount is drawn once, inside its range, in whole yuan when the range is', () => {
  const template = { kind: 'random' as const, thresholdFen: 0, minOffFen: 500, maxOffFen: 2_000 };
  expect(issueRule(template, () => 0)).toEqual({ kind: 'cash', thresholdFen: 0, amountOffFen: 500, drawn: true });
  expect(issueRule(template, () => 0.999999)).toMatchObject({ amountOffFen: 2_000 });
  const drawn = Array.from({ length: 200 }, (_u, i) => (issueRule(template, () => i / 200) as { amountOffFen: number }).amountOffFen);
  expect(drawn.every((fen) => fen % 100 === 0 && fen >= 500 && fen <= 2_000)).toBe(true);
  expect(new Set(drawn).size).toBe(16);
  expect(issueRule({ kind: 'random', thresholdFen: 0, minOffFen: 1, maxOffFen: 3 }, () => 0.5)).toMatchObject({ amountOffFen: 2 });
});

describe('validity, ending at 23:59:59 Shanghai time', () => {
  const grantedAt = new Date('2026-12-02T15:30:00Z'); // 23:30 on 2 Dec in Shanghai
  test('N days from the grant day: the grant day is day one', () => {
    const window = couponWindow({ type: 'days', days: 7, startsNextDay: false }, grantedAt);
    expect(window.validFrom).toEqual(grantedAt);
    expect(window.validUntil.toISOString()).toBe('2026-12-08T16:00:00.000Z'); // after 8 Dec 23:59:59 Shanghai
  });
  test('from the next day for N days', () => {
    const window = couponWindow({ type: 'days', days: 7, startsNextDay: true }, grantedAt);
    expect(window.validFrom.toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(window.validUntil.toISOString()).toBe('2026-12-09T16:00:00.000Z');
  });
  test('fixed dates, both days included', () => {
    const window = couponWindow({ type: 'fixed', fromDay: '2026-12-24', untilDay: '2026-12-26' }, grantedAt);
    expect(window.validFrom.toISOString()).toBe('2026-12-23T16:00:00.000Z');
    expect(window.validUntil.toISOString()).toBe('2026-12-26T16:00:00.000Z');
  });
});

describe('whether a coupon applies, and why not', () => {
  const coupon: CouponFacts = {
    memberId: 'm1',
    status: 'unused',
    rule: cash(30_000, 5_000),
    validFrom: new Date('2026-12-01T00:00:00Z'),
    validUntil: new Date('2026-12-10T16:00:00Z'),
    storeIds: ['S01'],
    stackable: false,
  };
  const sale = { memberId: 'm1', storeId: 'S01', amountFen: 30_000, now: new Date('2026-12-05T04:00:00Z') };

  test.each([
    ['another member', { memberId: 'm2' }, {}, 'NOT_OWNER'],
    ['used', {}, { status: 'used' as const }, 'NOT_USABLE'],
    ['not yet valid', { now: new Date('2026-11-30T00:00:00Z') }, {}, 'NOT_YET_VALID'],
    ['at the end instant', { now: new Date('2026-12-10T16:00:00Z') }, {}, 'EXPIRED'],
    ['another store', { storeId: 'S02' }, {}, 'STORE'],
    ['below the threshold', { amountFen: 29_000 }, {}, 'BELOW_THRESHOLD'],
  ])('%s', (_name, saleChange, couponChange, code) => {
    expect(whyNotApplicable({ ...coupon, ...couponChange }, { ...sale, ...saleChange })?.code).toBe(code);
  });

  test('applies otherwise; an empty store list means every store', () => {
    expect(whyNotApplicable(coupon, sale)).toBeNull();
    expect(whyNotApplicable({ ...coupon, storeIds: [] }, { ...sale, storeId: 'S99' })).toBeNull();
    expect(whyNotApplicable(coupon, { ...sale, amountFen: 29_000 })).toEqual({ code: 'BELOW_THRESHOLD', missingFen: 1_000 });
  });

  test('best first: the most off, then the soonest to expire', () => {
    const base = { ...coupon, storeIds: [] };
    const list = [
      { ...base, id: 'small', rule: cash(0, 1_000) },
      { ...base, id: 'big-late', rule: cash(0, 3_000) },
      { ...base, id: 'big-soon', rule: cash(0, 3_000), validUntil: new Date('2026-12-06T16:00:00Z') },
      { ...base, id: 'too-high', rule: cash(50_000, 9_000) },
    ];
    expect(bestFirst(list, sale).map((c) => [c.id, c.discountFen])).toEqual([['big-soon', 3_000], ['big-late', 3_000], ['small', 1_000]]);
  });
});

test('stacking: one money-off and one gift together; more only when every one of the kind stacks', () => {
  const c = (id: string, rule: CouponRule, stackable = false) => ({ id, rule, stackable });
  expect(stackProblem([c('a', cash(0, 100)), c('g', gift)])).toBeNull();
  expect(stackProblem([c('a', cash(0, 100)), c('b', rate(90))])).toEqual({ code: 'TWO_MONEY_OFF' });
  expect(stackProblem([c('a', cash(0, 100), true), c('b', rate(90))])).toEqual({ code: 'TWO_MONEY_OFF' });
  expect(stackProblem([c('a', cash(0, 100), true), c('b', rate(90), true)])).toBeNull();
  expect(stackProblem([c('g', gift), c('h', gift)])).toEqual({ code: 'TWO_GIFTS' });
  expect(stackProblem([c('a', cash(0, 100)), c('a', cash(0, 100))])).toEqual({ code: 'SAME_COUPON' });
});
