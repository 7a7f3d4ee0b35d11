import { addDaysToDayKey, shanghaiDayKey, startOfShanghaiDayKey } from '../time/shanghai';

/**
 * Coupons as pure rules: what a template (designed by a manager) says, what a coupon (one instance held
 * by one member) is worth on a given sale, and why it does not apply. Money is integer fen throughout.
 *
 * Rounding: a 折扣 coupon takes floor(amount × (100 − rate) / 100) fen off, so the shopper pays the
 * rest — a whole number of fen, rounded in the shop's favour by less than one fen; a cap limits it.
 * No discount ever exceeds what is still payable.
 */

/** 满减 (amount off above a threshold), 折扣 (rate, e.g. 88 = 8.8折), 兑换 (a gift), 随机金额 (drawn once at grant). */
export type CouponKind = 'cash' | 'discount' | 'gift' | 'random';

export type TemplateRule =
  | { kind: 'cash'; thresholdFen: number; amountOffFen: number }
  | { kind: 'discount'; thresholdFen: number; rate: number; capFen: number | null }
  | { kind: 'gift'; thresholdFen: number; giftName: string }
  | { kind: 'random'; thresholdFen: number; minOffFen: number; maxOffFen: number };

/** What a coupon holds: a random template's amount is fixed when the coupon is granted. */
export type CouponRule =
  | { kind: 'cash'; thresholdFen: number; amountOffFen: number; drawn?: boolean }
  | { kind: 'discount'; thresholdFen: number; rate: number; capFen: number | null }
  | { kind: 'gift'; thresholdFen: number; giftName: string };

/** Fixed dates (Shanghai days, inclusive), N days from the grant day, or N days from the next day. */
export type Validity =
  | { type: 'fixed'; fromDay: string; untilDay: string }
  | { type: 'days'; days: number; startsNextDay: boolean };

export interface CouponWindow {
  validFrom: Date;
  /** Exclusive: the first instant it no longer works — midnight after the last day, Shanghai time. */
  validUntil: Date;
}

export function isMoneyOff(rule: Pick<CouponRule, 'kind'>): boolean {
  return rule.kind !== 'gift';
}

/** The template's rule as a coupon holds it; `random()` in [0, 1) draws a random amount (whole yuan when both ends are). */
export function issueRule(rule: TemplateRule, random: () => number): CouponRule {
  if (rule.kind !== 'random') return { ...rule };
  const step = rule.minOffFen % 100 === 0 && rule.maxOffFen % 100 === 0 ? 100 : 1;
  const steps = Math.floor((rule.maxOffFen - rule.minOffFen) / step);
  const amountOffFen = rule.minOffFen + step * Math.min(steps, Math.floor(random() * (steps + 1)));
  return { kind: 'cash', thresholdFen: rule.thresholdFen, amountOffFen, drawn: true };
}

/** When a coupon granted at `grantedAt` can be used. */
export function couponWindow(validity: Validity, grantedAt: Date): CouponWindow {
  if (validity.type === 'fixed') {
    return { validFrom: startOfShanghaiDayKey(dayKey(validity.fromDay)), validUntil: startOfShanghaiDayKey(addDaysToDayKey(dayKey(validity.untilDay), 1)) };
  }
  const today = shanghaiDayKey(grantedAt);
  if (!validity.startsNextDay) return { validFrom: new Date(grantedAt.getTime()), validUntil: startOfShanghaiDayKey(addDaysToDayKey(today, validity.days)) };
  return { validFrom: startOfShanghaiDayKey(addDaysToDayKey(today, 1)), validUntil: startOfShanghaiDayKey(addDaysToDayKey(today, validity.days + 1)) };
}

function dayKey(isoDay: string): string {
  return isoDay.replace(/-/g, '');
}

/** Fen off `payableFen` (what is still to pay) for a sale of `amountFen`; 0 below the threshold and for gifts. */
export function discountFor(rule: CouponRule, amountFen: number, payableFen = amountFen): number {
  if (amountFen < rule.thresholdFen) return 0;
  let off = 0;
  if (rule.kind === 'cash') off = rule.amountOffFen;
  if (rule.kind === 'discount') {
    const raw = Math.floor((payableFen * (100 - rule.rate)) / 100);
    off = rule.capFen === null ? raw : Math.min(raw, rule.capFen);
  }
  return Math.max(0, Math.min(off, payableFen));
}

