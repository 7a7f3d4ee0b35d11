import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { CustomerView } from '../../../shared/contracts/views';
import type { Stored } from '../../../server/cloud';
import { db } from '../../../server/cloud';
import { storeName } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MemberDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { TILL_CODE_PATTERN, verifyMemberCode } from '../../../server/member-code';
import { memberById, requireStaff } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { customerView } from '../../../server/views';
import { recentPurchases } from './purchases';

/**
 * A scanned member code → the customer: the signed token from the QR code, or the 18-digit number from
 * the barcode (scanned or typed). Expired and forged codes are refused before anything else is read.
 */
export async function resolveMemberCode(input: ParsedInputOf<StaffContract, 'resolveMemberCode'>, ctx: RequestContext): Promise<CustomerView> {
  await requireStaff(ctx.openid);
  const code = input.token.trim();
  if (TILL_CODE_PATTERN.test(code)) return loadCustomer(await memberByTillCode(code, ctx.now), ctx.now);
  const memberId = await verifyMemberCode(code, ctx.now);
  return loadCustomer(await memberById(memberId), ctx.now);
}

export async function customer(input: ParsedInputOf<StaffContract, 'customer'>, ctx: RequestContext): Promise<CustomerView> {
  await requireStaff(ctx.openid);
  return loadCustomer(await memberById(input.memberId), ctx.now);
}

async function memberByTillCode(code: string, now: Date): Promise<Stored<MemberDoc>> {
  const { data } = await db.collection<MemberDoc>(C.members).where({ 'tillCode.code': code }).limit(1).get();
  const member = data[0];
  // A replaced code is simply unknown; the current one expires with the token shown beside it.
  if (!member || member.tillCode?.code !== code) throw new AppError('MEMBER_CODE_INVALID');
  if (member.tillCode.expiresAt.getTime() <= now.getTime()) throw new AppError('MEMBER_CODE_EXPIRED');
  return member;
}

async function loadCustomer(member: Stored<MemberDoc>, now: Date): Promise<CustomerView> {
  const [settings, purchases, homeStore] = await Promise.all([brandSettings(), recentPurchases(member._id, 5), storeName(member.homeStoreId)]);
  return customerView(member, settings, homeStore, purchases, now);
}
