import type { CareSettings } from './care-settings';

export interface Rfm {
  r: number;
  f: number;
  m: number;
}

/** One member's 12-month figures; memberIds are unique. */
export interface RfmRow {
  memberId: string;
  storeId: string | null;
  lastPurchaseAt: Date | null;
  purchases12m: number;
  spend12mFen: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** "Bought within the last 12 months": a last purchase at most this many days ago. */
const SCORED_WITHIN_DAYS = 365;
const QUINTILES = 5;

function byId(a: RfmRow, b: RfmRow): number {
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

/**
 * Scores 1–5 by rank, worst first: score = floor(rank × 5 / n) + 1. Ranking rather than cutting the
 * value range keeps the five groups about equal in size however skewed spending is; ties go by
 * memberId so equal values still spread and the result never depends on the order rows came in.
 */
function quintiles(rows: RfmRow[], measure: (row: RfmRow) => number): Map<string, number> {
  const sorted = [...rows].sort((a, b) => measure(a) - measure(b) || byId(a, b));
  const scores = new Map<string, number>();
  sorted.forEach((row, rank) => scores.set(row.memberId, Math.floor((rank * QUINTILES) / sorted.length) + 1));
  return scores;
}

function rank(rows: RfmRow[]): Map<string, Rfm> {
  // Recency: an older last purchase (more days since) ranks worse, so ascending time is worst first.
  const r = quintiles(rows, (row) => row.lastPurchaseAt!.getTime());
  const f = quintiles(rows, (row) => row.purchases12m);
  const m = quintiles(rows, (row) => row.spend12mFen);
  const scores = new Map<string, Rfm>();
  for (const row of rows) scores.set(row.memberId, { r: r.get(row.memberId)!, f: f.get(row.memberId)!, m: m.get(row.memberId)! });
  return scores;
}

/**
 * RFM quintiles per store, for members who bought within the last 12 months (others get null and
 * take no rank). A store with fewer than `rfmMinStoreMembers` scored members (members without a
 * store form one group of their own) is too small for fifths to mean anything, so its members take
 * their scores from the ranking of the whole brand's scored members instead.
 */
export function rfmScores(rows: RfmRow[], care: CareSettings, now: Date): Map<string, Rfm | null> {
  const result = new Map<string, Rfm | null>();
  const scored: RfmRow[] = [];
  for (const row of rows) {
    const recent = row.lastPurchaseAt !== null && now.getTime() - row.lastPurchaseAt.getTime() <= SCORED_WITHIN_DAYS * DAY_MS;
    result.set(row.memberId, null);
    if (recent) scored.push(row);
  }
  const byStore = new Map<string | null, RfmRow[]>();
  for (const row of scored) {
    const list = byStore.get(row.storeId);
    if (list) list.push(row);
    else byStore.set(row.storeId, [row]);
  }
  let brand: Map<string, Rfm> | null = null;
  for (const members of byStore.values()) {
    let scores: Map<string, Rfm>;
    if (members.length >= care.rfmMinStoreMembers) scores = rank(members);
    else scores = brand ??= rank(scored);
    for (const row of members) result.set(row.memberId, scores.get(row.memberId)!);
  }
  return result;
}
