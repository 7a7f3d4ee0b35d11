import { couponWindow, type TemplateRule, type Validity } from './coupons';

/**
 * A coupon template's life and who may receive one — pure, so the functions only load and write.
 *
 * Per-member limits count what a member takes for themselves (claims and points exchanges); coupons a
 * shop gives (welcome, a manager's 补发, later birthdays and campaigns) are counted in stock only.
 */

export type TemplateStatus = 'draft' | 'active' | 'paused' | 'ended';

export interface TemplateLimits {
  /** null: unlimited. */
  totalStock: number | null;
  perMember: number | null;
  perMemberMonthly: number | null;
}

export interface TemplateTerms {
  name: string;
  rule: TemplateRule;
  validity: Validity;
  /** Empty: every store. */
  storeIds: string[];
  /** Empty: every tier. */
  tierIds: string[];
  limits: TemplateLimits;
  stackable: boolean;
  /** Shown in the claim centre (领券中心). */
  claimable: boolean;
  /** Offered in the points exchange at this many points; null: not exchangeable. */
  pointsCost: number | null;
}

const TRANSITIONS: Record<TemplateStatus, TemplateStatus[]> = {
  draft: ['active', 'ended'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
  ended: [],
};

export function canMoveTo(from: TemplateStatus, to: TemplateStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Why this member cannot take one more now, or null. */
export type TakeRefusal = 'TEMPLATE_NOT_ACTIVE' | 'NOT_FOR_TIER' | 'OUT_OF_STOCK' | 'MEMBER_LIMIT' | 'MONTHLY_LIMIT' | 'VALIDITY_OVER';

export function takeRefusal(
  template: TemplateTerms & { status: TemplateStatus; remaining: number | null },
  taker: { tierId: string; taken: number; takenThisMonth: number; now: Date },
): TakeRefusal | null {
  if (template.status !== 'active') return 'TEMPLATE_NOT_ACTIVE';
  if (template.tierIds.length && !template.tierIds.includes(taker.tierId)) return 'NOT_FOR_TIER';
  if (template.remaining !== null && template.remaining <= 0) return 'OUT_OF_STOCK';
  if (template.limits.perMember !== null && taker.taken >= template.limits.perMember) return 'MEMBER_LIMIT';
  if (template.limits.perMemberMonthly !== null && taker.takenThisMonth >= template.limits.perMemberMonthly) return 'MONTHLY_LIMIT';
  if (couponWindow(template.validity, taker.now).validUntil.getTime() <= taker.now.getTime()) return 'VALIDITY_OVER';
  return null;
}

/** Every problem with a template's terms, by field, in Chinese — for the editor and the server alike. */
export function templateProblems(terms: TemplateTerms, known: { storeIds: string[]; tierIds: string[] }): Record<string, string> {
  const problems: Record<string, string> = {};
  const fen = (value: number) => Number.isSafeInteger(value) && value >= 0;
  const { rule } = terms;
  if (!terms.name.trim()) problems.name = '请填写券名称';
  if (!fen(rule.thresholdFen)) problems['rule.thresholdFen'] = '门槛须为不小于0的整数（分）';
  if (rule.kind === 'cash') {
    if (!fen(rule.amountOffFen) || rule.amountOffFen === 0) problems['rule.amountOffFen'] = '减免金额须大于0';
    else if (rule.thresholdFen > 0 && rule.amountOffFen > rule.thresholdFen) problems['rule.amountOffFen'] = '减免金额不能高于门槛';
  }
  if (rule.kind === 'discount') {
    if (!Number.isInteger(rule.rate) || rule.rate < 1 || rule.rate > 99) problems['rule.rate'] = '折扣须为1–99（88即8.8折）';
    if (rule.capFen !== null && (!fen(rule.capFen) || rule.capFen === 0)) problems['rule.capFen'] = '最高优惠须大于0';
  }
  if (rule.kind === 'gift' && !rule.giftName.trim()) problems['rule.giftName'] = '请填写兑换的礼品';
  if (rule.kind === 'random') {
    if (!fen(rule.minOffFen) || rule.minOffFen === 0) problems['rule.minOffFen'] = '最低减免须大于0';
    if (!fen(rule.maxOffFen) || rule.maxOffFen < rule.minOffFen) problems['rule.maxOffFen'] = '最高减免不能低于最低减免';
    else if (rule.thresholdFen > 0 && rule.maxOffFen > rule.thresholdFen) problems['rule.maxOffFen'] = '最高减免不能高于门槛';
  }
  const { validity } = terms;
  if (validity.type === 'fixed') {
    if (validity.untilDay < validity.fromDay) problems['validity.untilDay'] = '结束日期不能早于开始日期';
  } else if (!Number.isInteger(validity.days) || validity.days < 1 || validity.days > 366) {
    problems['validity.days'] = '有效天数须为1–366天';
  }
  const unknownStore = terms.storeIds.find((id) => !known.storeIds.includes(id));
  if (unknownStore) problems.storeIds = `门店不存在：${unknownStore}`;
  const unknownTier = terms.tierIds.find((id) => !known.tierIds.includes(id));
  if (unknownTier) problems.tierIds = `会员等级不存在：${unknownTier}`;
  const { totalStock, perMember, perMemberMonthly } = terms.limits;
  const count = (value: number | null) => value === null || (Number.isSafeInteger(value) && value >= 1);
  if (!count(totalStock)) problems['limits.totalStock'] = '总库存须为正整数或不限';
  if (!count(perMember)) problems['limits.perMember'] = '每人限领须为正整数或不限';
  if (!count(perMemberMonthly)) problems['limits.perMemberMonthly'] = '每人每月限领须为正整数或不限';
  else if (perMember !== null && perMemberMonthly !== null && perMemberMonthly > perMember) problems['limits.perMemberMonthly'] = '每月限领不能多于每人限领';
  if (terms.pointsCost !== null && (!Number.isSafeInteger(terms.pointsCost) || terms.pointsCost < 1)) problems.pointsCost = '兑换积分须为正整数';
  return problems;
}

/**
 * A voided sale's coupon: back to the member if it is still valid; if it has run out meanwhile, either
 * nothing (it stays used) or, by the brand's policy, a replacement for the days it had left when used.
 */
export type RefundPolicy = 'restore-if-valid' | 'restore-or-replace';

export type RefundOutcome = { action: 'restore' } | { action: 'keep-used' } | { action: 'replace'; days: number };

export function refundOutcome(policy: RefundPolicy, coupon: { validUntil: Date; usedAt: Date }, now: Date): RefundOutcome {
  if (now.getTime() < coupon.validUntil.getTime()) return { action: 'restore' };
  if (policy !== 'restore-or-replace') return { action: 'keep-used' };
  const left = Math.ceil((coupon.validUntil.getTime() - coupon.usedAt.getTime()) / 86_400_000);
  return left >= 1 ? { action: 'replace', days: left } : { action: 'keep-used' };
}
