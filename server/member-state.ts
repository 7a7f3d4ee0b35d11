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

/** Writes a whole document back inside a transaction (set replaces it; the id is the key). */
export async function saveDoc<T>(txn: Transaction, collection: string, doc: Stored<T>): Promise<void> {
  const { _id, ...data } = doc;
  await txn.collection<T>(collection).doc(_id).set({ data: data as T });
}

export function saveMember(txn: Transaction, member: Stored<MemberDoc>): Promise<void> {
  return saveDoc(txn, C.members, member);
}
