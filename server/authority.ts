import type { Stored } from './cloud';
import type { StaffDoc } from './documents';
import { AppError } from './errors';

/** Managers act for their own store, admins for any; clerks for none of the admin actions. */
export function storeInScope(staff: Stored<StaffDoc>, requested: string | undefined): string {
  if (staff.role === 'clerk') throw new AppError('FORBIDDEN');
  const storeId = requested ?? staff.storeId;
  if (staff.role === 'manager' && storeId !== staff.storeId) throw new AppError('FORBIDDEN');
  return storeId;
}

/**
 * Whether `creator` may still give this invite: active, and (for a manager) a clerk of their own
 * store. Checked when the invite is made and again when it is used, so an invite never outlives
 * its maker's standing.
 */
export function mayInvite(creator: Pick<StaffDoc, 'role' | 'storeId' | 'status'>, invite: { role: StaffDoc['role']; storeId: string }): boolean {
  if (creator.status !== 'active') return false;
  if (creator.role === 'admin') return true;
  return creator.role === 'manager' && invite.role === 'clerk' && invite.storeId === creator.storeId;
}
