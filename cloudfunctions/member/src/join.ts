import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { MemberContract } from '../../../shared/contracts/member';
import type { JoinView } from '../../../shared/contracts/views';
import { consentIsCurrent, decidePhoneClaim } from '../../../shared/rules/joining';
import { parseScene } from '../../../shared/rules/scene';
import { openapi, type Stored, type Transaction } from '../../../server/cloud';
import { loadCard } from '../../../server/cards';
import { given, giveUnitBack, newCoupon, takeUnit } from '../../../server/coupon-grant';
import { couponView } from '../../../server/coupon-views';
import { staffDirectory, storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type CouponDoc, type CouponTemplateDoc, type LedgerDoc, type MemberDoc, type ReferralDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { newId } from '../../../server/ids';
import { withinRefusalAllowance } from '../../../server/join-attempts';
import { saveMember } from '../../../server/member-state';
import { newMember, noPhoneKey } from '../../../server/new-member';
import { findMemberByOpenid, findMemberByPhone } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { publishedTemplate } from '../../../server/templates';
import { txnGet, withTransaction } from '../../../server/transaction';
import { attributionFor, referralDoc } from '../../../server/referrals';
import { cardView } from '../../../server/views';

type JoinInput = ParsedInputOf<MemberContract, 'join'>;

/** A take-over raced with a change to the holder: decide again from what is there now. */
class HolderChanged extends Error {}

/**
 * Joining writes the member and the welcome points in one transaction, and lets the unique indexes on
 * openid and on the phone slot say whether someone is there already — so a new member costs one
 * lookup (is the caller a member?) and every outcome of a race is settled by the database:
 * - the caller is a member already (a second tap, a retry, a re-scan): the existing card, created: false;
 * - the number is held by another member: a number verified with WeChat takes the slot from one that
 *   was only typed (the old member keeps its history, loses the number and is marked for review);
 *   otherwise PHONE_TAKEN, counted against the caller's daily allowance so one WeChat user cannot probe
 *   which numbers are members (TOO_MANY_ATTEMPTS once it is spent).
 */
export async function join(input: JoinInput, ctx: RequestContext): Promise<JoinView> {
  if (!ctx.openid) throw new AppError('FORBIDDEN');
  // A member scanning the counter code again is common: one read answers them.
  const existing = await findMemberByOpenid(ctx.openid);
  if (existing) return { created: false, welcomePoints: 0, welcomeCoupons: [], card: await loadCard(existing, ctx.now) };
  const settings = await brandSettings();
  if (!consentIsCurrent(input.consent, settings.privacyVersion)) throw new AppError('CONSENT_REQUIRED');
  const place = await resolvePlace(input.scene);
  const phone = await resolvePhone(input.phone);
  const { member, welcome } = newMember(
    {
      memberId: newId(),
      welcomeLotId: newId(),
      openid: ctx.openid,
      phone: phone.number,
      phoneVerified: phone.verified,
      profile: input.profile,
      homeStoreId: place.storeId,
      inviterStaffId: place.inviterStaffId,
      consentVersion: settings.privacyVersion,
      joinedAt: ctx.now,
    },
    settings,
  );
  const attribution = await attributionFor(input.referral, { memberId: member._id, openid: ctx.openid, phone: phone.number });
  if (attribution && !attribution.refusal) member.referredBy = attribution.referrerId;
  const gifts = await reserveWelcomeCoupons(member._id, settings.welcomeCouponTemplateIds, ctx.now);
  const stores = await storeDirectory();
  const created = (): JoinView => ({
    created: true,
    welcomePoints: welcome?.points ?? 0,
    welcomeCoupons: gifts.map(({ coupon }) => couponView(coupon, (id) => stores.get(id)?.name ?? '', ctx.now)),
    card: cardView(member, settings, place.storeName, ctx.now),
  });

  let takeOver: Stored<MemberDoc> | null = null;
  let joined = false;
  try {
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        await withTransaction(async (txn) => {
          if (takeOver) await detachPhone(txn, takeOver._id, phone.number, ctx.now);
          await insert(txn, member, welcome);
          // Who invited her, in the same step as her joining: a retried join records it once.
          if (attribution) await txn.collection<ReferralDoc>(C.referrals).add({ data: referralDoc(member._id, attribution, ctx.now) });
          for (const { coupon } of gifts) await txn.collection<CouponDoc>(C.coupons).add({ data: coupon });
        });
        joined = true;
        return created();
      } catch (error) {
        if (!(error instanceof HolderChanged) && !isDuplicateKey(error)) throw error;
      }
      takeOver = null;
      const mine = await findMemberByOpenid(ctx.openid);
      if (mine) return { created: false, welcomePoints: 0, welcomeCoupons: [], card: await loadCard(mine, ctx.now) };
      const holder = await findMemberByPhone(phone.number);
      if (!holder) continue; // the holder let go of the number in between: just try again
      const decision = decidePhoneClaim(holder, { openid: ctx.openid, verified: phone.verified });
      if (decision === 'already-joined') return { created: false, welcomePoints: 0, welcomeCoupons: [], card: await loadCard(holder, ctx.now) };
      if (decision === 'refuse') {
        throw new AppError((await withinRefusalAllowance(ctx.openid, ctx.now)) ? 'PHONE_TAKEN' : 'TOO_MANY_ATTEMPTS');
      }
      takeOver = holder;
    }
    throw new AppError('BUSY');
  } finally {
    // No member was made: the welcome coupons' units go back.
    if (!joined) for (const gift of gifts) await giveUnitBack(gift.template);
  }
}

