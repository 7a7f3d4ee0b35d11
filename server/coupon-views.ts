import type { CouponOfferView, CouponTemplateView, CouponView } from '../shared/contracts/views';
import type { Stored } from './cloud';
import type { CouponDoc, CouponTemplateDoc } from './documents';

/** Coupon documents → the views pages render; store ids become names from the cached directory. */

type StoreName = (id: string) => string;

export function couponView(coupon: Stored<CouponDoc>, storeName: StoreName, now: Date): CouponView {
  // Past its end but not yet swept by the daily job: it is expired all the same.
  const lapsed = coupon.status === 'unused' && coupon.validUntil.getTime() <= now.getTime();
  return {
    couponId: coupon._id,
    templateId: coupon.templateId,
    name: coupon.templateName,
    rule: coupon.rule,
    stackable: coupon.stackable,
    storeNames: coupon.storeIds.map(storeName),
    validFrom: coupon.validFrom.toISOString(),
    validUntil: coupon.validUntil.toISOString(),
    status: lapsed ? 'expired' : coupon.status === 'pending' ? 'unused' : coupon.status,
    usedAt: coupon.usedAt ? coupon.usedAt.toISOString() : null,
    discountFen: coupon.discountFen,
  };
}

export function offerView(template: Stored<CouponTemplateDoc>, storeName: StoreName, member: { unavailable: string | null; held: number }): CouponOfferView {
  return {
    templateId: template._id,
    name: template.name,
    description: template.description,
    rule: template.rule,
    validity: template.validity,
    storeNames: template.storeIds.map(storeName),
    pointsCost: template.pointsCost,
    remaining: template.remaining,
    unavailable: member.unavailable,
    held: member.held,
  };
}

export function templateView(template: Stored<CouponTemplateDoc>, storeName: StoreName, editable: boolean): CouponTemplateView {
  return {
    ...offerView(template, storeName, { unavailable: null, held: 0 }),
    status: template.status,
    tierIds: template.tierIds,
    storeIds: template.storeIds,
    limits: template.limits,
    stackable: template.stackable,
    claimable: template.claimable,
    issued: template.issued,
    ownerStoreId: template.ownerStoreId,
    editable,
  };
}
