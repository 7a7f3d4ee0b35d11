import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CareContract } from '../../../shared/contracts/care';
import type { ProfileView } from '../../../shared/contracts/care-views';
import { toTierView } from '../../../shared/rules/brand-settings';
import { preferredCategories, spendInLast12Months } from '../../../shared/rules/care-stats';
import { rollingGrowth } from '../../../shared/rules/growth';
import { maskPhone } from '../../../shared/rules/mask';
import { tierById } from '../../../shared/rules/tiers';
import { audit } from '../../../server/audit';
import { assertManagesMember, assertMayServe, managesMember } from '../../../server/care-access';
import { withCare } from '../../../server/care-fields';
import { interactionView, receiptPurchaseView, taskView } from '../../../server/care-views';
import { db } from '../../../server/cloud';
import { couponView } from '../../../server/coupon-views';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type CouponDoc, type InteractionDoc, type TaskDoc } from '../../../server/documents';
import { heatView } from '../../../server/member-scores';
import { memberById, requireStaff } from '../../../server/queries';
import { normsFor, scoreNorms } from '../../../server/score-norms';
import { brandSettings } from '../../../server/settings';
import { tagDirectory, tagViews } from '../../../server/tag-directory';

const SHOWN = { purchases: 10, coupons: 20, interactions: 10, tasks: 10 };

/**
 * The 360° profile in one call and six requests: the caller, the member (whose document carries the
 * figures, recent purchases, tags and scores), the member's unused coupons, latest interactions and
 * open tasks, and the audit entry of this look. Names, tags, settings and score norms are cached.
 */
export async function profile(input: ParsedInputOf<CareContract, 'profile'>, ctx: RequestContext): Promise<ProfileView> {
  const staff = await requireStaff(ctx.openid);
  const member = withCare(await memberById(input.memberId));
  assertMayServe(staff, member);
  const [coupons, interactions, tasks, settings, norms, tags] = await Promise.all([
    db.collection<CouponDoc>(C.coupons).where({ memberId: member._id, status: 'unused' }).orderBy('validUntil', 'asc').limit(SHOWN.coupons).get(),
    db.collection<InteractionDoc>(C.interactions).where({ memberId: member._id }).orderBy('at', 'desc').limit(SHOWN.interactions).get(),
    db.collection<TaskDoc>(C.tasks).where({ memberId: member._id, status: 'open' }).orderBy('dueAt', 'asc').limit(SHOWN.tasks).get(),
    brandSettings(),
    scoreNorms(),
    tagDirectory(),
    audit(staff, { action: 'profile_view', memberId: member._id }, ctx.now),
  ]);
  const receipts = member.recentPurchases.slice(0, SHOWN.purchases);
  const named = await names({
    stores: [member.homeStoreId, ...receipts.map((r) => r.storeId), ...interactions.data.map((i) => i.storeId), ...tasks.data.map((t) => t.storeId), ...coupons.data.flatMap((c) => c.storeIds)],
    staff: [member.servingStaffId, ...receipts.map((r) => r.staffId), ...interactions.data.map((i) => i.staffId), ...tasks.data.map((t) => t.ownerStaffId)],
  });
  const tier = tierById(settings.tiers, member.tierId);
  const manages = managesMember(staff, member);
  const own = staff.openid === member.openid;
  return {
    memberId: member._id,
    name: member.name,
    phoneMasked: maskPhone(member.phone),
    phoneRevealable: manages && member.phone !== '',
    gender: member.gender,
    birthday: member.birthday,
    joinedAt: member.joinedAt.toISOString(),
    homeStoreName: named.store(member.homeStoreId),
    servingStaffId: member.servingStaffId,
    servingStaffName: named.staff(member.servingStaffId),
    tier: toTierView(tier),
    growth: rollingGrowth(member.growthBuckets, ctx.now, settings.growthWindowMonths),
    pointsBalance: member.pointsBalance,
    figures: {
      lifetimeSpendFen: member.totalSpendFen,
      spend12mFen: spendInLast12Months(member.spendMonths, ctx.now),
      visits: member.purchaseCount,
      averageTicketFen: member.purchaseCount > 0 ? Math.floor(member.totalSpendFen / member.purchaseCount) : 0,
      lastPurchaseAt: member.lastPurchaseAt ? member.lastPurchaseAt.toISOString() : null,
    },
    preferredCategories: preferredCategories(member.categoryCounts),
    segment: member.segment,
    rfm: member.rfm,
    heat: heatView(member, normsFor(norms, member.homeStoreId).spendReferenceFen, ctx.now),
    tags: tagViews(member.autoTags, member.manualTags, tags),
    purchases: receipts.map((receipt) => receiptPurchaseView(receipt, named)),
    coupons: coupons.data.map((coupon) => couponView(coupon, named.store, ctx.now)),
    interactions: interactions.data.map((interaction) => interactionView(interaction, named)),
    openTasks: tasks.data.map((task) => taskView(task, settings, named, ctx.now)),
    can: { adjustPoints: manages && !own, reassign: manages && !own, editTags: !own },
  };
}

/** The full number, for the member's store manager or an admin; the look is audited before it is answered. */
export async function revealPhone(input: ParsedInputOf<CareContract, 'revealPhone'>, ctx: RequestContext): Promise<{ phone: string }> {
  const staff = await requireStaff(ctx.openid);
  const member = await memberById(input.memberId);
  assertManagesMember(staff, member);
  await audit(staff, { action: 'phone_reveal', memberId: member._id }, ctx.now);
  return { phone: member.phone };
}
