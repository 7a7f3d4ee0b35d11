import type { CustomerScope } from '../shared/contracts/care-views';
import type { Stored } from './cloud';
import { careFieldsOf } from './care-fields';
import type { MemberDoc, StaffDoc } from './documents';
import { AppError } from './errors';

/**
 * Who may see and serve which customers. A clerk and a manager work on their own store's members and
 * on those they serve; an admin on everyone. Nobody sees another store's lists. A customer from
 * another store at this till is still served through the till's own actions (staff.customer).
 */
export function mayServe(staff: Stored<StaffDoc>, member: MemberDoc): boolean {
  if (staff.role === 'admin') return true;
  return member.homeStoreId === staff.storeId || careFieldsOf(member).servingStaffId === staff._id;
}

export function assertMayServe(staff: Stored<StaffDoc>, member: MemberDoc): void {
  if (!mayServe(staff, member)) throw new AppError('CUSTOMER_OUT_OF_SCOPE');
}

/** Managers of the member's home store and admins: full phone, point adjustments, reassignment. */
export function managesMember(staff: Stored<StaffDoc>, member: Pick<MemberDoc, 'homeStoreId'>): boolean {
  if (staff.role === 'admin') return true;
  return staff.role === 'manager' && member.homeStoreId === staff.storeId;
}

export function assertManagesMember(staff: Stored<StaffDoc>, member: Pick<MemberDoc, 'homeStoreId'>): void {
  if (!managesMember(staff, member)) throw new AppError('FORBIDDEN');
}

/** The database condition of a customer list's scope, refusing what the role may not list. */
export function scopeCondition(staff: Stored<StaffDoc>, scope: CustomerScope, storeId: string | undefined): Record<string, unknown> {
  if (scope === 'mine') return { servingStaffId: staff._id };
  if (scope === 'all') {
    if (staff.role !== 'admin') throw new AppError('FORBIDDEN');
    return {};
  }
  const store = storeId ?? staff.storeId;
  if (staff.role !== 'admin' && store !== staff.storeId) throw new AppError('CUSTOMER_OUT_OF_SCOPE');
  return { homeStoreId: store };
}
