import type { Stored } from './cloud';
import type { MemberDoc, StaffDoc } from './documents';
import { AppError } from './errors';

/**
 * Staff never act on their own membership: a clerk who is also a member cannot record a sale to
 * themselves (nor, in time, redeem their own coupons or adjust their own points). The WeChat user is
 * the person, so the same OPENID on both records is the same person.
 */
export function assertNotOwnMembership(staff: Pick<StaffDoc, 'openid'>, member: Pick<Stored<MemberDoc>, 'openid'>): void {
  if (staff.openid && staff.openid === member.openid) throw new AppError('OWN_MEMBERSHIP');
}
