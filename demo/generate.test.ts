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

  // coupons: five designs, every state, and purchases that used them priced as the till prices them
  expect(data.couponTemplates).toHaveLength(5);
  expect(new Set(data.coupons.map((c) => c.status))).toEqual(new Set(['unused', 'used', 'expired']));
  expect(new Set(data.coupons.map((c) => c.grantKey)).size).toBe(data.coupons.length);
  expect(new Set(data.coupons.map((c) => c.slotKey)).size).toBe(data.coupons.length);
  const withCoupon = data.purchases.filter((p) => p.couponIds.length);
  expect(withCoupon.length).toBeGreaterThan(20);
  for (const purchase of withCoupon) {
    const coupon = data.coupons.find((c) => c._id === purchase.couponIds[0])!;
    expect(coupon).toMatchObject({ status: 'used', usedPurchaseId: purchase._id, discountFen: purchase.discountFen, usedSaleFen: purchase.paidFen });
    expect(purchase.paidFen).toBe(purchase.amountFen - purchase.discountFen);
    expect(purchase.points).toBeLessThanOrEqual(Math.floor((purchase.paidFen * 2) / 100));
  }
  for (const template of data.couponTemplates) {
    expect(template.issued).toBe(data.coupons.filter((c) => c.templateId === template._id).length);
    if (template.remaining !== null) expect(template.remaining).toBeGreaterThanOrEqual(0);
  }
  expect(data.coupons.filter((c) => c.memberId === 'demo-member-000' && c.status === 'unused').length).toBeGreaterThanOrEqual(3);
});
