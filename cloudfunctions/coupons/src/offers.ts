import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CouponsContract } from '../../../shared/contracts/coupons';
import { ERROR_MESSAGES } from '../../../shared/contracts/errors';
import type { CouponOfferView, CouponView } from '../../../shared/contracts/views';
import { takeRefusal } from '../../../shared/rules/coupon-templates';
import { exchangeReason } from '../../../shared/rules/ledger-text';
import { applySpend } from '../../../shared/rules/member-state';
import { db, type Stored } from '../../../server/cloud';
import { given, giveUnitBack, grantCoupon, newCoupon, noUnitReason, takeUnit } from '../../../server/coupon-grant';
import { NO_TAKINGS, slotKey, takingsByTemplate, takingsOf, type Takings } from '../../../server/coupon-taking';
import { couponView, offerView } from '../../../server/coupon-views';
import { storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type CouponDoc, type CouponTemplateDoc, type LedgerDoc, type MemberDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { newId } from '../../../server/ids';
import { memberState, saveMember, withMemberState } from '../../../server/member-state';
import { getById, requireMember } from '../../../server/queries';
import { activeTemplates, publishedTemplate } from '../../../server/templates';
import { txnGet, withTransaction } from '../../../server/transaction';

type Member = Stored<MemberDoc>;

/** Without per-member limits there is no slot to count: the grant key alone makes each request once. */
function limitsMembers(template: Stored<CouponTemplateDoc>): boolean {
  return template.limits.perMember !== null || template.limits.perMemberMonthly !== null;
}

/**
 * The slot this taking would fill. One per member (the usual hot coupon) needs no count: it is slot 1,
 * and a member who has it already is refused by that slot's unique key (`single`).
 */
async function takingsFor(member: Member, template: Stored<CouponTemplateDoc>, now: Date, grantKey: string) {
  if (!limitsMembers(template)) return { takings: NO_TAKINGS, repeatId: null, slot: null, single: false };
  if (template.limits.perMember === 1 && template.limits.perMemberMonthly === null) {
    return { takings: NO_TAKINGS, repeatId: null, slot: slotKey(template._id, member._id, 1), single: true };
  }
  const found = await takingsOf(member._id, template._id, now, grantKey);
  return { ...found, slot: slotKey(template._id, member._id, found.takings.taken + 1), single: false };
}

/** Whether this member may take one more of the template now; status and stock are the live ones here. */
function refusalFor(template: Stored<CouponTemplateDoc>, member: Member, takings: Takings, now: Date) {
  return takeRefusal(template, { tierId: member.tierId, taken: takings.taken, takenThisMonth: takings.takenThisMonth, now });
}

async function offers(member: Member, templates: Stored<CouponTemplateDoc>[], now: Date): Promise<CouponOfferView[]> {
  const [takings, stores] = await Promise.all([takingsByTemplate(member._id, now), storeDirectory()]);
  return templates.map((template) => {
    const mine = takings.get(template._id) ?? NO_TAKINGS;
    const refusal = refusalFor(template, member, mine, now);
    return offerView(template, (id) => stores.get(id)?.name ?? '', { unavailable: refusal ? ERROR_MESSAGES[refusal] : null, held: mine.held });
  });
}

/** 领券中心: the active templates open to claiming, each with whether this member can take one. */
export async function claimCenter(_input: unknown, ctx: RequestContext): Promise<{ offers: CouponOfferView[] }> {
  const member = await requireMember(ctx.openid);
  return { offers: await offers(member, await activeTemplates({ claimable: true }), ctx.now) };
}

export async function exchangeList(_input: unknown, ctx: RequestContext): Promise<{ pointsBalance: number; offers: CouponOfferView[] }> {
  const member = await requireMember(ctx.openid);
  const exchangeable = (await activeTemplates({})).filter((t) => t.pointsCost !== null).sort((a, b) => a.pointsCost! - b.pointsCost!);
  return { pointsBalance: member.pointsBalance, offers: await offers(member, exchangeable, ctx.now) };
}

/**
 * Claims one coupon. The terms come from the cached template (they never change once published); the
 * live status and stock are enforced by the unit taken (coupon-grant.ts); the member's limits by the
 * slot key — their n-th taking — so concurrent claims can neither oversell nor go over a limit.
 */
export async function claim(input: ParsedInputOf<CouponsContract, 'claim'>, ctx: RequestContext): Promise<{ coupon: CouponView }> {
  const member = await requireMember(ctx.openid);
  const template = await publishedTemplate(input.templateId);
  if (!template.claimable) throw new AppError('TEMPLATE_NOT_FOUND');
  const stores = await storeDirectory();
  const grantKey = `claim:${member._id}:${input.requestId}`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { takings, repeatId, slot, single } = await takingsFor(member, template, ctx.now, grantKey);
    const repeat = repeatId ? await getById<CouponDoc>(C.coupons, repeatId) : null;
    if (repeat && repeat.status !== 'pending') return { coupon: couponView(repeat, (id) => stores.get(id)?.name ?? '', ctx.now) };
    // The cached copy's status and stock may be stale: only the unit taken decides those.
    const refusal = refusalFor({ ...template, status: 'active', remaining: null }, member, takings, ctx.now);
    if (refusal) throw new AppError(refusal);
    const outcome = await grantCoupon(
      { template, memberId: member._id, grantKey, slotKey: slot, source: 'claim', by: 'member', reason: '领券中心领取', now: ctx.now },
      newId(),
    );
    if ('slotTaken' in outcome) {
      if (single) throw new AppError('MEMBER_LIMIT');
      continue;
    }
    return { coupon: couponView(outcome.coupon, (id) => stores.get(id)?.name ?? '', ctx.now) };
  }
  throw new AppError('BUSY');
}

