import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { MemberContract } from '../../../shared/contracts/member';
import type { JoinView } from '../../../shared/contracts/views';
import { tierForGrowth } from '../../../shared/rules/tiers';
import { expiryForEarning } from '../../../shared/rules/points';
import { parseScene } from '../../../shared/rules/scene';
import { welcomeReason } from '../../../shared/rules/ledger-text';
import { db, openapi, type Stored } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type LedgerDoc, type MemberDoc, type StaffDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { newId } from '../../../server/ids';
import { findMemberByOpenid, storeById } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { withTransaction } from '../../../server/transaction';
import { cardView } from '../../../server/views';
import { loadCard } from '../../../server/cards';

type JoinInput = ParsedInputOf<MemberContract, 'join'>;

/**
 * Joining is idempotent: the same OPENID gets its existing card back, and a phone already held by
 * another member is refused. The member and the welcome points are written in one transaction, and
 * the unique indexes on openid and phone settle a double tap that races past the first check.
 */
export async function join(input: JoinInput, ctx: RequestContext): Promise<JoinView> {
  if (!ctx.openid) throw new AppError('FORBIDDEN');
  const settings = await brandSettings();
  const existing = await findMemberByOpenid(ctx.openid);
  if (existing) return alreadyJoined(existing, ctx.now);

  const place = await resolvePlace(input.scene);
  const phone = await resolvePhone(input.phone);
  const { data: samePhone } = await db.collection<MemberDoc>(C.members).where({ phone: phone.number }).limit(1).get();
  if (samePhone.length) throw new AppError('PHONE_TAKEN');

  const memberId = newId();
  const welcomeId = newId();
  const welcome = settings.welcomePoints;
  const lots = welcome > 0 ? [{ id: welcomeId, points: welcome, remaining: welcome, earnedAt: ctx.now, expiresAt: expiryForEarning(ctx.now) }] : [];
  const lowest = tierForGrowth(settings.tiers, 0);
  const member: MemberDoc = {
    openid: ctx.openid,
    phone: phone.number,
    phoneVerified: phone.verified,
    name: input.profile.name ?? '',
    gender: input.profile.gender ?? 'unknown',
    birthday: input.profile.birthday ?? null,
    homeStoreId: place.storeId,
    inviterStaffId: place.inviterStaffId,
    consent: { version: input.consent.version, agreedAt: ctx.now },
    joinedAt: ctx.now,
    tierId: lowest.id,
    tierSince: ctx.now,
    tierReviewAt: null,
    growthBuckets: {},
    pointsBalance: welcome,
    pointsLots: lots,
    pointsDebt: 0,
    pointsNextExpiry: lots[0]?.expiresAt ?? null,
    purchaseCount: 0,
    totalSpendFen: 0,
    lastPurchaseAt: null,
  };
  const ledger: LedgerDoc = {
    memberId,
    type: 'welcome',
    points: welcome,
    reason: welcomeReason(),
    storeId: place.storeId,
    staffId: place.inviterStaffId,
    purchaseId: null,
    expiresAt: lots[0]?.expiresAt ?? null,
    createdAt: ctx.now,
  };
  try {
    await withTransaction(async (txn) => {
      await txn.collection<MemberDoc>(C.members).add({ data: { ...member, _id: memberId } });
      if (welcome > 0) await txn.collection<LedgerDoc>(C.ledger).add({ data: { ...ledger, _id: welcomeId } });
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await findMemberByOpenid(ctx.openid);
    if (winner) return alreadyJoined(winner, ctx.now);
    throw new AppError('PHONE_TAKEN');
  }
  return { created: true, welcomePoints: welcome, card: cardView({ ...member, _id: memberId }, settings, place.storeName, ctx.now) };
}

async function alreadyJoined(member: Stored<MemberDoc>, now: Date): Promise<JoinView> {
  return { created: false, welcomePoints: 0, card: await loadCard(member, now) };
}

/** The counter code's scene names the store and, optionally, the inviting clerk. */
async function resolvePlace(scene: string | undefined): Promise<{ storeId: string | null; storeName: string; inviterStaffId: string | null }> {
  if (!scene) return { storeId: null, storeName: '', inviterStaffId: null };
  const parsed = parseScene(scene);
  if (!parsed) throw new AppError('SCENE_INVALID');
  const store = await storeById(parsed.storeId);
  if (!store || !store.active) throw new AppError('STORE_NOT_FOUND');
  let inviterStaffId: string | null = null;
  if (parsed.staffCode) {
    const { data } = await db.collection<StaffDoc>(C.staff).where({ code: parsed.staffCode }).limit(1).get();
    // A clerk who left or moved still brings the shopper to the store; only the credit is dropped.
    const clerk = data[0];
    if (clerk && clerk.status === 'active' && clerk.storeId === store._id) inviterStaffId = clerk._id;
  }
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
