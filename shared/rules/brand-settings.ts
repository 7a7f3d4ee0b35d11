import type { TierView } from '../contracts/views';
import type { RefundPolicy } from './coupon-templates';
import { DEFAULT_CARE_SETTINGS, validateCareSettings, type CareSettings } from './care-settings';
import { DEFAULT_MESSAGE_SETTINGS, messageSettingsProblems, type MessageSettings } from './message-settings';

/**
 * One membership tier. Thresholds are growth (1 per yuan over the rolling window); a member reaches
 * the tier at `threshold` and keeps it at review while the rolling growth stays at `keepThreshold` or more.
 * `multiplierPermille` scales points per yuan in thousandths so points math stays integer.
 */
export interface TierDef {
  id: string;
  name: string;
  color: string;
  threshold: number;
  keepThreshold: number;
  multiplierPermille: number;
  benefits: string[];
}

export interface BrandSettings {
  brandName: string;
  /** Lowest first. */
  tiers: TierDef[];
  welcomePoints: number;
  privacyVersion: string;
  memberCodeTtlSeconds: number;
  growthWindowMonths: number;
  /** A clerk's single sale above this (fen) needs a manager's or admin's confirmation. */
  clerkSaleLimitFen: number;
  /** Coupon templates every new member receives on joining (each while active and in stock). */
  welcomeCouponTemplateIds: string[];
  /** What a voided sale's expired coupon becomes: nothing, or a replacement for the days it had left. */
  couponRefundPolicy: RefundPolicy;
  /** Customer care: follow-up tasks, segments, scores, scripts. */
  care: CareSettings;
  /** Subscription messages: template ids, quiet hours, the marketing cap. */
  messages: MessageSettings;
  /** 老带新: points each side gets when the invited friend makes a first purchase (0: off). */
  referralRewardPoints: number;
  /** The earn rate: points per yuan paid, before the tier's multiplier. */
  pointsPerYuan: number;
  /** Points expire at the end of the calendar year this many years after the one they were earned in (0: that same year). */
  pointsExpiryYears: number;
}

export const DEFAULT_BRAND_SETTINGS: BrandSettings = {
  brandName: '示例服饰',
  tiers: [
    {
      id: 'normal',
      name: '普通会员',
      color: '#8C8C8C',
      threshold: 0,
      keepThreshold: 0,
      multiplierPermille: 1000,
      benefits: ['消费1倍积分', '入会礼积分', '会员专享活动'],
    },
    {
      id: 'silver',
      name: '银卡',
      color: '#9EA7B3',
      threshold: 1000,
      keepThreshold: 1000,
      multiplierPermille: 1200,
      benefits: ['消费1.2倍积分', '生日双倍积分', '会员日95折'],
    },
    {
      id: 'gold',
      name: '金卡',
      color: '#C9A227',
      threshold: 5000,
      keepThreshold: 5000,
      multiplierPermille: 1500,
      benefits: ['消费1.5倍积分', '生日双倍积分', '专属9折', '免费修改衣裤'],
    },
    {
      id: 'diamond',
      name: '钻石',
      color: '#4B5CC4',
      threshold: 20000,
      keepThreshold: 20000,
      multiplierPermille: 2000,
      benefits: ['消费2倍积分', '生日双倍积分', '专属85折', '一对一穿搭顾问'],
    },
  ],
  welcomePoints: 100,
  privacyVersion: '2026-11',
  memberCodeTtlSeconds: 60,
  growthWindowMonths: 12,
  clerkSaleLimitFen: 5_000_000,
  welcomeCouponTemplateIds: [],
  couponRefundPolicy: 'restore-if-valid',
  care: DEFAULT_CARE_SETTINGS,
  messages: DEFAULT_MESSAGE_SETTINGS,
  referralRewardPoints: 200,
  pointsPerYuan: 1,
  pointsExpiryYears: 1,
};

const HEX_COLOR = /^#[0-9A-Fa-f]{6}$/;
/** Keeps amountFen (≤ 1亿分) × multiplier well inside safe integers. */
const MAX_MULTIPLIER_PERMILLE = 10000;
/** The growth map holds one bucket per day of the window; two years keeps the member document small. */
const MAX_GROWTH_WINDOW_MONTHS = 24;
const MAX_BENEFITS = 8;
/** With the tier multiplier (≤ 10×) and a sale (≤ 1亿分) the product stays a safe integer. */
const MAX_POINTS_PER_YUAN = 100;
const MAX_EXPIRY_YEARS = 5;

function isNonNegativeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** A problem with one field of the settings, keyed by its path (tiers.1.threshold), for a form. */
export interface FieldProblem {
  field: string;
  message: string;
}

