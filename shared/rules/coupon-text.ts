import { formatShanghaiDateTime, formatShanghaiLastDay } from '../format/datetime';
import type { CouponRule, NotApplicable, StackProblem, TemplateRule } from './coupons';

/** How a coupon's rule and its reasons read to a shopper and a clerk (one place for both sides). */

/** '¥50' for whole yuan, '¥12.50' otherwise: coupon faces read better without '.00'. */
export function yuanText(fen: number): string {
  const yuan = fen / 100;
  return Number.isInteger(yuan) ? `¥${yuan}` : `¥${yuan.toFixed(2)}`;
}

/** 88 → '8.8折', 80 → '8折', 5 → '0.5折'. */
export function rateText(rate: number): string {
  return `${Number.isInteger(rate / 10) ? rate / 10 : (rate / 10).toFixed(1)}折`;
}

function threshold(fen: number): string {
  return fen > 0 ? `满${yuanText(fen).slice(1)}元` : '无门槛';
}

/** The headline: '满300元减¥50', '8.8折 · 最高减¥20', '兑换 帆布袋', '随机减¥5–¥20'. */
export function ruleTitle(rule: CouponRule | TemplateRule): string {
  switch (rule.kind) {
    case 'cash':
      return `${threshold(rule.thresholdFen)}减${yuanText(rule.amountOffFen)}`;
    case 'discount':
      return `${rateText(rule.rate)}${rule.capFen !== null ? ` · 最高减${yuanText(rule.capFen)}` : ''}`;
    case 'gift':
      return `兑换 ${rule.giftName}`;
    case 'random':
      return `随机减${yuanText(rule.minOffFen)}–${yuanText(rule.maxOffFen)}`;
  }
}

/** The condition under the headline: '满300元可用' / '无门槛'. */
export function conditionText(rule: CouponRule | TemplateRule): string {
  return rule.thresholdFen > 0 ? `${threshold(rule.thresholdFen)}可用` : '无门槛使用';
}

export function validityText(validFrom: Date | string, validUntil: Date | string, now: Date): string {
  const from = new Date(validFrom);
  const lastDay = formatShanghaiLastDay(validUntil);
  return from.getTime() > now.getTime() ? `${formatShanghaiDateTime(from)} 起可用，至 ${lastDay}` : `有效期至 ${lastDay}`;
}

export function notApplicableText(reason: NotApplicable): string {
  switch (reason.code) {
    case 'NOT_OWNER':
      return '这张券不属于该顾客';
    case 'NOT_USABLE':
      return reason.status === 'used' ? '这张券已使用' : reason.status === 'expired' ? '这张券已过期' : '这张券已作废';
    case 'NOT_YET_VALID':
      return `${formatShanghaiDateTime(reason.validFrom)} 起可用`;
    case 'EXPIRED':
      return '这张券已过期';
    case 'STORE':
      return '本门店不可用';
    case 'BELOW_THRESHOLD':
      return `还差${yuanText(reason.missingFen)}可用`;
  }
}

export function stackProblemText(problem: StackProblem): string {
  switch (problem.code) {
    case 'TWO_MONEY_OFF':
      return '每笔消费只能使用一张抵扣券';
    case 'TWO_GIFTS':
      return '每笔消费只能使用一张兑换券';
    case 'SAME_COUPON':
      return '同一张券不能重复使用';
  }
}