/**
 * A unit of each welcome template that is active and in stock, taken before the join's transaction,
 * which then writes the coupons (grant key welcome:<member>:<template>). A template paused or sold
 * out is simply not given; the membership does not wait for it.
 */
async function reserveWelcomeCoupons(memberId: string, templateIds: string[], now: Date): Promise<Array<{ template: Stored<CouponTemplateDoc>; coupon: Stored<CouponDoc> }>> {
  const gifts: Array<{ template: Stored<CouponTemplateDoc>; coupon: Stored<CouponDoc> }> = [];
  for (const templateId of templateIds) {
    const template = await publishedTemplate(templateId).catch(() => null);
    if (!template || !(await takeUnit(template))) continue;
    const coupon = newCoupon({ template, memberId, grantKey: `welcome:${memberId}:${templateId}`, slotKey: null, source: 'welcome', by: 'system', reason: '入会礼', now }, newId());
    gifts.push({ template, coupon: given(coupon) });
  }
  return gifts;
}

async function insert(txn: Transaction, member: Stored<MemberDoc>, welcome: Stored<LedgerDoc> | null): Promise<void> {
  await txn.collection<MemberDoc>(C.members).add({ data: member });
  if (welcome) await txn.collection<LedgerDoc>(C.ledger).add({ data: welcome });
}

/** The typed claim loses the number; re-checked inside the transaction so a changed holder is not overwritten. */
async function detachPhone(txn: Transaction, holderId: string, phone: string, now: Date): Promise<void> {
  const holder = await txnGet<MemberDoc>(txn, C.members, holderId);
  if (!holder || holder.phoneKey !== phone || holder.phoneVerified) throw new HolderChanged();
  await saveMember(txn, { ...holder, phone: '', phoneKey: noPhoneKey(holder._id), phoneTail: '', phoneVerified: false, review: { reason: 'phone_detached', phone, at: now } });
}

/** The counter code's scene names the store and, optionally, the inviting clerk. */
async function resolvePlace(scene: string | undefined): Promise<{ storeId: string | null; storeName: string; inviterStaffId: string | null }> {
  if (!scene) return { storeId: null, storeName: '', inviterStaffId: null };
  const parsed = parseScene(scene);
  if (!parsed) throw new AppError('SCENE_INVALID');
  const [stores, staff] = await Promise.all([storeDirectory(), parsed.staffCode ? staffDirectory() : undefined]);
  const store = stores.get(parsed.storeId);
  if (!store || !store.active) throw new AppError('STORE_NOT_FOUND');
  // A clerk who left or moved still brings the shopper to the store; only the credit is dropped.
  const clerk = parsed.staffCode ? staff?.byCode.get(parsed.staffCode) : undefined;
  const inviterStaffId = clerk && clerk.status === 'active' && clerk.storeId === store._id ? clerk._id : null;
  return { storeId: store._id, storeName: store.name, inviterStaffId };
}

async function resolvePhone(phone: JoinInput['phone']): Promise<{ number: string; verified: boolean }> {
  if ('number' in phone) return { number: phone.number, verified: false };
  try {
    return { number: await openapi.getPhoneNumber(phone.code), verified: true };
  } catch {
    throw new AppError('PHONE_CODE_INVALID');
  }
}