/**
 * Points → coupon: a unit of stock is taken first, then one transaction spends the points (lots
 * expiring first), writes the spend to the ledger and grants the coupon; if that fails the unit goes
 * back. A retry with the same request id answers the coupon the first made and spends nothing more.
 */
export async function exchange(input: ParsedInputOf<CouponsContract, 'exchange'>, ctx: RequestContext): Promise<{ coupon: CouponView; pointsBalance: number }> {
  const found = await requireMember(ctx.openid);
  const template = await publishedTemplate(input.templateId);
  if (template.pointsCost === null) throw new AppError('TEMPLATE_NOT_FOUND');
  const cost = template.pointsCost;
  const grantKey = `exchange:${found._id}:${input.requestId}`;
  const stores = await storeDirectory();
  const view = (coupon: Stored<CouponDoc>) => couponView(coupon, (id) => stores.get(id)?.name ?? '', ctx.now);

  for (let attempt = 0; attempt < 5; attempt++) {
    const { takings, repeatId, slot, single } = await takingsFor(found, template, ctx.now, grantKey);
    const repeat = repeatId ? await getById<CouponDoc>(C.coupons, repeatId) : null;
    if (repeat) return { coupon: view(repeat), pointsBalance: (await requireMember(ctx.openid)).pointsBalance };
    const refusal = refusalFor({ ...template, status: 'active', remaining: null }, found, takings, ctx.now);
    if (refusal) throw new AppError(refusal);
    if (!(await takeUnit(template))) throw await noUnitReason(template._id);
    const couponId = newId();
    const coupon = given(
      newCoupon({ template, memberId: found._id, grantKey, slotKey: slot, source: 'exchange', by: 'member', reason: `${cost}积分兑换`, now: ctx.now, pointsSpent: cost }, couponId),
    );
    try {
      const member = await withTransaction(async (txn) => {
        const current = await txnGet<MemberDoc>(txn, C.members, found._id);
        if (!current) throw new AppError('NOT_MEMBER');
        const spent = applySpend(memberState(current), cost, ctx.now);
        if (!spent) throw new AppError('POINTS_NOT_ENOUGH');
        const updated = withMemberState(current, spent);
        // The coupon first: a retry (its grant key) or a member over a limit (its slot) stops here.
        await txn.collection<CouponDoc>(C.coupons).add({ data: coupon });
        await saveMember(txn, updated);
        await txn.collection<LedgerDoc>(C.ledger).add({
          data: { _id: `${couponId}:spent`, memberId: current._id, type: 'spend', points: -cost, reason: exchangeReason(template.name), storeId: null, staffId: null, purchaseId: null, expiresAt: null, createdAt: ctx.now },
        });
        return updated;
      });
      return { coupon: view(coupon), pointsBalance: member.pointsBalance };
    } catch (error) {
      await giveUnitBack(template);
      if (!isDuplicateKey(error)) throw error;
      const repeat = await earlierGrant(grantKey);
      if (repeat) return { coupon: view(repeat), pointsBalance: (await requireMember(ctx.openid)).pointsBalance };
      // another exchange of this member took the slot first: count again (one per member: that was it)
      if (single) throw new AppError('MEMBER_LIMIT');
    }
  }
  throw new AppError('BUSY');
}

async function earlierGrant(grantKey: string): Promise<Stored<CouponDoc> | null> {
  const { data } = await db.collection<CouponDoc>(C.coupons).where({ grantKey }).limit(1).get();
  return data[0] ?? null;
}
