import { db, _, type Stored } from './cloud';
import { C, type MemberDoc, type StaffDoc, type StoreDoc } from './documents';
import { AppError, isNotFound } from './errors';

export async function findMemberByOpenid(openid: string): Promise<Stored<MemberDoc> | null> {
  if (!openid) return null;
  const { data } = await db.collection<MemberDoc>(C.members).where({ openid }).limit(1).get();
  return data[0] ?? null;
}

export async function requireMember(openid: string): Promise<Stored<MemberDoc>> {
  const member = await findMemberByOpenid(openid);
  if (!member) throw new AppError('NOT_MEMBER');
  return member;
}

export async function memberById(memberId: string): Promise<Stored<MemberDoc>> {
  try {
    return (await db.collection<MemberDoc>(C.members).doc(memberId).get()).data;
  } catch (error) {
    if (isNotFound(error)) throw new AppError('MEMBER_NOT_FOUND');
    throw error;
  }
}

export async function findStaffByOpenid(openid: string): Promise<Stored<StaffDoc> | null> {
  if (!openid) return null;
  const { data } = await db.collection<StaffDoc>(C.staff).where({ openid }).limit(1).get();
  return data[0] ?? null;
}

/** The calling staff member, active; every staff action starts here. */
export async function requireStaff(openid: string): Promise<Stored<StaffDoc>> {
  const staff = await findStaffByOpenid(openid);
  if (!staff) throw new AppError('NOT_STAFF');
  if (staff.status !== 'active') throw new AppError('STAFF_DISABLED');
  return staff;
}

export async function storeById(storeId: string): Promise<Stored<StoreDoc> | null> {
  try {
    return (await db.collection<StoreDoc>(C.stores).doc(storeId).get()).data;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Names of several stores or staff members, in one request. */
export async function namesById(collection: typeof C.stores | typeof C.staff, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const { data } = await db.collection<{ name: string }>(collection).where({ _id: _.in(wanted) }).limit(wanted.length).get();
  return new Map(data.map((doc) => [doc._id, doc.name]));
}

export const storeNames = (ids: Array<string | null>) => namesById(C.stores, ids);
export const staffNames = (ids: Array<string | null>) => namesById(C.staff, ids);
