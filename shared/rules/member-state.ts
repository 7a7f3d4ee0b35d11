import type { BrandSettings, TierDef } from './brand-settings';
import { addGrowth, growthForAmount, nextReviewAt, rollingGrowth, type GrowthBuckets } from './growth';
import {
  addLot,
  expireLots,
  expiryForEarning,
  lotsTotal,
  nextExpiry,
  pointsForPurchase,
  reverseLot,
  settleDebt,
  spendOldestFirst,
  type PointsLot,
} from './points';
import { shanghaiDayKey } from '../time/shanghai';
import { reviewTier, tierAfterVoid, tierById, upgradeOnPurchase } from './tiers';

const DAY_MS = 86_400_000;

/**
 * The part of a member that purchases, voids, reviews and expiry change — kept on the member document
 * so each of those is one read and one write of one document. Invariant: pointsBalance equals the sum
 * of the member's ledger entries, and equals lotsTotal(pointsLots) - pointsDebt.
 */
export interface MemberState {
  tierId: string;
  growthBuckets: GrowthBuckets;
  pointsBalance: number;
  pointsLots: PointsLot[];
  pointsDebt: number;
  tierReviewAt: Date | null;
  pointsNextExpiry: Date | null;
}

export interface PurchaseOutcome {
  state: MemberState;
  points: number;
  growth: number;
  tierBefore: TierDef;
  tierAfter: TierDef;
  upgraded: boolean;
  rollingGrowth: number;
}

/** A purchase earns points at the current tier's multiplier, adds growth, and upgrades at once if it crosses thresholds. */
export function applyPurchase(state: MemberState, purchase: { amountFen: number; lotId: string; now: Date }, settings: BrandSettings): PurchaseOutcome {
  const { tiers, growthWindowMonths: months } = settings;
  const tierBefore = tierById(tiers, state.tierId);
  const points = pointsForPurchase(purchase.amountFen, tierBefore.multiplierPermille, settings.pointsPerYuan);
  const growth = growthForAmount(purchase.amountFen);
  const buckets = addGrowth(state.growthBuckets, shanghaiDayKey(purchase.now), growth, purchase.now, months);
  const rolling = rollingGrowth(buckets, purchase.now, months);
  const { tier: tierAfter, upgraded } = upgradeOnPurchase(tiers, tierBefore.id, rolling);

  let lots = state.pointsLots;
  let debt = state.pointsDebt;
  if (points > 0) {
    const lot: PointsLot = { id: purchase.lotId, points, remaining: points, earnedAt: purchase.now, expiresAt: expiryForEarning(purchase.now, settings.pointsExpiryYears) };
    if (debt > 0) {
      const settled = settleDebt(lots, debt, lot);
      lots = settled.lots;
      debt = settled.debtLeft;
    } else {
      lots = addLot(lots, lot);
    }
  }
  const next: MemberState = {
    tierId: tierAfter.id,
    growthBuckets: buckets,
    pointsBalance: state.pointsBalance + points,
    pointsLots: lots,
    pointsDebt: debt,
    tierReviewAt: reviewDate(tiers, tierAfter, buckets, purchase.now, months),
    pointsNextExpiry: nextExpiry(lots),
  };
  return { state: next, points, growth, tierBefore, tierAfter, upgraded, rollingGrowth: rolling };
}

export interface VoidOutcome {
  state: MemberState;
  pointsReversed: number;
  /** Points that could not be taken back because they were spent and nothing else covered them. */
  debtAdded: number;
  tierAfter: TierDef;
  tierChanged: boolean;
}

/**
 * Voiding takes back the purchase's points and growth. Points of it that already expired left the
 * balance then and are not taken again (`expiredPoints`, from the lot's expiry entry); points already
 * spent are taken from other lots, oldest first; what nothing covers becomes debt (the balance goes
 * negative) that later earnings pay off first. A tier the purchase earned is taken back to what the
 * remaining growth supports.
 */
export function applyVoid(
  state: MemberState,
  purchase: { points: number; expiredPoints: number; growth: number; lotId: string; paidAt: Date; tierBefore: string; tierAfter: string; now: Date },
  settings: BrandSettings,
): VoidOutcome {
  const { tiers, growthWindowMonths: months } = settings;
  const reversible = Math.max(0, purchase.points - Math.min(purchase.expiredPoints, purchase.points));
  const reversed = reverseLot(state.pointsLots, purchase.lotId, reversible);
  const buckets = addGrowth(state.growthBuckets, shanghaiDayKey(purchase.paidAt), -purchase.growth, purchase.now, months);
  const rolling = rollingGrowth(buckets, purchase.now, months);
  const { tier, changed } = tierAfterVoid(tiers, {
    currentId: state.tierId,
    tierBeforePurchaseId: purchase.tierBefore,
    purchaseUpgraded: purchase.tierAfter !== purchase.tierBefore,
    growthAfter: rolling,
  });
  const lots = reversed.lots;
  const next: MemberState = {
    tierId: tier.id,
    growthBuckets: buckets,
    pointsBalance: state.pointsBalance - reversible,
    pointsLots: lots,
    pointsDebt: state.pointsDebt + reversed.debt,
    tierReviewAt: reviewDate(tiers, tier, buckets, purchase.now, months),
    pointsNextExpiry: nextExpiry(lots),
  };
  return { state: next, pointsReversed: reversible, debtAdded: reversed.debt, tierAfter: tier, tierChanged: changed };
}

