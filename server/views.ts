import type { CardView, CustomerView, PurchaseView, StaffView } from '../shared/contracts/views';
import { toTierView, type BrandSettings } from '../shared/rules/brand-settings';
import { rollingGrowth } from '../shared/rules/growth';
import { maskPhone } from '../shared/rules/mask';
import { expiringInYear } from '../shared/rules/points';
import { progress, tierById } from '../shared/rules/tiers';
import type { Stored } from './cloud';
import type { MemberDoc, MemberReview, PurchaseDoc, StaffDoc } from './documents';
import { subscriptionViews } from './subscriptions';

/** Documents → the views the pages render (shared/contracts/views.ts). */

/** Tier, rolling growth and progress to the next tier: what both the member's and the clerk's card show. */
function standing(member: MemberDoc, settings: BrandSettings, now: Date) {
  const tier = tierById(settings.tiers, member.tierId);
  const growth = rollingGrowth(member.growthBuckets, now, settings.growthWindowMonths);
  return { tier: toTierView(tier), growth, ...progress(settings.tiers, tier.id, growth) };
}

export function cardView(member: Stored<MemberDoc>, settings: BrandSettings, homeStoreName: string, now: Date): CardView {
  const expiring = expiringInYear(member.pointsLots, now);
  return {
    memberId: member._id,
    name: member.name,
    phoneMasked: maskPhone(member.phone),
    phoneVerified: member.phoneVerified,
    ...standing(member, settings, now),
    points: {
      balance: member.pointsBalance,
      expiringThisYear: expiring.points,
      expiringAt: expiring.expiresAt.toISOString(),
    },
    homeStoreName,
    joinedAt: member.joinedAt.toISOString(),
    profile: { name: member.name, gender: member.gender, birthday: member.birthday, birthdayLocked: member.birthday !== null },
    subscriptions: subscriptionViews(member, settings),
  };
}

export function purchaseView(purchase: Stored<PurchaseDoc>, storeName: string, staffName: string): PurchaseView {
  return {
    purchaseId: purchase._id,
    orderNo: purchase.orderNo,
    amountFen: purchase.amountFen,
    discountFen: purchase.discountFen ?? 0,
    paidFen: purchase.paidFen ?? purchase.amountFen,
    categories: purchase.categories,
    storeName,
    staffName,
    pointsEarned: purchase.points,
    growthAdded: purchase.growth,
    status: purchase.status,
    paidAt: purchase.paidAt.toISOString(),
  };
}

export function customerView(
  member: Stored<MemberDoc>,
  settings: BrandSettings,
  homeStoreName: string,
  recentPurchases: PurchaseView[],
  now: Date,
): CustomerView {
  const { tier, growth, nextTier } = standing(member, settings, now);
  return {
    memberId: member._id,
    name: member.name,
    phoneMasked: maskPhone(member.phone),
    reviewNote: member.review ? reviewNote(member.review) : null,
    tier,
    growth,
    nextTier,
    pointsBalance: member.pointsBalance,
    homeStoreName,
    recentPurchases,
  };
}

function reviewNote(review: MemberReview): string {
  return `原手机号 ${maskPhone(review.phone)} 已由通过微信验证的本人认领，请核实顾客身份并更新手机号`;
}

export function staffView(staff: Stored<StaffDoc>, storeName: string): StaffView {
  return { staffId: staff._id, name: staff.name, role: staff.role, storeId: staff.storeId, storeName };
}
