import { DEFAULT_BRAND_SETTINGS } from './brand-settings';
import { applyAdjustment, applyExpiry, applyPurchase, applyReview, applySpend, applyVoid, balanceFromLots, type MemberState } from './member-state';

const settings = DEFAULT_BRAND_SETTINGS;
const at = (iso: string) => new Date(iso);

function fresh(now: Date): MemberState {
  return {
    tierId: 'normal',
    growthBuckets: {},
    pointsBalance: 100,
    pointsLots: [{ id: 'welcome', points: 100, remaining: 100, earnedAt: now, expiresAt: new Date('2028-01-01T00:00:00+08:00') }],
    pointsDebt: 0,
    tierReviewAt: null,
    pointsNextExpiry: new Date('2028-01-01T00:00:00+08:00'),
  };
}

test('a purchase at the exact silver threshold upgrades, and the next one earns at 1.2×', () => {
  const now = at('2026-05-01T10:00:00+08:00');
  const first = applyPurchase(fresh(now), { amountFen: 100_000, lotId: 'p1', now }, settings);
  expect(first).toMatchObject({ points: 1000, growth: 1000, upgraded: true, tierBefore: { id: 'normal' }, tierAfter: { id: 'silver' } });
  expect(first.state.tierReviewAt).not.toBeNull();
  const second = applyPurchase(first.state, { amountFen: 10_000, lotId: 'p2', now }, settings);
  expect(second.points).toBe(120);
  expect(second.state.pointsBalance).toBe(100 + 1000 + 120);
  expect(balanceFromLots(second.state)).toBe(second.state.pointsBalance);
});

test('one purchase can jump several tiers', () => {
  const now = at('2026-05-01T10:00:00+08:00');
  const result = applyPurchase(fresh(now), { amountFen: 2_000_000, lotId: 'p', now }, settings);
  expect(result.tierAfter.id).toBe('diamond');
  expect(result.points).toBe(20_000);
});

test('voiding the upgrading purchase after some points were spent: back to the old tier, debt for what nothing covers', () => {
  const now = at('2026-05-01T10:00:00+08:00');
  const bought = applyPurchase(fresh(now), { amountFen: 100_000, lotId: 'p1', now }, settings).state;
  // spend 1050 of 1100: the welcome lot (oldest expiry first? both expire end of 2027) and most of p1
  const spent: MemberState = { ...bought, pointsBalance: 50, pointsLots: bought.pointsLots.map((l) => ({ ...l, remaining: l.id === 'p1' ? 50 : 0 })).filter((l) => l.remaining > 0) };
  const voided = applyVoid(spent, { points: 1000, expiredPoints: 0, growth: 1000, lotId: 'p1', paidAt: now, tierBefore: 'normal', tierAfter: 'silver', now }, settings);
  expect(voided.tierAfter.id).toBe('normal');
  expect(voided.tierChanged).toBe(true);
  expect(voided.state.pointsBalance).toBe(-950);
  expect(voided.debtAdded).toBe(950);
  expect(voided.state.pointsDebt).toBe(950);
  expect(balanceFromLots(voided.state)).toBe(-950);
  expect(voided.state.tierReviewAt).toBeNull();

  // later earnings pay the debt first
  const later = applyPurchase(voided.state, { amountFen: 50_000, lotId: 'p3', now }, settings);
  expect(later.state.pointsDebt).toBe(450);
  expect(later.state.pointsBalance).toBe(-450);
  expect(balanceFromLots(later.state)).toBe(-450);
});

test('the review moves down one tier only, and not again the same day', () => {
  const bought = applyPurchase(fresh(at('2026-01-10T10:00:00+08:00')), { amountFen: 2_500_000, lotId: 'p', now: at('2026-01-10T10:00:00+08:00') }, settings);
  expect(bought.state.tierId).toBe('diamond');
  const due = bought.state.tierReviewAt!;
  expect(due.toISOString()).toBe('2027-01-09T16:00:00.000Z'); // the day the purchase leaves the 12-month window, Shanghai midnight
  const before = applyReview(bought.state, new Date(due.getTime() - 1), settings);
  expect(before.downgraded).toBe(false);
  const review = applyReview(bought.state, due, settings);
  expect(review).toMatchObject({ downgraded: true, from: { id: 'diamond' }, to: { id: 'gold' }, rollingGrowth: 0 });
  expect(review.state.tierReviewAt!.getTime()).toBe(due.getTime() + 86_400_000);
  const next = applyReview(review.state, review.state.tierReviewAt!, settings);
  expect(next.to.id).toBe('silver');
});

test('expiry removes only lots past their expiry', () => {
  const now = at('2026-05-01T10:00:00+08:00');
  const state = applyPurchase(fresh(now), { amountFen: 30_000, lotId: 'p', now }, settings).state;
  const early = applyExpiry({ ...state, pointsLots: [...state.pointsLots, { id: 'old', points: 40, remaining: 40, earnedAt: at('2025-03-01T00:00:00Z'), expiresAt: at('2027-01-01T00:00:00+08:00') }], pointsBalance: state.pointsBalance + 40 }, at('2027-01-01T00:00:00+08:00'));
  expect(early.expired).toEqual([{ lotId: 'old', points: 40 }]);
  expect(early.state.pointsBalance).toBe(400);
  expect(early.state.pointsNextExpiry!.toISOString()).toBe('2027-12-31T16:00:00.000Z');
});

