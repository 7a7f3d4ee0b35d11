import type { TierDef } from './brand-settings';

/**
 * Tier moves. Upgrades happen on purchase (immediately, possibly several steps); downgrades only at
 * review, one step at a time, so a quiet year costs a member one tier, not all of them.
 * Functions sort a copy of the tiers by threshold, so they do not depend on the settings' order.
 */

/** The tiers lowest first (by threshold), as a copy. */
export function ladder(tiers: TierDef[]): TierDef[] {
  if (tiers.length === 0) throw new RangeError('no tiers configured');
  return [...tiers].sort((a, b) => a.threshold - b.threshold);
}

function rankOf(sorted: TierDef[], id: string): number {
  const index = sorted.findIndex((tier) => tier.id === id);
  return index === -1 ? 0 : index;
}

/** The index in `sorted` (a ladder) of the highest tier whose threshold `growth` reaches. */
export function rankForGrowth(sorted: TierDef[], growth: number): number {
  let rank = 0;
  sorted.forEach((tier, index) => {
    if (tier.threshold <= growth) rank = index;
  });
  return rank;
}

/** The highest tier whose threshold is reached; the lowest tier for any growth below all thresholds. */
export function tierForGrowth(tiers: TierDef[], growth: number): TierDef {
  const sorted = ladder(tiers);
  return sorted[rankForGrowth(sorted, growth)];
}

/** Unknown ids (a tier removed from the settings) read as the lowest tier rather than failing a member's request. */
export function tierById(tiers: TierDef[], id: string): TierDef {
  const sorted = ladder(tiers);
  return sorted[rankOf(sorted, id)];
}

export function upgradeOnPurchase(
  tiers: TierDef[],
  currentId: string,
  growthAfter: number,
): { tier: TierDef; upgraded: boolean } {
  const sorted = ladder(tiers);
  const current = rankOf(sorted, currentId);
  const reached = rankForGrowth(sorted, growthAfter);
  return reached > current ? { tier: sorted[reached], upgraded: true } : { tier: sorted[current], upgraded: false };
}

/** Review never upgrades: a member whose growth qualifies for more was already upgraded on purchase. */
export function reviewTier(
  tiers: TierDef[],
  currentId: string,
  rollingGrowth: number,
): { tier: TierDef; downgraded: boolean } {
  const sorted = ladder(tiers);
  const current = rankOf(sorted, currentId);
  if (current > 0 && rollingGrowth < sorted[current].keepThreshold) {
    return { tier: sorted[current - 1], downgraded: true };
  }
  return { tier: sorted[current], downgraded: false };
}

/**
 * Undoes the upgrade a voided purchase caused, but no more: growth from other purchases may still
 * justify a tier above the one before, and a review may already have moved the member below the
 * upgraded tier (never raise them back).
 */
export function tierAfterVoid(
  tiers: TierDef[],
  args: { currentId: string; tierBeforePurchaseId: string; purchaseUpgraded: boolean; growthAfter: number },
): { tier: TierDef; changed: boolean } {
  const sorted = ladder(tiers);
  const current = rankOf(sorted, args.currentId);
  if (!args.purchaseUpgraded) return { tier: sorted[current], changed: false };
  const earned = Math.max(rankOf(sorted, args.tierBeforePurchaseId), rankForGrowth(sorted, args.growthAfter));
  const target = Math.min(earned, current);
  return { tier: sorted[target], changed: target !== current };
}

/**
 * Progress from the current tier's threshold to the next one's, in whole percent rounded down (so
 * 100 only shows once the next threshold is reached). Growth below the current threshold (a kept
 * tier) shows 0.
 */
export function progress(
  tiers: TierDef[],
  currentId: string,
  growth: number,
): { nextTier?: { name: string; threshold: number; remaining: number }; progressPercent: number } {
  const sorted = ladder(tiers);
  const current = rankOf(sorted, currentId);
  const next = sorted[current + 1];
  if (!next) return { progressPercent: 100 };
  const from = sorted[current].threshold;
  const span = next.threshold - from;
  const done = Math.min(Math.max(growth - from, 0), span);
  const progressPercent = span > 0 ? Math.floor((done * 100) / span) : 100;
  return {
    nextTier: { name: next.name, threshold: next.threshold, remaining: Math.max(next.threshold - growth, 0) },
    progressPercent,
  };
}
