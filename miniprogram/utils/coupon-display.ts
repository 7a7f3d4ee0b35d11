import type { CouponOfferView, CouponView } from '../shared/contracts/views';
import type { CouponRule, TemplateRule, Validity } from '../shared/rules/coupons';
import { conditionText, rateText, ruleTitle, validityText, yuanText } from '../shared/rules/coupon-text';
import { formatShanghaiDate } from '../shared/format/datetime';

/** What a coupon card shows, for a coupon held or a template offered. Pure: pages only render it. */
export interface CouponDisplay {
  id: string;
  name: string;
  /** The big figure on the left: '¥50', '8.8折', '礼'. */
  value: string;
  /** Under the figure: '满300元可用' or '无门槛使用'. */
  condition: string;
  /** The rule in words: '满300元减¥50'. */
  title: string;
  validity: string;
  stores: string;
  kind: 'cash' | 'discount' | 'gift';
}

function faceValue(rule: CouponRule | TemplateRule): { value: string; kind: CouponDisplay['kind'] } {
  if (rule.kind === 'cash') return { value: yuanText(rule.amountOffFen), kind: 'cash' };
  if (rule.kind === 'random') return { value: `${yuanText(rule.maxOffFen)}内`, kind: 'cash' };
  if (rule.kind === 'discount') return { value: rateText(rule.rate), kind: 'discount' };
  return { value: '礼', kind: 'gift' };
}

function storesText(names: string[]): string {
  return names.length ? `限 ${names.join('、')} 使用` : '全部门店可用';
}

export function couponDisplay(coupon: CouponView, now: Date): CouponDisplay {
  const statusNote =
    coupon.status === 'used' && coupon.usedAt
      ? `${formatShanghaiDate(coupon.usedAt)} 已使用${coupon.discountFen ? `，省${yuanText(coupon.discountFen)}` : ''}`
      : coupon.status === 'expired'
        ? `已于 ${formatShanghaiDate(new Date(Date.parse(coupon.validUntil) - 1))} 过期`
        : validityText(coupon.validFrom, coupon.validUntil, now);
  return {
    id: coupon.couponId,
    name: coupon.name,
    ...faceValue(coupon.rule),
    condition: conditionText(coupon.rule),
    title: ruleTitle(coupon.rule),
    validity: statusNote,
    stores: storesText(coupon.storeNames),
  };
}

function validityRule(validity: Validity): string {
  if (validity.type === 'fixed') return `${validity.fromDay} 至 ${validity.untilDay} 有效`;
  return validity.startsNextDay ? `领取次日起 ${validity.days} 天有效` : `领取后 ${validity.days} 天内有效`;
}

export function offerDisplay(offer: CouponOfferView): CouponDisplay {
  return {
    id: offer.templateId,
    name: offer.name,
    ...faceValue(offer.rule),
    condition: conditionText(offer.rule),
    title: offer.description || ruleTitle(offer.rule),
    validity: validityRule(offer.validity),
    stores: storesText(offer.storeNames),
  };
}

/** An offer (claim centre, points exchange) as its row shows it. */
export interface OfferRow {
  coupon: CouponDisplay;
  templateId: string;
  /** Why it cannot be taken now, or ''. */
  note: string;
  held: number;
  left: string;
}

export function offerRow(offer: CouponOfferView): OfferRow {
  return {
    coupon: offerDisplay(offer),
    templateId: offer.templateId,
    note: offer.unavailable ?? '',
    held: offer.held,
    left: offer.remaining === null ? '' : `剩余 ${offer.remaining} 张`,
  };
}
