import type { Stored } from '../../../server/cloud';
import type { StaffDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';

/** Managers act for their own store, admins for any; clerks for none of the admin actions. */
export function storeInScope(staff: Stored<StaffDoc>, requested: string | undefined): string {
  if (staff.role === 'clerk') throw new AppError('FORBIDDEN');
  const storeId = requested ?? staff.storeId;
  if (staff.role === 'manager' && storeId !== staff.storeId) throw new AppError('FORBIDDEN');
  return storeId;
}
