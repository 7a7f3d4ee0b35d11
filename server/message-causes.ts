import type { TierDef } from '../shared/rules/brand-settings';
import { ruleTitle } from '../shared/rules/coupon-text';
import type { MessageCause } from './outbox';
import type { CouponDoc, MessageDoc } from './documents';
import type { Stored } from './cloud';

/**
 * The messages the product's own events cause, keyed so each cause makes one: a sale's points and its
 * upgrade by the purchase, a coupon's arrival and its expiry reminder by the coupon. Wording is
 * transactional: what happened, to what, until when.
 */

/** The last moment a coupon is valid is the end of its last day: the day shown is the one before validUntil's midnight. */
function lastValidDay(validUntil: Date): Date {
  return new Date(validUntil.getTime() - 1);
}

export function pointsChanged(key: string, change: { points: number; balance: number; reason: string; at: Date }): MessageCause {
  return {
    key: `points:${key}`,
    template: 'points_changed',
    values: { thing1: change.reason, character_string2: change.points > 0 ? `+${change.points}` : String(change.points), number3: change.balance, time4: change.at },
    marketing: false,
  };
}

export function tierUpgraded(key: string, tier: TierDef, at: Date): MessageCause {
  return {
    key: `tier:${key}`,
    template: 'tier_upgraded',
    values: { thing1: tier.name, thing2: tier.benefits[0] ?? '会员专属权益', time3: at },
    marketing: false,
  };
}

/** A coupon a shop gave (a journey, a campaign, a birthday): marketing, so the cap applies. */
export function couponArrived(coupon: Stored<CouponDoc>, note: string, origin: { journeyId?: string; campaignId?: string; fallback?: MessageDoc['fallback'] }): MessageCause {
  return {
    key: `coupon:${coupon._id}`,
    template: 'coupon_arrived',
    values: { thing1: coupon.templateName, thing2: ruleTitle(coupon.rule), date3: lastValidDay(coupon.validUntil), thing4: note || '优惠券已放入您的卡包' },
    marketing: true,
    fallback: origin.fallback ?? null,
    journeyId: origin.journeyId,
    campaignId: origin.campaignId,
  };
}

/** The reminder before an unused coupon runs out: it is about the shopper's own coupon, not an offer. */
export function couponExpiring(coupon: Stored<CouponDoc>): MessageCause {
  return {
    key: `coupon-expiring:${coupon._id}`,
    template: 'coupon_expiring',
    values: { thing1: coupon.templateName, date2: lastValidDay(coupon.validUntil), thing3: '您的优惠券即将到期，请及时使用' },
    marketing: false,
  };
}

/** A journey's own message: the admin's text in the template's free-text keyword. */
export function journeyMessage(key: string, template: MessageCause['template'], text: string, storeName: string, at: Date, origin: { journeyId: string; fallback: MessageDoc['fallback'] }): MessageCause {
  const values: Record<MessageCause['template'], MessageCause['values']> = {
    store_notice: { thing1: text, thing2: storeName || '门店', time3: at },
    points_changed: { thing1: text, character_string2: '0', number3: 0, time4: at },
    coupon_arrived: { thing1: text, thing2: '详见卡包', date3: at, thing4: storeName || '门店' },
    coupon_expiring: { thing1: text, date2: at, thing3: '请及时使用' },
    tier_upgraded: { thing1: text, thing2: '会员专属权益', time3: at },
  };
  return { key, template, values: values[template], marketing: true, journeyId: origin.journeyId, fallback: origin.fallback };
}
