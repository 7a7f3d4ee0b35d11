import { couponWindow, issueRule } from '../shared/rules/coupons';
import { db, _, type Stored } from './cloud';
import { grantedMonth } from './coupons';
import { C, type CouponDoc, type CouponSource, type CouponTemplateDoc } from './documents';
import { AppError, isDuplicateKey } from './errors';
import { getById } from './queries';

/**
 * Giving coupons without over-giving, under any concurrency.
 *
 * Stock is a counter on the template taken by a conditional update (`remaining > 0`, and only while the
 * template is active), so it never goes below zero and a hot template needs no transaction. A coupon is
 * born 'pending' holding its grant key (why it exists: once) and its member slot (the member's n-th
 * taking of the template: per-member limits), and takes its unit only then: a repeat or a member over
 * their limit is refused by the unique keys before any stock moves, so every unit taken is a coupon
 * given. No stock left: the pending coupon is deleted. A crash between taking the unit and activating
 * leaves a pending coupon that the daily job deletes; that unit is lost — stock can be undersold by a
 * crash, never oversold.
 */

export interface GrantRequest {
  template: Stored<CouponTemplateDoc>;
  memberId: string;
  grantKey: string;
  /** take:<template>:<member>:<n> for what a member takes; null for what a shop gives. */
  slotKey: string | null;
  source: CouponSource;
  by: string;
  reason: string;
  now: Date;
  pointsSpent?: number;
  /** The journey or campaign giving it: kept on the coupon for their figures. */
  origin?: { journeyId?: string; campaignId?: string };
}

export function newCoupon(request: GrantRequest, id: string, random: () => number = Math.random): Stored<CouponDoc> {
  const { template, now } = request;
  const window = couponWindow(template.validity, now);
  return {
    _id: id,
    grantKey: request.grantKey,
    slotKey: request.slotKey ?? `none:${id}`,
    templateId: template._id,
    templateName: template.name,
    memberId: request.memberId,
    rule: issueRule(template.rule, random),
    stackable: template.stackable,
    storeIds: [...template.storeIds],
    validFrom: window.validFrom,
    validUntil: window.validUntil,
    // Due for expiry only once it is given (activate sets it): a pending coupon is never visited.
    dueAt: null,
    status: 'pending',
    source: request.source,
    grantedMonth: grantedMonth(now),
    grantedAt: now,
    grantedBy: request.by,
    usedAt: null,
    usedPurchaseId: null,
    usedStoreId: null,
    discountFen: 0,
    usedSaleFen: 0,
    pointsSpent: request.pointsSpent ?? 0,
    history: [{ type: 'granted', at: now, by: request.by, reason: request.reason }],
    ...(request.origin?.journeyId ? { journeyId: request.origin.journeyId } : {}),
    ...(request.origin?.campaignId ? { campaignId: request.origin.campaignId } : {}),
  };
}

/** A coupon as given: unused, and due to expire at its end. */
export function given(coupon: Stored<CouponDoc>): Stored<CouponDoc> {
  return { ...coupon, status: 'unused', dueAt: coupon.validUntil };
}

/** A template's stock kind, which never changes once published (stock can grow, not appear or vanish). */
type Stock = Pick<Stored<CouponTemplateDoc>, '_id' | 'limits'>;

/** Takes one unit of the template's stock while it is active; false when there is none (or it is not active). */
export async function takeUnit(template: Stock): Promise<boolean> {
  const templates = db.collection<CouponTemplateDoc>(C.couponTemplates);
  const where = template.limits.totalStock === null ? { _id: template._id, status: 'active' } : { _id: template._id, status: 'active', remaining: _.gt(0) };
  const change = template.limits.totalStock === null ? { issued: _.inc(1) } : { remaining: _.inc(-1), issued: _.inc(1) };
  return (await templates.where(where).update({ data: change })).stats.updated === 1;
}

export async function giveUnitBack(template: Stock): Promise<void> {
  const change = template.limits.totalStock === null ? { issued: _.inc(-1) } : { remaining: _.inc(1), issued: _.inc(-1) };
  await db.collection<CouponTemplateDoc>(C.couponTemplates).doc(template._id).update({ data: change });
}

/** Why a template gave nothing: out of stock, or not active any more (read fresh, only on this path). */
export async function noUnitReason(templateId: string): Promise<AppError> {
  const template = await getById<CouponTemplateDoc>(C.couponTemplates, templateId);
  if (!template) return new AppError('TEMPLATE_NOT_FOUND');
  return new AppError(template.status === 'active' ? 'OUT_OF_STOCK' : 'TEMPLATE_NOT_ACTIVE');
}

/**
 * The coupon an earlier request under this grant key made, once it has settled: a double tap may find
 * the first still pending, and the first may yet find no stock and delete it ('gone').
 */
async function settledFirst(grantKey: string): Promise<Stored<CouponDoc> | 'none' | 'gone'> {
  const coupons = db.collection<CouponDoc>(C.coupons);
  for (let attempt = 0; attempt < 20; attempt++) {
    const { data } = await coupons.where({ grantKey }).limit(1).get();
    if (!data[0]) return attempt === 0 ? 'none' : 'gone';
    if (data[0].status !== 'pending') return data[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new AppError('BUSY');
}

export type GrantOutcome = { coupon: Stored<CouponDoc>; created: boolean } | { slotTaken: true };

/**
 * Grants one coupon (claims, a manager's 补发): exactly once per grant key. A repeat answers the coupon
 * the first made; a member slot another request took first answers { slotTaken } (recount and retry).
 */
export async function grantCoupon(request: GrantRequest, id: string, random?: () => number): Promise<GrantOutcome> {
  const coupons = db.collection<CouponDoc>(C.coupons);
  const coupon = newCoupon(request, id, random);
  try {
    await coupons.add({ data: coupon });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const first = await settledFirst(request.grantKey);
    if (first === 'none') return { slotTaken: true };
    if (first === 'gone') throw await noUnitReason(request.template._id);
    return { coupon: first, created: false };
  }
  if (!(await takeUnit(request.template))) {
    await coupons.doc(id).remove();
    throw await noUnitReason(request.template._id);
  }
  await coupons.doc(id).update({ data: { status: 'unused', dueAt: coupon.validUntil } });
  return { coupon: given(coupon), created: true };
}
