import type { BrandSettings } from '../shared/rules/brand-settings';
import { welcomeReason } from '../shared/rules/ledger-text';
import { expiryForEarning, type PointsLot } from '../shared/rules/points';
import { NO_PURCHASES } from '../shared/rules/purchase-stats';
import { tierForGrowth } from '../shared/rules/tiers';
import type { Gender } from '../shared/contracts/views';
import type { Stored } from './cloud';
import type { LedgerDoc, MemberDoc } from './documents';
import { newCareFields } from './care-fields';

export interface NewMemberInput {
  memberId: string;
  welcomeLotId: string;
  openid: string;
  phone: string;
  phoneVerified: boolean;
  profile: { name?: string; gender?: Gender; birthday?: string | null };
  homeStoreId: string | null;
  inviterStaffId: string | null;
  consentVersion: string;
  joinedAt: Date;
}

/** 'MM-DD' of a birthday: what the birthday journey's daily scan looks members up by (null: none). */
export function birthdayMonthDay(birthday: string | null): string | null {
  return birthday ? birthday.slice(5) : null;
}

/** The key of a member's phone slot when it holds no number, so members without one never clash. */
export function noPhoneKey(memberId: string): string {
  return `none:${memberId}`;
}

/**
 * A member as joining makes them — lowest tier, the welcome points as their first lot — and the
 * welcome ledger entry (null without welcome points). One builder for the join action and the demo,
 * so both hold the same shape.
 */
export function newMember(input: NewMemberInput, settings: BrandSettings): { member: Stored<MemberDoc>; welcome: Stored<LedgerDoc> | null } {
  const points = settings.welcomePoints;
  const expiresAt = expiryForEarning(input.joinedAt, settings.pointsExpiryYears);
  const lots: PointsLot[] = points > 0 ? [{ id: input.welcomeLotId, points, remaining: points, earnedAt: input.joinedAt, expiresAt }] : [];
  const member: Stored<MemberDoc> = {
    _id: input.memberId,
    openid: input.openid,
    phone: input.phone,
    phoneKey: input.phone || noPhoneKey(input.memberId),
    phoneVerified: input.phoneVerified,
    review: null,
    name: input.profile.name ?? '',
    gender: input.profile.gender ?? 'unknown',
    birthday: input.profile.birthday ?? null,
    birthdayMD: birthdayMonthDay(input.profile.birthday ?? null),
    homeStoreId: input.homeStoreId,
    inviterStaffId: input.inviterStaffId,
    consent: { version: input.consentVersion, agreedAt: input.joinedAt },
    joinedAt: input.joinedAt,
    tierId: tierForGrowth(settings.tiers, 0).id,
    tierSince: input.joinedAt,
    tierReviewAt: null,
    growthBuckets: {},
    pointsBalance: points,
    pointsLots: lots,
    pointsDebt: 0,
    pointsNextExpiry: lots.length ? expiresAt : null,
    ...NO_PURCHASES,
    tillCode: null,
    messageQuota: {},
    marketingSentAt: [],
    journeyDueAt: input.joinedAt,
    ...newCareFields({ phone: input.phone, inviterStaffId: input.inviterStaffId }, input.joinedAt),
  };
  const welcome: Stored<LedgerDoc> | null =
    points > 0
      ? {
          _id: input.welcomeLotId,
          memberId: input.memberId,
          type: 'welcome',
          points,
          reason: welcomeReason(),
          storeId: input.homeStoreId,
          staffId: input.inviterStaffId,
          purchaseId: null,
          expiresAt,
          createdAt: input.joinedAt,
        }
      : null;
  return { member, welcome };
}
