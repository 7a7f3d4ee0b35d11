import { DEFAULT_BRAND_SETTINGS, type TierDef } from './brand-settings';
import { bandEdges, tierEffect, tiersToRevisit } from './tier-effect';

const before = DEFAULT_BRAND_SETTINGS.tiers; // normal 0, silver 1000, gold 5000, diamond 20000
const withGold = (changes: Partial<TierDef>) => before.map((tier) => (tier.id === 'gold' ? { ...tier, ...changes } : tier));

describe('tierEffect', () => {
  test('a lower gold threshold lifts the silver members whose growth reaches it, at once', () => {
    const after = withGold({ threshold: 3000, keepThreshold: 3000 });
    expect(bandEdges(before, after)).toEqual([0, 1000, 3000, 5000, 20000]);
    const effect = tierEffect(before, after, [
      { tierId: 'silver', band: 1000, members: 7 },
      { tierId: 'silver', band: 3000, members: 4 },
      { tierId: 'gold', band: 5000, members: 2 },
    ]);
    expect(effect.upgrades).toEqual([{ fromId: 'silver', fromName: '银卡', toId: 'gold', toName: '金卡', members: 4 }]);
    expect(effect.reviewDowngrades).toEqual([]);
    expect(effect.byTier.find((t) => t.tierId === 'gold')).toEqual({ tierId: 'gold', name: '金卡', before: 2, after: 6 });
    expect(effect.lines).toContain('4 位「银卡」会员的成长值已达新门槛，保存后升为「金卡」');
    expect(effect.lines).toContain('「金卡」升级门槛 5000 → 3000');
  });

  test('a higher keep threshold only announces downgrades at review; a new multiplier leaves earned points alone', () => {
    const after = withGold({ threshold: 8000, keepThreshold: 8000, multiplierPermille: 1800 });
    const effect = tierEffect(before, after, [
      { tierId: 'gold', band: 5000, members: 3 },
      { tierId: 'gold', band: 8000, members: 1 },
      // Already below the old keep threshold: the review takes them down whatever the change.
      { tierId: 'silver', band: 0, members: 5 },
    ]);
    expect(effect.upgrades).toEqual([]);
    expect(effect.reviewDowngrades).toEqual([{ fromId: 'gold', fromName: '金卡', toId: 'silver', toName: '银卡', members: 3 }]);
    // Kept until the review: still counted as gold once saved.
    expect(effect.byTier.find((t) => t.tierId === 'gold')?.after).toBe(4);
    expect(effect.lines).toContain('「金卡」积分倍率 1.5倍 → 1.8倍：此后的消费按新倍率计分，已得积分不变');
  });

  test('removing a tier that members hold is reported; an unchanged ladder says nobody moves', () => {
    const after = before.filter((tier) => tier.id !== 'diamond');
    expect(tierEffect(before, after, [{ tierId: 'diamond', band: 20000, members: 2 }]).removedWithMembers).toEqual([{ tierId: 'diamond', name: '钻石', members: 2 }]);
    expect(tierEffect(before, before, [{ tierId: 'normal', band: 0, members: 9 }]).lines).toEqual(['现有会员的等级不受影响']);
  });
});

test('tiersToRevisit: a moved threshold revisits every tier below the top; a new benefit revisits none', () => {
  expect(tiersToRevisit(before, withGold({ threshold: 3000, keepThreshold: 3000 }))).toEqual(['normal', 'silver', 'gold']);
  expect(tiersToRevisit(before, before.map((tier) => (tier.id === 'diamond' ? { ...tier, keepThreshold: 15000 } : tier)))).toEqual(['diamond']);
  expect(tiersToRevisit(before, withGold({ benefits: ['专属9折'] }))).toEqual([]);
});