test('voiding a purchase whose points already expired takes back only the part that did not expire', () => {
  const paidAt = at('2026-05-01T10:00:00+08:00');
  const bought = applyPurchase(fresh(paidAt), { amountFen: 30_000, lotId: 'p', now: paidAt }, settings).state;
  // spend 100 of the purchase's 300 (the welcome lot went elsewhere), then the other 200 expire
  const spent: MemberState = { ...bought, pointsBalance: 200, pointsLots: bought.pointsLots.filter((l) => l.id === 'p').map((l) => ({ ...l, remaining: 200 })) };
  const expired = applyExpiry(spent, at('2028-01-01T00:00:00+08:00'));
  expect(expired.expired).toEqual([{ lotId: 'p', points: 200 }]);
  expect(expired.state.pointsBalance).toBe(0);

  const now = at('2028-01-05T10:00:00+08:00');
  const voided = applyVoid(expired.state, { points: 300, expiredPoints: 200, growth: 300, lotId: 'p', paidAt, tierBefore: 'normal', tierAfter: 'normal', now }, settings);
  // only the 100 that were spent come back out: as debt, since nothing else covers them
  expect(voided.pointsReversed).toBe(100);
  expect(voided.state.pointsBalance).toBe(-100);
  expect(voided.debtAdded).toBe(100);
  expect(balanceFromLots(voided.state)).toBe(voided.state.pointsBalance);

  const wholly = applyVoid({ ...expired.state }, { points: 300, expiredPoints: 300, growth: 300, lotId: 'p', paidAt, tierBefore: 'normal', tierAfter: 'normal', now }, settings);
  expect(wholly).toMatchObject({ pointsReversed: 0, debtAdded: 0 });
  expect(wholly.state.pointsBalance).toBe(0);
});

test('spending for an exchange takes the lots expiring first, never points that are already expiring or owed', () => {
  const now = at('2026-05-01T10:00:00+08:00');
  const state = applyPurchase(fresh(now), { amountFen: 30_000, lotId: 'p', now }, settings).state; // 100 welcome + 300
  const withOld: MemberState = { ...state, pointsBalance: 450, pointsLots: [...state.pointsLots, { id: 'old', points: 50, remaining: 50, earnedAt: at('2024-03-01T00:00:00Z'), expiresAt: at('2026-01-01T00:00:00+08:00') }] };
  // 50 of the 450 are past their expiry (not yet swept): 400 spendable
  expect(applySpend(withOld, 401, now)).toBeNull();
  const spent = applySpend(withOld, 150, now)!;
  expect(spent.pointsBalance).toBe(300);
  expect(spent.pointsLots.find((l) => l.id === 'old')!.remaining).toBe(50);
  // both live lots expire at the end of 2027: the tie goes by id, 'p' first
  expect(spent.pointsLots.find((l) => l.id === 'p')!.remaining).toBe(150);
  expect(spent.pointsLots.find((l) => l.id === 'welcome')!.remaining).toBe(100);
  expect(balanceFromLots(spent)).toBe(300);
  expect(applySpend({ ...state, pointsDebt: 10, pointsBalance: 390 }, 1, now)).toBeNull();
});

describe('applyAdjustment', () => {
  const now = new Date('2026-12-02T04:00:00Z');
  const base = { tierId: 'normal', growthBuckets: {}, pointsBalance: 0, pointsLots: [], pointsDebt: 0, tierReviewAt: null, pointsNextExpiry: null };

  test('adds a lot that expires like earned points and pays a debt first', () => {
    const added = applyAdjustment(base, { points: 50, lotId: 'adj1', now }, DEFAULT_BRAND_SETTINGS)!;
    expect(added.pointsBalance).toBe(50);
    expect(added.pointsLots).toEqual([expect.objectContaining({ id: 'adj1', remaining: 50, expiresAt: new Date('2027-12-31T16:00:00Z') })]);
    const inDebt = applyAdjustment({ ...base, pointsBalance: -30, pointsDebt: 30 }, { points: 50, lotId: 'adj2', now }, DEFAULT_BRAND_SETTINGS)!;
    expect(inDebt).toMatchObject({ pointsBalance: 20, pointsDebt: 0 });
    expect(inDebt.pointsLots.reduce((sum, lot) => sum + lot.remaining, 0)).toBe(20);
  });

  test('takes points oldest first and refuses to go below zero', () => {
    const withPoints = applyAdjustment(base, { points: 50, lotId: 'adj1', now }, DEFAULT_BRAND_SETTINGS)!;
    expect(applyAdjustment(withPoints, { points: -20, lotId: 'x', now }, DEFAULT_BRAND_SETTINGS)).toMatchObject({ pointsBalance: 30 });
    expect(applyAdjustment(withPoints, { points: -51, lotId: 'x', now }, DEFAULT_BRAND_SETTINGS)).toBeNull();
  });
});
