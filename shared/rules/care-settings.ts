import type { TaskCause } from '../contracts/care-views';

/**
 * Task causes the care jobs create by themselves, each with an on/off toggle in `causes`. Manual tasks
 * are made by staff; the post-purchase ones (thanks/recommend/revisit) by the after-purchase journey,
 * whose own steps and status say whether and when (shared/rules/journeys.ts); journey and campaign
 * tasks by their journey or campaign.
 */
export type CareJobCause = Extract<TaskCause, 'birthday' | 'dormant' | 'churn' | 'coupon_expiring'>;
export const CARE_JOB_CAUSES: readonly CareJobCause[] = ['birthday', 'dormant', 'churn', 'coupon_expiring'];

/**
 * The brand's customer-care rules (settings/brand `care`): which follow-up tasks are made and when,
 * the segment thresholds, the score inputs and the scripts (话术) tasks suggest. Days are whole
 * Shanghai days.
 */
export interface CareSettings {
  /** Which care-job causes make tasks. */
  causes: Record<CareJobCause, boolean>;
  /** The birthday task is due this many days before the birthday. */
  birthdayDaysBefore: number;
  /** Without a purchase this long a member is dormant (segment 沉睡, and the dormant task). */
  dormantDays: number;
  /** An unused coupon this many days before it expires makes a task. */
  couponExpiringDays: number;
  /** An open task this many days past due expires on its own. */
  taskExpireAfterDays: number;
  /** 新客户: joined, or first purchase, within this many days. */
  newCustomerDays: number;
  /** 活跃: at least `activeMinPurchases` purchases within `activeWindowDays`. */
  activeWindowDays: number;
  activeMinPurchases: number;
  /** VIP: the top tier, or r + f + m at least this (15 = 5-5-5). */
  vipRfmTotal: number;
  /** A store with fewer scored members than this is ranked with the whole brand. */
  rfmMinStoreMembers: number;
  /** 高客单: average ticket in the store's top this-many percent. */
  highTicketTopPercent: number;
  /** 常购:<品类>: at least this many purchases in the category. */
  frequentCategoryMin: number;
  /** 价格敏感: at least this percent of purchases used a coupon (and at least two purchases). */
  priceSensitivePercent: number;
  /** Script templates by cause; placeholders {姓名} {等级} {最近品类} {优惠券} {门店}. */
  scripts: Record<TaskCause, string>;
}

export const SCRIPT_PLACEHOLDERS = ['{姓名}', '{等级}', '{最近品类}', '{优惠券}', '{门店}'] as const;

export const DEFAULT_CARE_SETTINGS: CareSettings = {
  causes: { birthday: true, dormant: true, churn: true, coupon_expiring: true },
  birthdayDaysBefore: 3,
  dormantDays: 90,
  couponExpiringDays: 3,
  taskExpireAfterDays: 7,
  newCustomerDays: 30,
  activeWindowDays: 90,
  activeMinPurchases: 2,
  vipRfmTotal: 15,
  rfmMinStoreMembers: 20,
  highTicketTopPercent: 20,
  frequentCategoryMin: 3,
  priceSensitivePercent: 50,
  scripts: {
    thanks: '{姓名}您好，我是{门店}的导购。感谢您昨天的光临，{最近品类}穿着还合适吗？有任何问题随时找我。',
    recommend: '{姓名}您好，上次您选的{最近品类}很受欢迎，这周到了几款搭配的新品，方便的话给您发几张图看看？',
    revisit: '{姓名}您好，好久不见！作为{等级}会员，店里新到的{最近品类}想第一时间告诉您，欢迎来店里看看。',
    birthday: '{姓名}您好，您的生日快到了，提前祝您生日快乐！{等级}会员生日当月到店有专属礼遇。',
    dormant: '{姓名}您好，好久没见您来店里了，最近上了不少新款，{优惠券}，欢迎回来看看。',
    churn: '{姓名}您好，最近还好吗？店里到了{最近品类}新品，给您留意了几款，有空来试试？',
    coupon_expiring: '{姓名}您好，提醒您：您的「{优惠券}」快到期了，别浪费哦，欢迎来店使用。',
    manual: '{姓名}您好，',
    journey: '{姓名}您好，',
    campaign: '{姓名}您好，门店给您发了一张「{优惠券}」，已放入您的会员卡券包，欢迎来店使用。',
  },
};

const DAY_LIMITS: Array<[keyof CareSettings, number, number, string]> = [
  ['birthdayDaysBefore', 0, 30, '生日提前天数'],
  ['dormantDays', 30, 730, '沉睡天数'],
  ['couponExpiringDays', 1, 30, '券到期提醒天数'],
  ['taskExpireAfterDays', 1, 60, '待办过期天数'],
  ['newCustomerDays', 1, 365, '新客户天数'],
  ['activeWindowDays', 7, 365, '活跃统计天数'],
  ['activeMinPurchases', 1, 50, '活跃最少消费次数'],
  ['vipRfmTotal', 3, 15, 'VIP的RFM总分'],
  ['rfmMinStoreMembers', 5, 10_000, 'RFM门店最少人数'],
  ['highTicketTopPercent', 1, 100, '高客单比例'],
  ['frequentCategoryMin', 1, 100, '常购品类次数'],
  ['priceSensitivePercent', 1, 100, '价格敏感比例'],
];

/** Every problem with the care settings, in Chinese (empty when valid). */
export function validateCareSettings(care: CareSettings): string[] {
  const problems: string[] = [];
  for (const [key, min, max, label] of DAY_LIMITS) {
    const value = care[key] as number;
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${label}须为${min}–${max}的整数`);
  }
  for (const [cause, text] of Object.entries(care.scripts)) {
    if (text.trim() === '' || text.length > 200) problems.push(`话术（${cause}）须为1–200个字`);
  }
  return problems;
}

/** Stored care settings (each field optional) over the defaults; scripts and causes merge key by key. */
export function mergeCareSettings(stored: Partial<Omit<CareSettings, 'causes' | 'scripts'>> & { causes?: Partial<CareSettings['causes']>; scripts?: Partial<CareSettings['scripts']> } | undefined): CareSettings {
  const { causes, scripts, ...rest } = stored ?? {};
  return {
    ...DEFAULT_CARE_SETTINGS,
    ...rest,
    causes: { ...DEFAULT_CARE_SETTINGS.causes, ...causes },
    scripts: { ...DEFAULT_CARE_SETTINGS.scripts, ...scripts },
  };
}
