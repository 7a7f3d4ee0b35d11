import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { CustomerView } from '../../../shared/contracts/views';
import type { RequestContext } from '../../../server/dispatch';
import { verifyMemberCode } from '../../../server/member-code';
import { memberById, requireStaff, storeById } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { customerView } from '../../../server/views';
import { recentPurchases } from './purchases';

/** A scanned member code → the customer. Expired and forged codes are refused before anything is read. */
export async function resolveMemberCode(input: ParsedInputOf<StaffContract, 'resolveMemberCode'>, ctx: RequestContext): Promise<CustomerView> {
  await requireStaff(ctx.openid);
  const memberId = await verifyMemberCode(input.token, ctx.now);
  return loadCustomer(memberId, ctx.now);
}

export async function customer(input: ParsedInputOf<StaffContract, 'customer'>, ctx: RequestContext): Promise<CustomerView> {
  await requireStaff(ctx.openid);
  return loadCustomer(input.memberId, ctx.now);
}

async function loadCustomer(memberId: string, now: Date): Promise<CustomerView> {
  const [member, settings, purchases] = await Promise.all([memberById(memberId), brandSettings(), recentPurchases(memberId, 5)]);
  const store = member.homeStoreId ? await storeById(member.homeStoreId) : null;
  return customerView(member, settings, store?.name ?? '', purchases, now);
}
