import type { ReferralView } from '../shared/contracts/views';
import type { BrandSettings } from '../shared/rules/brand-settings';
import { applyAdjustment } from '../shared/rules/member-state';
import { maskName } from '../shared/rules/mask';
import { newReferralCode, REFERRAL_REFUSAL_TEXT, referralRefusal, type ReferralRefusal } from '../shared/rules/referral';
import { db, type Stored } from './cloud';
import { C, type LedgerDoc, type MemberDoc, type ReferralCodeDoc, type ReferralDoc } from './documents';
import { memberState, saveMember, withMemberState } from './member-state';
import { findStaffByOpenid, getById, insertOnce } from './queries';
import { txnGet, withTransaction } from './transaction';
import { isDuplicateKey } from './errors';

/**
 * 老带新. A member's share code is made on first ask (referral_codes/<code>, unique by its id). A friend
 * who joins with it is recorded in referrals/<friend> in the join's own transaction — credited, or
 * refused with why (self, same phone, staff). On the friend's first purchase the automation job's
 * member visit credits both: each side's points in its own transaction under a fixed ledger id
 * (referral:<friend>:friend|referrer), so a visit run twice credits nobody twice.
 */

/** Who invited the joining member, and whether it counts (read before the join's transaction). */
export async function attributionFor(code: string | undefined, friend: { memberId: string; openid: string; phone: string }): Promise<{ referrerId: string; refusal: ReferralRefusal | null; code: string } | null> {
  if (!code) return null;
  const owner = await getById<ReferralCodeDoc>(C.referralCodes, code);
  const referrer = owner ? await getById<MemberDoc>(C.members, owner.memberId) : null;
  const [referrerStaff, friendStaff] = await Promise.all([referrer ? findStaffByOpenid(referrer.openid) : null, findStaffByOpenid(friend.openid)]);
  const refusal = referralRefusal({
    referrer: referrer ? { memberId: referrer._id, openid: referrer.openid, phone: referrer.phone, isStaff: referrerStaff?.status === 'active' } : null,
    friend: { ...friend, isStaff: friendStaff?.status === 'active' },
  });
  return { referrerId: referrer?._id ?? '', refusal, code };
}

export function referralDoc(friendId: string, attribution: { referrerId: string; refusal: ReferralRefusal | null; code: string }, now: Date): Stored<ReferralDoc> {
  return { _id: friendId, referrerId: attribution.referrerId, friendId, code: attribution.code, status: attribution.refusal ? 'refused' : 'joined', reason: attribution.refusal, joinedAt: now, rewardedAt: null, rewardPoints: 0 };
}

/** The caller's code (made once, whatever the races) and the friends who came with it. */
export async function referralView(member: Stored<MemberDoc>, settings: BrandSettings, now: Date): Promise<ReferralView> {
  let code = member.referralCode ?? null;
  while (!code) {
    const candidate = newReferralCode();
    if (!(await insertOnce<ReferralCodeDoc>(C.referralCodes, { _id: candidate, memberId: member._id, createdAt: now }))) continue;
    const { stats } = await db.collection<MemberDoc>(C.members).where({ _id: member._id, referralCode: null }).update({ data: { referralCode: candidate } });
    if (stats.updated === 1) code = candidate;
    else {
      // Another request gave her a code first: that one stands, this one goes.
      await db.collection(C.referralCodes).doc(candidate).remove();
      code = (await getById<MemberDoc>(C.members, member._id))?.referralCode ?? null;
    }
  }
  const { data } = await db.collection<ReferralDoc>(C.referrals).where({ referrerId: member._id }).orderBy('joinedAt', 'desc').limit(50).get();
  const friends = data.length ? (await db.collection<MemberDoc>(C.members).where({ _id: db.command.in(data.map((r) => r.friendId)) }).field({ name: true }).limit(50).get()).data : [];
  const statusText = (r: ReferralDoc) => (r.status === 'rewarded' ? `已奖励 ${r.rewardPoints} 积分` : r.status === 'joined' ? '已加入，首次消费后奖励' : REFERRAL_REFUSAL_TEXT[r.reason ?? 'unknown_code']);
  return {
    code,
    rewardPoints: settings.referralRewardPoints,
    invitations: data.map((r) => ({ name: maskName(friends.find((f) => f._id === r.friendId)?.name ?? '') || '新会员', joinedAt: r.joinedAt.toISOString(), status: r.status, statusText: statusText(r) })),
    rewardedCount: data.filter((r) => r.status === 'rewarded').length,
  };
}

async function credit(memberId: string, lotId: string, points: number, reason: string, settings: BrandSettings, now: Date): Promise<void> {
  try {
    await withTransaction(async (txn) => {
      const member = await txnGet<MemberDoc>(txn, C.members, memberId);
      if (!member) return;
      const state = applyAdjustment(memberState(member), { points, lotId, now }, settings);
      if (!state) return;
      await txn.collection<LedgerDoc>(C.ledger).add({ data: { _id: lotId, memberId, type: 'adjust', points, reason, storeId: member.homeStoreId, staffId: null, purchaseId: null, expiresAt: state.pointsLots.find((lot) => lot.id === lotId)?.expiresAt ?? null, createdAt: now } });
      await saveMember(txn, withMemberState(member, state));
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** On a visit after the friend's first purchase: both credited, once. */
export async function rewardReferral(friend: Stored<MemberDoc>, settings: BrandSettings, now: Date): Promise<boolean> {
  if (!friend.referredBy || friend.purchaseCount < 1 || settings.referralRewardPoints <= 0) return false;
  const referral = await getById<ReferralDoc>(C.referrals, friend._id);
  if (!referral || referral.status !== 'joined') return false;
  const points = settings.referralRewardPoints;
  await credit(friend._id, `referral:${friend._id}:friend`, points, '好友邀请奖励（首次消费）', settings, now);
  await credit(referral.referrerId, `referral:${friend._id}:referrer`, points, '邀请好友奖励', settings, now);
  await db.collection<ReferralDoc>(C.referrals).where({ _id: friend._id, status: 'joined' }).update({ data: { status: 'rewarded', rewardedAt: now, rewardPoints: points } });
  return true;
}
