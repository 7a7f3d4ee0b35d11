/**
 * 老带新: who may be credited for bringing a friend. Pure: the join and the reward use it. A friend who
 * was a member already never reaches it (joining again creates nobody).
 */
export type ReferralRefusal = 'self' | 'same_phone' | 'staff' | 'unknown_code';

export interface ReferralParties {
  referrer: { memberId: string; openid: string; phone: string; isStaff: boolean } | null;
  friend: { memberId: string; openid: string; phone: string; isStaff: boolean };
}

export function referralRefusal({ referrer, friend }: ReferralParties): ReferralRefusal | null {
  if (!referrer) return 'unknown_code';
  if (referrer.memberId === friend.memberId || referrer.openid === friend.openid) return 'self';
  if (referrer.phone !== '' && referrer.phone === friend.phone) return 'same_phone';
  // Staff bringing "friends" would be paying themselves: neither side may be staff.
  if (referrer.isStaff || friend.isStaff) return 'staff';
  return null;
}

export const REFERRAL_REFUSAL_TEXT: Record<ReferralRefusal, string> = {
  self: '不能邀请自己',
  same_phone: '与邀请人手机号相同',
  staff: '门店员工不参与邀请奖励',
  unknown_code: '邀请码无效',
};

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A member's share code: 8 characters without look-alikes (0/O, 1/I), from `random`. */
export function newReferralCode(random: () => number = Math.random): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return code;
}

export const REFERRAL_CODE = /^[A-HJ-NP-Z2-9]{8}$/;
