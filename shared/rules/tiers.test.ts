import { DEFAULT_BRAND_SETTINGS, type TierDef } from './brand-settings';
import { progress, reviewTier, tierAfterVoid, tierById, tierForGrowth, upgradeOnPurchase } from './tiers';

const tiers = DEFAULT_BRAND_SETTINGS.tiers;
const ids = (tier: TierDef): string => tier.id;

describe('tierForGrowth', () => {
  it.each([
    [0, 'normal'],
    [999, 'normal'],
    [1000, 'silver'],
    [4999, 'silver'],
    [5000, 'gold'],
    [20000, 'diamond'],
    [10_000_000, 'diamond'],
    [-5, 'normal'],
  ])('growth %p → %p', (growth, id) => {
    expect(tierForGrowth(tiers, growth).id).toBe(id);
  });

  it('does not depend on the order of the settings', () => {
    expect(tierForGrowth([...tiers].reverse(), 5000).id).toBe('gold');
  });

  it('throws without tiers', () => {
    expect(() => tierForGrowth([], 0)).toThrow(RangeError);
  });
});

describe('tierById', () => {
  it('finds a tier and falls back to the lowest for an unknown id', () => {
    expect(tierById(tiers, 'gold').id).toBe('gold');
    expect(tierById(tiers, 'platinum').id).toBe('normal');
  });
});

describe('upgradeOnPurchase', () => {
  it('upgrades at exactly the threshold, not one below', () => {
    expect(upgradeOnPurchase(tiers, 'normal', 999)).toEqual({ tier: tiers[0], upgraded: false });
    expect(upgradeOnPurchase(tiers, 'normal', 1000)).toEqual({ tier: tiers[1], upgraded: true });
  });

  it('jumps several tiers at once', () => {
    const result = upgradeOnPurchase(tiers, 'normal', 20000);
    expect(ids(result.tier)).toBe('diamond');
    expect(result.upgraded).toBe(true);
  });

  it('never downgrades a member whose growth is below their tier', () => {
    expect(upgradeOnPurchase(tiers, 'gold', 1200)).toEqual({ tier: tiers[2], upgraded: false });
  });
});

describe('reviewTier', () => {
  it('keeps the tier at exactly the keep threshold', () => {
    expect(reviewTier(tiers, 'gold', 5000)).toEqual({ tier: tiers[2], downgraded: false });
  });

  it('moves down one tier only, even when growth fits a much lower tier', () => {
    expect(reviewTier(tiers, 'diamond', 0)).toEqual({ tier: tiers[2], downgraded: true });
    expect(reviewTier(tiers, 'gold', 4999)).toEqual({ tier: tiers[1], downgraded: true });
  });

  it('never moves the lowest tier', () => {
    expect(reviewTier(tiers, 'normal', 0)).toEqual({ tier: tiers[0], downgraded: false });
    expect(reviewTier(tiers, 'normal', -100)).toEqual({ tier: tiers[0], downgraded: false });
  });

  it('uses the keep threshold, not the upgrade threshold', () => {
    const lenient = tiers.map((tier) => (tier.id === 'gold' ? { ...tier, keepThreshold: 3000 } : tier));
    expect(reviewTier(lenient, 'gold', 3000).downgraded).toBe(false);
    expect(reviewTier(lenient, 'gold', 2999).tier.id).toBe('silver');
  });

  it('does not upgrade at review', () => {
    expect(reviewTier(tiers, 'silver', 50000)).toEqual({ tier: tiers[1], downgraded: false });
  });
});

describe('tierAfterVoid', () => {
  it('goes back to the tier before the purchase when the growth no longer supports more', () => {
    expect(
      tierAfterVoid(tiers, { currentId: 'gold', tierBeforePurchaseId: 'silver', purchaseUpgraded: true, growthAfter: 1500 }),
    ).toEqual({ tier: tiers[1], changed: true });
  });

  it('goes back only to the tier the remaining growth earns, when that is above the tier before', () => {
    // normal → diamond by one purchase, but other purchases since then alone reach gold.
    expect(
      tierAfterVoid(tiers, { currentId: 'diamond', tierBeforePurchaseId: 'normal', purchaseUpgraded: true, growthAfter: 6000 }),
    ).toEqual({ tier: tiers[2], changed: true });
  });

  it('never raises the member above their current tier (a review already lowered them)', () => {
    expect(
      tierAfterVoid(tiers, { currentId: 'silver', tierBeforePurchaseId: 'gold', purchaseUpgraded: true, growthAfter: 30000 }),
    ).toEqual({ tier: tiers[1], changed: false });
  });

  it('keeps the current tier when the voided purchase did not upgrade', () => {
    expect(
      tierAfterVoid(tiers, { currentId: 'gold', tierBeforePurchaseId: 'gold', purchaseUpgraded: false, growthAfter: 0 }),
    ).toEqual({ tier: tiers[2], changed: false });
  });
});

describe('progress', () => {
  it('measures from the current threshold to the next', () => {
    // silver 1000 → gold 5000: 3000 of 4000 = 75%.
    expect(progress(tiers, 'silver', 4000)).toEqual({
      nextTier: { name: '金卡', threshold: 5000, remaining: 1000 },
      progressPercent: 75,
    });
  });

  it('rounds down so 100 only shows at the threshold', () => {
    expect(progress(tiers, 'normal', 999).progressPercent).toBe(99);
    expect(progress(tiers, 'normal', 0).progressPercent).toBe(0);
  });

  it('shows 0 for growth below a kept tier’s threshold, and 100 at the top', () => {
    expect(progress(tiers, 'gold', 3000)).toEqual({
      nextTier: { name: '钻石', threshold: 20000, remaining: 17000 },
      progressPercent: 0,
    });
    expect(progress(tiers, 'diamond', 25000)).toEqual({ progressPercent: 100 });
  });

  it('caps at 100 with nothing remaining when growth is past the next threshold', () => {
    expect(progress(tiers, 'normal', 1200)).toEqual({
      nextTier: { name: '银卡', threshold: 1000, remaining: 0 },
      progressPercent: 100,
    });
  });
});
