import { addDaysToDayKey, startOfShanghaiDayKey } from '../shared/time/shanghai';
import { _, db, type Doc, type Stored } from './cloud';
import { C, type MemberDoc, type StaffDoc, type StoreDoc } from './documents';
import { AppError, isDuplicateKey, isNotFound } from './errors';

export async function findMemberByOpenid(openid: string): Promise<Stored<MemberDoc> | null> {
  if (!openid) return null;
  const { data } = await db.collection<MemberDoc>(C.members).where({ openid }).limit(1).get();
  return data[0] ?? null;
}

/** The member holding a phone number's slot, if any. */
export async function findMemberByPhone(phone: string): Promise<Stored<MemberDoc> | null> {
  const { data } = await db.collection<MemberDoc>(C.members).where({ phoneKey: phone }).limit(1).get();
  return data[0] ?? null;
}

export async function requireMember(openid: string): Promise<Stored<MemberDoc>> {
  const member = await findMemberByOpenid(openid);
  if (!member) throw new AppError('NOT_MEMBER');
  return member;
}

export async function memberById(memberId: string): Promise<Stored<MemberDoc>> {
  const member = await getById<MemberDoc>(C.members, memberId);
  if (!member) throw new AppError('MEMBER_NOT_FOUND');
  return member;
}

export async function findStaffByOpenid(openid: string): Promise<Stored<StaffDoc> | null> {
  if (!openid) return null;
  const { data } = await db.collection<StaffDoc>(C.staff).where({ openid }).limit(1).get();
  return data[0] ?? null;
}

/** The calling staff member, active, read fresh: every staff action starts here, once. */
export async function requireStaff(openid: string): Promise<Stored<StaffDoc>> {
  const staff = await findStaffByOpenid(openid);
  if (!staff) throw new AppError('NOT_STAFF');
  if (staff.status !== 'active') throw new AppError('STAFF_DISABLED');
  return staff;
}

/** A store read fresh, for decisions (is it open?); names come from the cached directory. */
export async function storeById(storeId: string): Promise<Stored<StoreDoc> | null> {
  return getById<StoreDoc>(C.stores, storeId);
}

/** A document by id, or null (the SDK throws for a missing one). */
export async function getById<T>(collection: string, id: string): Promise<Stored<T> | null> {
  try {
    return (await db.collection<T>(collection).doc(id).get()).data;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * Inserts a document under its own key; false when one with that key exists already — how a step that
 * may run again (a retry, an overlapping timer run) makes its effect exactly once.
 */
export async function insertOnce<T>(collection: string, doc: Stored<T>): Promise<boolean> {
  try {
    await db.collection<T>(collection).add({ data: doc });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Conditions (to AND) for a date field falling on a Shanghai day (YYYYMMDD). */
export function onShanghaiDay(field: string, dayKey: string): Doc[] {
  return [{ [field]: _.gte(startOfShanghaiDayKey(dayKey)) }, { [field]: _.lt(startOfShanghaiDayKey(addDaysToDayKey(dayKey, 1))) }];
}