/** Why a coupon cannot be used on this sale; each has the Chinese a clerk reads. */
export type NotApplicable =
  | { code: 'NOT_OWNER' }
  | { code: 'NOT_USABLE'; status: CouponStatus }
  | { code: 'NOT_YET_VALID'; validFrom: Date }
  | { code: 'EXPIRED' }
  | { code: 'STORE' }
  | { code: 'BELOW_THRESHOLD'; missingFen: number };

export type CouponStatus = 'unused' | 'used' | 'expired' | 'revoked';

export interface CouponFacts {
  memberId: string;
  status: CouponStatus;
  rule: CouponRule;
  validFrom: Date;
  validUntil: Date;
  /** Empty: every store. */
  storeIds: string[];
  stackable: boolean;
}

export interface SaleFacts {
  memberId: string;
  storeId: string;
  amountFen: number;
  now: Date;
}

export function whyNotApplicable(coupon: CouponFacts, sale: SaleFacts): NotApplicable | null {
  if (coupon.memberId !== sale.memberId) return { code: 'NOT_OWNER' };
  if (coupon.status !== 'unused') return { code: 'NOT_USABLE', status: coupon.status };
  if (sale.now.getTime() < coupon.validFrom.getTime()) return { code: 'NOT_YET_VALID', validFrom: coupon.validFrom };
  if (sale.now.getTime() >= coupon.validUntil.getTime()) return { code: 'EXPIRED' };
  if (coupon.storeIds.length && !coupon.storeIds.includes(sale.storeId)) return { code: 'STORE' };
  if (sale.amountFen < coupon.rule.thresholdFen) return { code: 'BELOW_THRESHOLD', missingFen: coupon.rule.thresholdFen - sale.amountFen };
  return null;
}

/** Why two or more coupons cannot go on one sale together, or null. */
export type StackProblem = { code: 'TWO_MONEY_OFF' } | { code: 'TWO_GIFTS' } | { code: 'SAME_COUPON' };

/**
 * One money-off coupon per sale, and one gift beside it; more of a kind only when every coupon of that
 * kind on the sale says it stacks.
 */
export function stackProblem(coupons: Array<Pick<CouponFacts, 'rule' | 'stackable'> & { id: string }>): StackProblem | null {
  if (new Set(coupons.map((c) => c.id)).size !== coupons.length) return { code: 'SAME_COUPON' };
  const moneyOff = coupons.filter((c) => isMoneyOff(c.rule));
  const gifts = coupons.filter((c) => !isMoneyOff(c.rule));
  if (moneyOff.length > 1 && !moneyOff.every((c) => c.stackable)) return { code: 'TWO_MONEY_OFF' };
  if (gifts.length > 1 && !gifts.every((c) => c.stackable)) return { code: 'TWO_GIFTS' };
  return null;
}

export interface AppliedCoupon {
  id: string;
  discountFen: number;
}

/**
 * The sale with its coupons: amounts off in order (amounts first, then rates, so a rate applies to
 * what is left), never below zero payable. Points and growth are earned on `paidFen`.
 */
export function applyCoupons(amountFen: number, coupons: Array<{ id: string; rule: CouponRule }>): { paidFen: number; discountFen: number; applied: AppliedCoupon[] } {
  const order = (rule: CouponRule) => (rule.kind === 'cash' ? 0 : rule.kind === 'discount' ? 1 : 2);
  const sorted = [...coupons].sort((a, b) => order(a.rule) - order(b.rule));
  let payable = amountFen;
  const applied: AppliedCoupon[] = [];
  for (const coupon of sorted) {
    const off = discountFor(coupon.rule, amountFen, payable);
    payable -= off;
    applied.push({ id: coupon.id, discountFen: off });
  }
  return { paidFen: payable, discountFen: amountFen - payable, applied };
}

/** Usable coupons for a sale, best first: the most off, then the one that runs out soonest. */
export function bestFirst<T extends CouponFacts & { id: string }>(coupons: T[], sale: SaleFacts): Array<T & { discountFen: number }> {
  return coupons
    .filter((c) => whyNotApplicable(c, sale) === null)
    .map((c) => ({ ...c, discountFen: discountFor(c.rule, sale.amountFen) }))
    .sort((a, b) => b.discountFen - a.discountFen || a.validUntil.getTime() - b.validUntil.getTime() || (a.id < b.id ? -1 : 1));
}
