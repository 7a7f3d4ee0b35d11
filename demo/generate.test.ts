import { balanceFromLots } from '../shared/rules/member-state';
import { rollingGrowth } from '../shared/rules/growth';
import { tierById } from '../shared/rules/tiers';
import { DEFAULT_BRAND_SETTINGS } from '../shared/rules/brand-settings';
import { generateDemo } from './generate';

test('the demo data is consistent the way the functions keep it', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const data = generateDemo(now);
  expect(data.members).toHaveLength(200);
  expect(new Set(data.members.map((m) => m.openid)).size).toBe(200);
  expect(new Set(data.members.map((m) => m.phoneKey)).size).toBe(200);
  // one member lost a typed number to its verified owner and waits for a clerk's review
  expect(data.members.filter((m) => m.review)).toEqual([expect.objectContaining({ phone: '', phoneVerified: false, review: expect.objectContaining({ reason: 'phone_detached' }) })]);
  expect(data.approvals).toEqual([expect.objectContaining({ status: 'pending', storeId: 'S01', amountFen: 5_880_000 })]);
  expect(new Set(data.purchases.map((p) => p._id)).size).toBe(data.purchases.length);
  const ledgerSum = new Map<string, number>();
  for (const entry of data.ledger) ledgerSum.set(entry.memberId, (ledgerSum.get(entry.memberId) ?? 0) + entry.points);
  for (const member of data.members) {
    expect({ id: member._id, balance: member.pointsBalance }).toEqual({ id: member._id, balance: ledgerSum.get(member._id) });
    expect(balanceFromLots(member)).toBe(member.pointsBalance);
    // a tier is never above what the growth reached when it was earned, and upgrades are recorded
    const tier = tierById(DEFAULT_BRAND_SETTINGS.tiers, member.tierId);
    if (tier.threshold > 0) expect(data.tierChanges.some((c) => c.memberId === member._id && c.to === member.tierId)).toBe(true);
    expect(rollingGrowth(member.growthBuckets, now, 12)).toBeLessThanOrEqual(member.totalSpendFen / 100);
    expect(member.purchaseCount).toBe(data.purchases.filter((p) => p.memberId === member._id).length);
    expect(member.recentPurchases.map((p) => p.id)).toEqual(
      data.purchases.filter((p) => p.memberId === member._id).sort((a, b) => b.paidAt.getTime() - a.paidAt.getTime()).slice(0, 20).map((p) => p._id),
    );
  }
  expect(new Set(data.members.map((m) => m.tierId))).toEqual(new Set(['normal', 'silver', 'gold', 'diamond']));
  expect(data.members[0]).toMatchObject({ openid: 'demo-shopper', name: '陈静' });
});
