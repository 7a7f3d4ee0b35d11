import { addPurchaseStats, NO_PURCHASES, RECENT_PURCHASES_KEPT, removePurchaseStats, type PurchaseStats } from './purchase-stats';

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 4));
const purchase = (n: number, fen = 10_000) => ({ id: `p${n}`, at: at(n), fen });

function bought(count: number): PurchaseStats {
  let stats: PurchaseStats = NO_PURCHASES;
  for (let n = 1; n <= count; n++) stats = addPurchaseStats(stats, purchase(n, n * 100));
  return stats;
}

test('purchases add to count, spend and last purchase; recent keeps the newest, newest first', () => {
  const stats = bought(25);
  expect(stats.purchaseCount).toBe(25);
  expect(stats.totalSpendFen).toBe((25 * 26 * 100) / 2);
  expect(stats.lastPurchaseAt).toEqual(at(25));
  expect(stats.recentPurchases).toHaveLength(RECENT_PURCHASES_KEPT);
  expect(stats.recentPurchases[0].id).toBe('p25');
  expect(stats.recentPurchases.at(-1)!.id).toBe('p6');
});

test('voiding the last purchase brings back the one before; every figure goes back down', () => {
  const stats = bought(3);
  const { stats: after, lastPurchaseUnknown } = removePurchaseStats(stats, purchase(3, 300));
  expect(after).toEqual({ purchaseCount: 2, totalSpendFen: 300, lastPurchaseAt: at(2), recentPurchases: [purchase(2, 200), purchase(1, 100)] });
  expect(lastPurchaseUnknown).toBe(false);
});

test('voiding an older purchase leaves the last purchase alone', () => {
  const { stats } = removePurchaseStats(bought(3), purchase(1, 100));
  expect(stats.lastPurchaseAt).toEqual(at(3));
  expect(stats.purchaseCount).toBe(2);
});

test('voiding the only purchase leaves a member with none', () => {
  const { stats, lastPurchaseUnknown } = removePurchaseStats(bought(1), purchase(1, 100));
  expect(stats).toEqual(NO_PURCHASES);
  expect(lastPurchaseUnknown).toBe(false);
});

test('when every kept purchase is voided but older ones exist, the caller is told to look the last one up', () => {
  let stats = bought(RECENT_PURCHASES_KEPT + 1);
  let unknown = false;
  for (let n = RECENT_PURCHASES_KEPT + 1; n >= 2; n--) {
    const result = removePurchaseStats(stats, purchase(n, n * 100));
    stats = result.stats;
    unknown = result.lastPurchaseUnknown;
  }
  expect(stats.purchaseCount).toBe(1);
  expect(stats.totalSpendFen).toBe(100);
  expect(unknown).toBe(true);
  expect(stats.lastPurchaseAt).toBeNull();
});
