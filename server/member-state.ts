import type { MemberState } from '../shared/rules/member-state';
import type { Stored, Transaction } from './cloud';
import { C, type MemberDoc } from './documents';

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

/** Writes the whole member document back inside a transaction (set replaces it; the id is the key). */
export async function saveMember(txn: Transaction, member: Stored<MemberDoc>): Promise<void> {
  const { _id, ...data } = member;
  await txn.collection<MemberDoc>(C.members).doc(_id).set({ data });
}
