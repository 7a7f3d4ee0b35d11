/**
 * What a member document keeps about the member's purchases, so a card, a list or a score never has
 * to read purchases back: lifetime count and spend, the last purchase, and the most recent valid
 * purchases (newest first). A void takes its purchase back out of all of them — the figures are
 * always those of the valid purchases.
 */
export interface RecentPurchase {
  id: string;
  at: Date;
  fen: number;
}

/** `R` lets the caller keep more about each recent purchase (a receipt) without the rules caring. */
export interface PurchaseStats<R extends RecentPurchase = RecentPurchase> {
  purchaseCount: number;
  totalSpendFen: number;
  lastPurchaseAt: Date | null;
  recentPurchases: R[];
}

/** Enough for "last purchase" after voids and for the gaps between visits that scores look at. */
export const RECENT_PURCHASES_KEPT = 20;

export const NO_PURCHASES: PurchaseStats<never> = { purchaseCount: 0, totalSpendFen: 0, lastPurchaseAt: null, recentPurchases: [] };

function newestFirst(a: RecentPurchase, b: RecentPurchase): number {
  return b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export function addPurchaseStats<R extends RecentPurchase>(stats: PurchaseStats<R>, purchase: R): PurchaseStats<R> {
  const recent = [...stats.recentPurchases.filter((p) => p.id !== purchase.id), purchase].sort(newestFirst).slice(0, RECENT_PURCHASES_KEPT);
  const last = stats.lastPurchaseAt && stats.lastPurchaseAt.getTime() > purchase.at.getTime() ? stats.lastPurchaseAt : purchase.at;
  return {
    purchaseCount: stats.purchaseCount + 1,
    totalSpendFen: stats.totalSpendFen + purchase.fen,
    lastPurchaseAt: new Date(last.getTime()),
    recentPurchases: recent,
  };
}

/**
 * A voided purchase leaves the figures. The last purchase becomes the newest remaining recent one;
 * when every kept purchase was voided but older ones exist, `lastPurchaseUnknown` asks the caller to
 * look it up (the list holds only the newest few).
 */
export function removePurchaseStats<R extends RecentPurchase>(stats: PurchaseStats<R>, purchase: RecentPurchase): { stats: PurchaseStats<R>; lastPurchaseUnknown: boolean } {
  const recent = stats.recentPurchases.filter((p) => p.id !== purchase.id);
  const purchaseCount = Math.max(0, stats.purchaseCount - 1);
  const totalSpendFen = Math.max(0, stats.totalSpendFen - purchase.fen);
  const lastPurchaseUnknown = recent.length === 0 && purchaseCount > 0;
  const lastPurchaseAt = recent[0] ? new Date(recent[0].at.getTime()) : null;
  return { stats: { purchaseCount, totalSpendFen, lastPurchaseAt, recentPurchases: recent }, lastPurchaseUnknown };
}

export function purchaseStatsOf<R extends RecentPurchase>(doc: PurchaseStats<R>): PurchaseStats<R> {
  return {
    purchaseCount: doc.purchaseCount,
    totalSpendFen: doc.totalSpendFen,
    lastPurchaseAt: doc.lastPurchaseAt,
    recentPurchases: doc.recentPurchases ?? [],
  };
}
