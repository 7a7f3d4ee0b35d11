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

/** A rank position as (value, memberId): the order the quintiles rank by. */
export type RankKey = [value: number, memberId: string];

/**
 * The quintile lines of one group for one measure: the keys at ranks ceil(k × n / 5), k = 1…4. A row's
 * score is 1 + the number of lines at or below its own key — exactly its quintile by rank, without the
 * ranking itself: what a job keeps between runs to score members a page at a time.
 */
export interface RfmCutoffs {
  /** Store id ('' for members without one) → its lines; stores too small to rank use `brand`. */
  stores: Record<string, RfmLines>;
  brand: RfmLines | null;
}

export interface RfmLines {
  r: RankKey[];
  f: RankKey[];
  m: RankKey[];
}

const MEASURES = {
  r: (row: RfmRow) => row.lastPurchaseAt!.getTime(),
  f: (row: RfmRow) => row.purchases12m,
  m: (row: RfmRow) => row.spend12mFen,
} as const;

function compareKeys(a: RankKey, b: RankKey): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

function isScored(row: RfmRow, now: Date): boolean {
  return row.lastPurchaseAt !== null && now.getTime() - row.lastPurchaseAt.getTime() <= SCORED_WITHIN_DAYS * DAY_MS;
}

function lines(rows: RfmRow[]): RfmLines {
  const forMeasure = (measure: (row: RfmRow) => number): RankKey[] => {
    const keys = rows.map((row) => [measure(row), row.memberId] as RankKey).sort(compareKeys);
    return Array.from({ length: QUINTILES - 1 }, (_u, i) => keys[Math.ceil(((i + 1) * keys.length) / QUINTILES)]).filter((key): key is RankKey => key !== undefined);
  };
  return { r: forMeasure(MEASURES.r), f: forMeasure(MEASURES.f), m: forMeasure(MEASURES.m) };
}

/** The quintile lines of every store (and the brand, for small stores), from every member's figures. */
export function rfmCutoffs(rows: RfmRow[], care: CareSettings, now: Date): RfmCutoffs {
  const scored = rows.filter((row) => isScored(row, now));
  const byStore = new Map<string, RfmRow[]>();
  for (const row of scored) {
    const list = byStore.get(row.storeId ?? '');
    if (list) list.push(row);
    else byStore.set(row.storeId ?? '', [row]);
  }
  const stores: Record<string, RfmLines> = {};
  for (const [storeId, members] of byStore) if (members.length >= care.rfmMinStoreMembers) stores[storeId] = lines(members);
  return { stores, brand: scored.length ? lines(scored) : null };
}

/** One member's scores against the lines: the same as rfmScores gives them with everyone at once. */
export function rfmFromCutoffs(row: RfmRow, cutoffs: RfmCutoffs, now: Date): Rfm | null {
  if (!isScored(row, now)) return null;
  const group = cutoffs.stores[row.storeId ?? ''] ?? cutoffs.brand;
  if (!group) return null;
  const score = (measure: (row: RfmRow) => number, keys: RankKey[]) => {
    const key: RankKey = [measure(row), row.memberId];
    return 1 + keys.filter((line) => compareKeys(key, line) >= 0).length;
  };
  return { r: score(MEASURES.r, group.r), f: score(MEASURES.f, group.f), m: score(MEASURES.m, group.m) };
}
