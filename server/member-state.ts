import type { MemberState } from '../shared/rules/member-state';
import type { Stored } from './cloud';
import type { MemberDoc } from './documents';

/** The rules' view of a member document, and the document with a new state (plus other fields) put back. */
export function memberState(member: MemberDoc): MemberState {
  return {
    tierId: member.tierId,
    growthBuckets: member.growthBuckets,
    pointsBalance: member.pointsBalance,
    pointsLots: member.pointsLots,
    pointsDebt: member.pointsDebt,
    tierReviewAt: member.tierReviewAt,
    pointsNextExpiry: member.pointsNextExpiry,
  };
}

export function withMemberState(member: Stored<MemberDoc>, state: MemberState, other: Partial<MemberDoc> = {}): Stored<MemberDoc> {
  return { ...member, ...state, ...other };
}
