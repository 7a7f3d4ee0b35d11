import { shanghaiYear, startOfShanghaiYear } from '../time/shanghai';

/**
 * Points as lots, one per earning, kept on the member document: each lot knows when it expires, so
 * spending oldest-first and year-end expiry need no ledger scan. Lots that reach 0 are dropped from
 * the arrays returned here (the ledger keeps their history). Inputs are never mutated.
 *
 * Debt: voiding a purchase whose points were already spent can take more than the member has. The
 * uncovered part is kept as debt beside the lots (balance = lotsTotal − debt, so it can go negative),
 * and future earnings pay debt first (settleDebt) before any points become spendable.
 */
export interface PointsLot {
  id: string;
  points: number;
  remaining: number;
  earnedAt: Date;
  /** Exclusive: the lot is expired at this instant. */
  expiresAt: Date;
}

export interface LotTake {
  lotId: string;
  points: number;
}

function assertPoints(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`expected ${what} to be a non-negative integer, got ${value}`);
}

function compareLots(a: PointsLot, b: PointsLot): number {
  return (
    a.expiresAt.getTime() - b.expiresAt.getTime() ||
    a.earnedAt.getTime() - b.earnedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Copies, drops empty lots and orders the rest oldest-first: the shape every function returns. */
function normalize(lots: PointsLot[]): PointsLot[] {
  return lots
    .filter((lot) => lot.remaining > 0)
    .map((lot) => ({ ...lot }))
    .sort(compareLots);
}

/**
 * floor(yuan × points per yuan × multiplier), i.e. floor(fen × perYuan × permille / 100000), in exact
 * integer arithmetic: the brand's earn rate (1 point per yuan by default) scaled by the tier.
 */
export function pointsForPurchase(amountFen: number, multiplierPermille: number, pointsPerYuan = 1): number {
  assertPoints(amountFen, 'amountFen');
  assertPoints(multiplierPermille, 'multiplierPermille');
  assertPoints(pointsPerYuan, 'pointsPerYuan');
  const scaled = amountFen * multiplierPermille * pointsPerYuan;
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`amount × multiplier is too large: ${amountFen} × ${multiplierPermille}`);
  return (scaled - (scaled % 100000)) / 100000;
}

/**
 * Points live through the end of the calendar year `yearsAfter` years after the one they were earned
 * in (Shanghai): the exclusive instant 1 Jan (year + yearsAfter + 1) 00:00 Shanghai. By default (1)
 * 2026 earnings, even at 23:30 on 31 Dec, expire at 2028-01-01 00:00 +08:00; with 0, at the end of 2026.
 */
export function expiryForEarning(earnedAt: Date, yearsAfter = 1): Date {
  if (!Number.isInteger(yearsAfter) || yearsAfter < 0) throw new RangeError(`expected whole years ≥ 0, got ${yearsAfter}`);
  return startOfShanghaiYear(shanghaiYear(earnedAt) + yearsAfter + 1);
}

export function addLot(lots: PointsLot[], lot: PointsLot): PointsLot[] {
  assertPoints(lot.remaining, 'lot.remaining');
  return normalize([...lots, lot]);
}

/** Takes from the sorted copies in place; callers own `sorted`. */
function takeOldestFirst(sorted: PointsLot[], points: number): { taken: LotTake[]; shortfall: number } {
  let needed = points;
  const taken: LotTake[] = [];
  for (const lot of sorted) {
    if (needed === 0) break;
    const take = Math.min(lot.remaining, needed);
    if (take === 0) continue;
    lot.remaining -= take;
    needed -= take;
    taken.push({ lotId: lot.id, points: take });
  }
  return { taken, shortfall: needed };
}

/**
 * Spends from the lots expiring first. Lots past their expiry still count until expireLots removes
 * them (there is no `now` here), so run expireLots first. On a shortfall everything available is
 * taken: the caller decides whether that is acceptable (a redemption is not; a void is).
 */
export function spendOldestFirst(
  lots: PointsLot[],
  points: number,
): { lots: PointsLot[]; taken: LotTake[]; shortfall: number } {
  assertPoints(points, 'points');
  const sorted = normalize(lots);
  const { taken, shortfall } = takeOldestFirst(sorted, points);
  return { lots: normalize(sorted), taken, shortfall };
}

/**
 * Voids a purchase's `points`: its lot gives back what it still holds (fromLot); what was already
 * spent (or paid to debt) is taken from the other lots oldest-first (fromOthers); the rest becomes
 * debt, which future earnings pay first (see settleDebt).
 *
 * A lot that is gone counts as fully spent. If it expired instead, its points already left the
 * balance through expiry, so the caller should pass only the part that did not expire.
 */
export function reverseLot(
  lots: PointsLot[],
  lotId: string,
  points: number,
): { lots: PointsLot[]; fromLot: number; fromOthers: number; debt: number } {
  assertPoints(points, 'points');
  const sorted = normalize(lots);
  const own = sorted.find((lot) => lot.id === lotId);
  const fromLot = own ? Math.min(own.remaining, points) : 0;
  if (own) own.remaining -= fromLot;
  const others = sorted.filter((lot) => lot !== own);
  const { shortfall } = takeOldestFirst(others, points - fromLot);
  return { lots: normalize(sorted), fromLot, fromOthers: points - fromLot - shortfall, debt: shortfall };
}

/** A new earning pays off debt before it becomes spendable. */
export function settleDebt(
  lots: PointsLot[],
  debt: number,
  newLot: PointsLot,
): { lots: PointsLot[]; debtLeft: number } {
  assertPoints(debt, 'debt');
  assertPoints(newLot.remaining, 'newLot.remaining');
  const paid = Math.min(debt, newLot.remaining);
  return { lots: addLot(lots, { ...newLot, remaining: newLot.remaining - paid }), debtLeft: debt - paid };
}

export function expireLots(
  lots: PointsLot[],
  now: Date,
): { lots: PointsLot[]; expired: LotTake[] } {
  const sorted = normalize(lots);
  const expired: LotTake[] = [];
  const kept: PointsLot[] = [];
  for (const lot of sorted) {
    if (lot.expiresAt.getTime() <= now.getTime()) expired.push({ lotId: lot.id, points: lot.remaining });
    else kept.push(lot);
  }
  return { lots: kept, expired };
}

/**
 * Points that will expire at the end of the current Shanghai year (the card's "expiring this year").
 * Counts every lot still alive at `now` that expires by then, so a lot with an earlier, non-standard
 * expiry is not hidden; lots already past expiry but not yet swept are not counted.
 */
export function expiringInYear(lots: PointsLot[], now: Date): { points: number; expiresAt: Date } {
  const expiresAt = startOfShanghaiYear(shanghaiYear(now) + 1);
  let points = 0;
  for (const lot of lots) {
    const at = lot.expiresAt.getTime();
    if (lot.remaining > 0 && at > now.getTime() && at <= expiresAt.getTime()) points += lot.remaining;
  }
  return { points, expiresAt };
}

export function nextExpiry(lots: PointsLot[]): Date | null {
  const [first] = normalize(lots);
  return first ? new Date(first.expiresAt.getTime()) : null;
}

export function lotsTotal(lots: PointsLot[]): number {
  return lots.reduce((total, lot) => total + lot.remaining, 0);
}
