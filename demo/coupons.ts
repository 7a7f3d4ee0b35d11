import type { TemplateTerms } from '../shared/rules/coupon-templates';
import type { Stored } from '../server/cloud';
import { given, newCoupon } from '../server/coupon-grant';
import type { CouponDoc, CouponSource, CouponTemplateDoc } from '../server/documents';

/** The demo brand's coupon designs: one of each kind and channel, and the gifts its journeys and campaign grant. */
export const DEMO_TEMPLATE_IDS = {
  welcome: 'TWELCOM',
  cash: 'TM30050',
  exchangeCash: 'TEXCH10',
  gift: 'TGIFTBG',
  lucky: 'TLUCKY1',
  invitation: 'TINVITE',
  birthday: 'TBIRTHD',
  winBack: 'TWINBAK',
  campaign: 'TDOUBLE',
} as const;

function template(id: string, terms: TemplateTerms, description: string, createdAt: Date): Stored<CouponTemplateDoc> {
  return {
    _id: id,
    ...terms,
    description,
    status: 'active',
    remaining: terms.limits.totalStock,
    issued: 0,
    ownerStoreId: null,
    createdBy: 'staff-admin',
    createdAt,
    updatedBy: 'staff-admin',
    updatedAt: createdAt,
  };
}

const none = { totalStock: null, perMember: null, perMemberMonthly: null };

export function demoTemplates(now: Date): Stored<CouponTemplateDoc>[] {
  const yearAgo = new Date(now.getTime() - 400 * 86_400_000);
  const base = { storeIds: [], tierIds: [], stackable: false };
  return [
    template(DEMO_TEMPLATE_IDS.welcome, { ...base, name: '入会礼 9折券', rule: { kind: 'discount', thresholdFen: 0, rate: 90, capFen: 2_000 }, validity: { type: 'days', days: 30, startsNextDay: false }, limits: none, claimable: false, pointsCost: null }, '新会员首单9折，最高减20元', yearAgo),
    template(DEMO_TEMPLATE_IDS.cash, { ...base, name: '满300减50', rule: { kind: 'cash', thresholdFen: 30_000, amountOffFen: 5_000 }, validity: { type: 'days', days: 14, startsNextDay: false }, limits: { totalStock: 2_000, perMember: 12, perMemberMonthly: 1 }, claimable: true, pointsCost: null }, '每月限领1张，全场通用', yearAgo),
    template(DEMO_TEMPLATE_IDS.exchangeCash, { ...base, name: '无门槛10元券', rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 1_000 }, validity: { type: 'days', days: 30, startsNextDay: true }, limits: { totalStock: 1_000, perMember: null, perMemberMonthly: 2 }, claimable: false, pointsCost: 500 }, '500积分兑换，次日起30天有效', yearAgo),
    template(DEMO_TEMPLATE_IDS.gift, { ...base, name: '帆布袋兑换券', rule: { kind: 'gift', thresholdFen: 0, giftName: '品牌帆布袋' }, validity: { type: 'days', days: 60, startsNextDay: false }, limits: { totalStock: 300, perMember: 1, perMemberMonthly: null }, claimable: false, pointsCost: 300 }, '到店出示即可领取帆布袋一个', yearAgo),
    template(DEMO_TEMPLATE_IDS.invitation, { ...base, name: '新会员到店礼', rule: { kind: 'cash', thresholdFen: 10_000, amountOffFen: 2_000 }, validity: { type: 'days', days: 14, startsNextDay: false }, limits: none, claimable: false, pointsCost: null }, '入会第7天赠送，满100减20', yearAgo),
    template(DEMO_TEMPLATE_IDS.birthday, { ...base, name: '生日礼券', rule: { kind: 'cash', thresholdFen: 20_000, amountOffFen: 5_000 }, validity: { type: 'days', days: 30, startsNextDay: false }, limits: none, claimable: false, pointsCost: null }, '生日当天赠送，满200减50', yearAgo),
    template(DEMO_TEMPLATE_IDS.winBack, { ...base, name: '回店礼', rule: { kind: 'cash', thresholdFen: 20_000, amountOffFen: 4_000 }, validity: { type: 'days', days: 21, startsNextDay: false }, limits: none, claimable: false, pointsCost: null }, '好久不见，满200减40', yearAgo),
    template(DEMO_TEMPLATE_IDS.campaign, { ...base, name: '双十二会员礼', rule: { kind: 'cash', thresholdFen: 30_000, amountOffFen: 6_000 }, validity: { type: 'days', days: 20, startsNextDay: false }, limits: { totalStock: 5_000, perMember: null, perMemberMonthly: null }, claimable: false, pointsCost: null }, '双十二会员专享，满300减60', yearAgo),
    template(DEMO_TEMPLATE_IDS.lucky, { ...base, name: '幸运立减', rule: { kind: 'random', thresholdFen: 10_000, minOffFen: 500, maxOffFen: 2_000 }, validity: { type: 'days', days: 7, startsNextDay: false }, limits: { totalStock: 500, perMember: 1, perMemberMonthly: null }, claimable: true, pointsCost: null }, '满100元随机立减5–20元', yearAgo),
  ];
}

/** A demo coupon granted at `at`, built as the functions build them. */
export function demoCoupon(
  id: string,
  template: Stored<CouponTemplateDoc>,
  memberId: string,
  at: Date,
  source: CouponSource,
  keys: { grantKey: string; slotKey: string | null },
  random: () => number,
  pointsSpent = 0,
): Stored<CouponDoc> {
  const by = source === 'welcome' ? 'system' : 'member';
  const reason = { welcome: '入会礼', claim: '领券中心领取', exchange: `${pointsSpent}积分兑换`, manual: '补发', replacement: '补发', journey: '旅程发放', campaign: '活动发放' }[source];
  return given(newCoupon({ template, memberId, ...keys, source, by, reason, now: at, pointsSpent }, id, random));
}

export function used(coupon: Stored<CouponDoc>, sale: { purchaseId: string; storeId: string; staffId: string; at: Date; discountFen: number; paidFen: number }): Stored<CouponDoc> {
  return {
    ...coupon,
    status: 'used',
    dueAt: null,
    usedAt: sale.at,
    usedPurchaseId: sale.purchaseId,
    usedStoreId: sale.storeId,
    discountFen: sale.discountFen,
    usedSaleFen: sale.paidFen,
    history: [...coupon.history, { type: 'used', at: sale.at, by: sale.staffId, purchaseId: sale.purchaseId }],
  };
}

/** Past its end before the demo's now: what the daily job would have made of it. */
export function settled(coupon: Stored<CouponDoc>, now: Date): Stored<CouponDoc> {
  if (coupon.status !== 'unused' || coupon.validUntil.getTime() > now.getTime()) return coupon;
  return { ...coupon, status: 'expired', dueAt: null, history: [...coupon.history, { type: 'expired', at: coupon.validUntil, by: 'system' }] };
}
