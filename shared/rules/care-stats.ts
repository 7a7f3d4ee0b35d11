import { addMonthsToDayKey, shanghaiDayKey } from '../time/shanghai';

/**
 * What a member document keeps for customer care, maintained by recordPurchase and voidPurchase in
 * the same transaction as the purchase figures (purchase-stats.ts), so profiles, tags and scores never
 * read purchases back. A void takes its purchase back out: the figures are those of valid purchases.
 */
export interface CareStats {
  /** valid purchases per category (a purchase counts once per distinct category) */
  categoryCounts: Record<string, number>;
  /** valid purchases that used at least one coupon */
  couponPurchaseCount: number;
  /** fen paid per Shanghai month 'YYYYMM'; only the current month and the 12 before it are kept */
  spendMonths: Record<string, number>;
  firstPurchaseAt: Date | null;
}

export const NO_CARE_STATS: CareStats = { categoryCounts: {}, couponPurchaseCount: 0, spendMonths: {}, firstPurchaseAt: null };

export interface CarePurchase {
  at: Date;
  fen: number;
  categories: string[];
  couponIds: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Months kept: the current one and the 12 before it. One more than the 12-month spend needs, so a
 * void late in a month still finds the month its purchase was added to when it was 11 months back.
 */
const MONTHS_KEPT_BEFORE = 12;

/** The Shanghai month of an instant, 'YYYYMM'. */
export function shanghaiMonthKey(date: Date): string {
  return shanghaiDayKey(date).slice(0, 6);
}

function monthsBefore(now: Date, months: number): string {
  return addMonthsToDayKey(`${shanghaiMonthKey(now)}01`, -months).slice(0, 6);
}

/** Empty and blank names are no category; a purchase listing one twice counts once. */
function distinctCategories(categories: string[]): string[] {
  return [...new Set(categories.filter((name) => name.trim() !== ''))];
}

function pruneMonths(months: Record<string, number>, now: Date): Record<string, number> {
  const oldest = monthsBefore(now, MONTHS_KEPT_BEFORE);
  const kept: Record<string, number> = {};
  for (const key of Object.keys(months).sort()) {
    if (key >= oldest && months[key] > 0) kept[key] = months[key];
  }
  return kept;
}

export function addCareStats(stats: CareStats, purchase: CarePurchase, now: Date): CareStats {
  const categoryCounts = { ...stats.categoryCounts };
  for (const name of distinctCategories(purchase.categories)) categoryCounts[name] = (categoryCounts[name] ?? 0) + 1;
  const month = shanghaiMonthKey(purchase.at);
  // A purchase dated before the kept months (a late back-dated entry) lands outside and is pruned: it no longer counts anyway.
  const spendMonths = pruneMonths({ ...stats.spendMonths, [month]: (stats.spendMonths[month] ?? 0) + purchase.fen }, now);
  const first = stats.firstPurchaseAt && stats.firstPurchaseAt.getTime() <= purchase.at.getTime() ? stats.firstPurchaseAt : purchase.at;
  return {
    categoryCounts,
    couponPurchaseCount: stats.couponPurchaseCount + (purchase.couponIds.length > 0 ? 1 : 0),
    spendMonths,
    firstPurchaseAt: new Date(first.getTime()),
  };
}

/**
 * Takes a voided purchase back out, never below 0. With no valid purchase left every figure is empty
 * whatever was stored (which also heals documents whose figures predate these fields). Otherwise the
 * first purchase date stays as it was even if the voided purchase was the first: the next one is not
 * on the document, and the date only decides 新客户, where a voided first visit still marks the start.
 */
export function removeCareStats(stats: CareStats, purchase: CarePurchase, purchaseCountAfter: number, now: Date): CareStats {
  if (purchaseCountAfter <= 0) return { ...NO_CARE_STATS, categoryCounts: {}, spendMonths: {} };
  const categoryCounts = { ...stats.categoryCounts };
  for (const name of distinctCategories(purchase.categories)) {
    const left = (categoryCounts[name] ?? 0) - 1;
    if (left > 0) categoryCounts[name] = left;
    else delete categoryCounts[name];
  }
  const month = shanghaiMonthKey(purchase.at);
  const spendMonths = { ...stats.spendMonths };
  if (month in spendMonths) spendMonths[month] = Math.max(0, spendMonths[month] - purchase.fen);
  return {
    categoryCounts,
    couponPurchaseCount: Math.max(0, stats.couponPurchaseCount - (purchase.couponIds.length > 0 ? 1 : 0)),
    spendMonths: pruneMonths(spendMonths, now),
    firstPurchaseAt: stats.firstPurchaseAt ? new Date(stats.firstPurchaseAt.getTime()) : null,
  };
}

/** Defaults for documents written before these fields existed. */
export function careStatsOf(doc: Partial<CareStats>): CareStats {
  return {
    categoryCounts: doc.categoryCounts ?? {},
    couponPurchaseCount: doc.couponPurchaseCount ?? 0,
    spendMonths: doc.spendMonths ?? {},
    firstPurchaseAt: doc.firstPurchaseAt ?? null,
  };
}

/** Fen paid in the current Shanghai month and the 11 before it. */
export function spendInLast12Months(spendMonths: Record<string, number>, now: Date): number {
  const from = monthsBefore(now, 11);
  const to = shanghaiMonthKey(now);
  let total = 0;
  for (const [month, fen] of Object.entries(spendMonths)) {
    if (month >= from && month <= to) total += fen;
  }
  return total;
}

/** Most bought first; ties by name (code-unit order, the same on every runtime); default 3. */
export function preferredCategories(counts: Record<string, number>, limit = 3): Array<{ name: string; count: number }> {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, Math.max(0, limit));
}

/**
 * The member's usual rhythm: the median of the gaps between consecutive purchases, in (fractional)
 * days. Null with fewer than 3 dates: one gap is no rhythm.
 */
export function medianGapDays(purchaseDates: Date[]): number | null {
  if (purchaseDates.length < 3) return null;
  const times = purchaseDates.map((date) => date.getTime()).sort((a, b) => a - b);
  const gaps = times.slice(1).map((time, i) => (time - times[i]) / DAY_MS).sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2;
}