function tierProblems(tier: TierDef, index: number): FieldProblem[] {
  const label = `第${index + 1}个等级（${tier.id || '无ID'}）`;
  const problems: FieldProblem[] = [];
  const add = (key: keyof TierDef, message: string) => problems.push({ field: `tiers.${index}.${key}`, message: `${label}：${message}` });
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(tier.id)) add('id', 'ID须为1–32位字母、数字、-或_');
  if (tier.name.trim() === '' || tier.name.length > 10) add('name', '名称须为1–10个字');
  if (!HEX_COLOR.test(tier.color)) add('color', '颜色须为 #RRGGBB');
  if (!isNonNegativeInteger(tier.threshold)) add('threshold', '升级门槛须为非负整数');
  if (!isNonNegativeInteger(tier.keepThreshold)) add('keepThreshold', '保级门槛须为非负整数');
  else if (tier.keepThreshold > tier.threshold) add('keepThreshold', '保级门槛不能高于升级门槛');
  if (!Number.isInteger(tier.multiplierPermille) || tier.multiplierPermille < 1000 || tier.multiplierPermille > MAX_MULTIPLIER_PERMILLE) {
    add('multiplierPermille', `积分倍率须为1000–${MAX_MULTIPLIER_PERMILLE}‰的整数`);
  }
  if (tier.benefits.length > MAX_BENEFITS) add('benefits', `权益最多${MAX_BENEFITS}条`);
  if (tier.benefits.some((benefit) => benefit.trim() === '')) add('benefits', '权益不能为空');
  return problems;
}

/** The ladder's problems by field: each tier's own, then the order and uniqueness of all of them. */
export function tiersProblems(tiers: TierDef[]): FieldProblem[] {
  if (tiers.length === 0) return [{ field: 'tiers', message: '至少需要一个会员等级' }];
  const problems = tiers.flatMap((tier, index) => tierProblems(tier, index));
  if (tiers[0].threshold !== 0) problems.push({ field: 'tiers.0.threshold', message: '最低等级的升级门槛须为0' });
  if (tiers[0].keepThreshold !== 0) problems.push({ field: 'tiers.0.keepThreshold', message: '最低等级的保级门槛须为0' });
  for (let i = 1; i < tiers.length; i += 1) {
    // Equal thresholds would make "the tier for this growth" ambiguous.
    if (tiers[i].threshold <= tiers[i - 1].threshold) {
      problems.push({ field: `tiers.${i}.threshold`, message: `等级须按升级门槛从低到高排列且门槛不能相同（${tiers[i - 1].id} → ${tiers[i].id}）` });
    }
  }
  const seen = new Set<string>();
  tiers.forEach((tier, index) => {
    if (seen.has(tier.id)) problems.push({ field: `tiers.${index}.id`, message: `等级ID重复：${tier.id}` });
    seen.add(tier.id);
  });
  return problems;
}

/** Every problem found (empty when valid), so an admin form can show them all at once. */
export function validateBrandSettings(settings: BrandSettings): string[] {
  const problems: string[] = [];
  if (settings.brandName.trim() === '') problems.push('品牌名称不能为空');

  problems.push(...tiersProblems(settings.tiers).map((p) => p.message));

  if (!isNonNegativeInteger(settings.welcomePoints)) problems.push('入会礼积分须为非负整数');
  if (settings.privacyVersion.trim() === '' || settings.privacyVersion.length > 20) {
    problems.push('隐私政策版本须为1–20个字符');
  }
  if (!Number.isInteger(settings.memberCodeTtlSeconds) || settings.memberCodeTtlSeconds < 10 || settings.memberCodeTtlSeconds > 600) {
    problems.push('会员码有效期须为10–600秒');
  }
  if (
    !Number.isInteger(settings.growthWindowMonths) ||
    settings.growthWindowMonths < 1 ||
    settings.growthWindowMonths > MAX_GROWTH_WINDOW_MONTHS
  ) {
    problems.push(`成长值统计周期须为1–${MAX_GROWTH_WINDOW_MONTHS}个月`);
  }
  if (!Number.isSafeInteger(settings.clerkSaleLimitFen) || settings.clerkSaleLimitFen < 100) {
    problems.push('店员单笔上限须为不少于1元的整数（分）');
  }
  if (settings.welcomeCouponTemplateIds.length > 5) problems.push('入会礼券最多5张');
  if (!['restore-if-valid', 'restore-or-replace'].includes(settings.couponRefundPolicy)) problems.push('退券规则无效');
  problems.push(...validateCareSettings(settings.care));
  problems.push(...messageSettingsProblems(settings.messages).map((p) => `messages.${p.field}: ${p.message}`));
  if (!Number.isInteger(settings.pointsPerYuan) || settings.pointsPerYuan < 1 || settings.pointsPerYuan > MAX_POINTS_PER_YUAN) problems.push(`pointsPerYuan: 每元积分须为1–${MAX_POINTS_PER_YUAN}的整数`);
  if (!Number.isInteger(settings.pointsExpiryYears) || settings.pointsExpiryYears < 0 || settings.pointsExpiryYears > MAX_EXPIRY_YEARS) problems.push(`pointsExpiryYears: 积分有效期须为0–${MAX_EXPIRY_YEARS}年`);
  if (!Number.isInteger(settings.referralRewardPoints) || settings.referralRewardPoints < 0 || settings.referralRewardPoints > 100_000) problems.push('referralRewardPoints: 邀请奖励积分应为0到100000之间的整数');
  return problems;
}

export function toTierView(tier: TierDef): TierView {
  return {
    id: tier.id,
    name: tier.name,
    color: tier.color,
    multiplierPermille: tier.multiplierPermille,
    benefits: [...tier.benefits],
  };
}
