import type { InteractionKind, InteractionOutcome, TaskBucket, TaskCause } from '../contracts/care-views';
import { addDaysToDayKey, shanghaiDayKey, startOfShanghaiDay, startOfShanghaiDayKey } from '../time/shanghai';

/** What a task, a call or its result is called on screen. */
export const TASK_CAUSE_TITLES: Record<TaskCause, string> = {
  thanks: '购后感谢',
  recommend: '购后推荐',
  revisit: '购后回访',
  birthday: '生日关怀',
  dormant: '沉睡唤醒',
  churn: '流失预警',
  coupon_expiring: '券即将到期',
  manual: '手动待办',
  journey: '旅程待办',
  campaign: '活动通知',
};

export const INTERACTION_KIND_LABELS: Record<InteractionKind, string> = {
  call: '电话',
  wechat: '微信',
  visit: '到店',
  complaint: '投诉',
};

export const INTERACTION_OUTCOME_LABELS: Record<InteractionOutcome, string> = {
  reached: '已联系',
  no_answer: '未接通',
  interested: '有意向',
  not_interested: '无意向',
  resolved: '已解决',
  follow_up: '需跟进',
};

export interface ScriptContext {
  name: string;
  tierName: string;
  lastCategory: string | null;
  couponName: string | null;
  storeName: string;
}

/**
 * Placeholders whose fallback would read badly in a common phrasing, replaced as a whole first:
 * 「{优惠券}」 without a coupon becomes plain 优惠券 (您的优惠券快到期了), and {最近品类}新品 without a
 * category becomes 新品 rather than 新品新品.
 */
const PHRASES_WITHOUT_COUPON: Array<[string, string]> = [['「{优惠券}」', '优惠券']];
const PHRASES_WITHOUT_CATEGORY: Array<[string, string]> = [['{最近品类}新品', '新品']];

const PLACEHOLDER = /\{(姓名|等级|最近品类|优惠券|门店)\}/g;

/**
 * Fills a script's placeholders for one customer. Missing facts fall back to words that keep the
 * sentence natural: no name → 顾客 (顾客您好), no tier → nothing (作为会员), no category → 新品, no
 * coupon → 店里也为您准备了专属优惠, no store name → 本店. Unknown placeholders stay as written, so a
 * typo shows up in the text instead of silently vanishing.
 */
export function renderScript(template: string, context: ScriptContext): string {
  let text = template;
  if (context.couponName === null || context.couponName.trim() === '') {
    for (const [from, to] of PHRASES_WITHOUT_COUPON) text = text.split(from).join(to);
  }
  if (context.lastCategory === null || context.lastCategory.trim() === '') {
    for (const [from, to] of PHRASES_WITHOUT_CATEGORY) text = text.split(from).join(to);
  }
  const values: Record<string, string> = {
    姓名: context.name.trim() || '顾客',
    等级: context.tierName.trim(),
    最近品类: context.lastCategory?.trim() || '新品',
    优惠券: context.couponName?.trim() || '店里也为您准备了专属优惠',
    门店: context.storeName.trim() || '本店',
  };
  // One pass with a function: values are never re-read as placeholders or as `$` patterns.
  return text.replace(PLACEHOLDER, (_, key: string) => values[key]);
}

/** Where a task stands by Shanghai day: due before today, today, or later. */
export function taskBucket(dueAt: Date, now: Date): TaskBucket {
  const due = shanghaiDayKey(dueAt);
  const today = shanghaiDayKey(now);
  return due < today ? 'overdue' : due === today ? 'today' : 'upcoming';
}

/** Today in Shanghai as [start, end): 00:00 today and 00:00 tomorrow. */
export function shanghaiDayRange(now: Date): { start: Date; end: Date } {
  return { start: startOfShanghaiDay(now), end: startOfShanghaiDayKey(addDaysToDayKey(shanghaiDayKey(now), 1)) };
}
