import { buildRollup, daysBetween, summarize } from './rollups';

const purchase = (over: Partial<Parameters<typeof buildRollup>[2]['purchases'][number]> = {}) => ({ memberId: 'm1', staffId: 'c1', paidFen: 10_000, discountFen: 0, couponCount: 0, first: false, ...over });

describe('daily rollups', () => {
  test('a day: sales after coupons, repeat purchases, distinct buyers, new members and tasks per clerk', () => {
    const day = buildRollup(
      'S01',
      '20261201',
      {
        purchases: [purchase({ first: true }), purchase({ paidFen: 25_000, discountFen: 5_000, couponCount: 1 }), purchase({ memberId: 'm2', staffId: 'c2', paidFen: 8_000 })],
        joined: [{ inviterStaffId: 'c1' }, { inviterStaffId: null }],
        tasks: [{ closedBy: 'c1', done: true }, { closedBy: 'c2', done: false }],
      },
      null,
    );
    expect(day).toMatchObject({ purchases: 3, salesFen: 43_000, discountFen: 5_000, repeatPurchases: 2, buyers: 2, newMembers: 2, couponsUsed: 1, couponSalesFen: 25_000, tasksDone: 1, tasksClosed: 2 });
    expect(day.byStaff).toEqual({ c1: { purchases: 2, salesFen: 35_000, newMembers: 1, tasksDone: 1 }, c2: { purchases: 1, salesFen: 8_000, newMembers: 0, tasksDone: 0 } });
  });

  test('a range sums stores and days, with every day in the series and the ratios', () => {
    const empty = { purchases: [], joined: [], tasks: [] };
    const a = buildRollup('S01', '20261201', { ...empty, purchases: [purchase({ first: true }), purchase()] }, null);
    const b = buildRollup('S02', '20261203', { ...empty, purchases: [purchase({ paidFen: 40_000, couponCount: 1 })], tasks: [{ closedBy: 'c2', done: true }] }, null);
    const summary = summarize([a, b], '20261201', '20261203');
    expect(summary).toMatchObject({ purchases: 3, salesFen: 60_000, averageTicketFen: 20_000, repurchasePercent: 67, couponSalesPercent: 67, taskCompletionPercent: 100 });
    expect(summary.series.map((d) => [d.day, d.purchases])).toEqual([['20261201', 2], ['20261202', 0], ['20261203', 1]]);
    expect(daysBetween('20261230', '20270102')).toEqual(['20261230', '20261231', '20270101', '20270102']);
  });
});