/** The periodic review: down at most one tier when the rolling growth is below the tier's keep threshold. */
export function applyReview(state: MemberState, now: Date, settings: BrandSettings): { state: MemberState; from: TierDef; to: TierDef; downgraded: boolean; rollingGrowth: number } {
  const { tiers, growthWindowMonths: months } = settings;
  const from = tierById(tiers, state.tierId);
  const buckets = addGrowth(state.growthBuckets, shanghaiDayKey(now), 0, now, months);
  const rolling = rollingGrowth(buckets, now, months);
  const { tier: to, downgraded } = reviewTier(tiers, from.id, rolling);
  let tierReviewAt = reviewDate(tiers, to, buckets, now, months);
  // One tier per review: a member still below the new tier's keep threshold waits for the next day's run.
  if (downgraded && tierReviewAt && tierReviewAt.getTime() < now.getTime() + DAY_MS) tierReviewAt = new Date(now.getTime() + DAY_MS);
  return {
    state: { ...state, tierId: to.id, growthBuckets: buckets, tierReviewAt },
    from,
    to,
    downgraded,
    rollingGrowth: rolling,
  };
}

/** Lots past their expiry leave the balance. */
export function applyExpiry(state: MemberState, now: Date): { state: MemberState; expired: Array<{ lotId: string; points: number }> } {
  const { lots, expired } = expireLots(state.pointsLots, now);
  const total = expired.reduce((sum, e) => sum + e.points, 0);
  return { state: { ...state, pointsLots: lots, pointsBalance: state.pointsBalance - total, pointsNextExpiry: nextExpiry(lots) }, expired };
}

/**
 * Spending points (an exchange): lots expiring first go first; lots already past their expiry do not
 * count (they are expiring, not spendable). Null when the spendable points do not cover it.
 */
export function applySpend(state: MemberState, points: number, now: Date): MemberState | null {
  const live = expireLots(state.pointsLots, now);
  const spendable = lotsTotal(live.lots) - state.pointsDebt;
  if (points > spendable || state.pointsDebt > 0) return null;
  const { lots } = spendOldestFirst(state.pointsLots.filter((lot) => lot.expiresAt.getTime() > now.getTime()), points);
  const expiredLots = state.pointsLots.filter((lot) => lot.expiresAt.getTime() <= now.getTime());
  const kept = [...expiredLots, ...lots];
  return { ...state, pointsLots: kept, pointsBalance: state.pointsBalance - points, pointsNextExpiry: nextExpiry(kept) };
}

/** The balance the lots and debt say; a check against the cached balance. */
export function balanceFromLots(state: Pick<MemberState, 'pointsLots' | 'pointsDebt'>): number {
  return lotsTotal(state.pointsLots) - state.pointsDebt;
}

/**
 * When the review should next look at this member. A tier at or below the lowest never moves; after a
 * review that keeps the tier, the next look is when ageing buckets could drop the growth below the keep threshold.
 */
function reviewDate(tiers: TierDef[], tier: TierDef, buckets: GrowthBuckets, now: Date, months: number): Date | null {
  if (tier.id === tiers[0].id) return null;
  const at = nextReviewAt(buckets, tier.keepThreshold, now, months);
  // Already below keep: due now. The review moves one tier per run, so a further drop waits a day.
  return at && at.getTime() <= now.getTime() ? new Date(now.getTime()) : at;
}

/**
 * A manager's manual change. Added points are a new lot (paying any debt first, as earnings do) that
 * expires like earned points; taken points are spent oldest first, and never below zero (null).
 */
export function applyAdjustment(state: MemberState, adjustment: { points: number; lotId: string; now: Date }, settings: Pick<BrandSettings, 'pointsExpiryYears'>): MemberState | null {
  const { points, lotId, now } = adjustment;
  if (points < 0) return applySpend(state, -points, now);
  const lot: PointsLot = { id: lotId, points, remaining: points, earnedAt: now, expiresAt: expiryForEarning(now, settings.pointsExpiryYears) };
  const settled = state.pointsDebt > 0 ? settleDebt(state.pointsLots, state.pointsDebt, lot) : { lots: addLot(state.pointsLots, lot), debtLeft: 0 };
  return { ...state, pointsLots: settled.lots, pointsDebt: settled.debtLeft, pointsBalance: state.pointsBalance + points, pointsNextExpiry: nextExpiry(settled.lots) };
}

/**
 * New tier settings reaching an existing member: up at once to the highest tier their rolling growth
 * now reaches (as a purchase would), never down (a review does that, one tier at a time), and the
 * review date recomputed against the new keep thresholds.
 */
export function applyTierSettings(state: MemberState, now: Date, settings: BrandSettings): { state: MemberState; from: TierDef; to: TierDef; upgraded: boolean; rollingGrowth: number } {
  const { tiers, growthWindowMonths: months } = settings;
  const from = tierById(tiers, state.tierId);
  const rolling = rollingGrowth(state.growthBuckets, now, months);
  const { tier: to, upgraded } = upgradeOnPurchase(tiers, from.id, rolling);
  return {
    state: { ...state, tierId: to.id, tierReviewAt: reviewDate(tiers, to, state.growthBuckets, now, months) },
    from,
    to,
    upgraded,
    rollingGrowth: rolling,
  };
}
