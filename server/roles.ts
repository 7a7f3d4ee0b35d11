import type { Stored } from './cloud';
import type { StaffDoc } from './documents';
import { AppError } from './errors';
import { requireStaff } from './queries';

/** The calling staff member, if their role is one of `roles` (read fresh: who may act). */
export async function requireRole(openid: string, roles: Array<StaffDoc['role']>): Promise<Stored<StaffDoc>> {
  const staff = await requireStaff(openid);
  if (!roles.includes(staff.role)) throw new AppError('FORBIDDEN');
  return staff;
}
