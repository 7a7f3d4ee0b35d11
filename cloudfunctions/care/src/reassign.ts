import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CareContract } from '../../../shared/contracts/care';
import { audit } from '../../../server/audit';
import { assertManagesMember } from '../../../server/care-access';
import { careFieldsOf } from '../../../server/care-fields';
import { _, db } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MemberDoc, type StaffDoc, type TaskDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { getById, memberById, requireStaff } from '../../../server/queries';
import { assertNotOwnMembership } from '../../../server/staff-guard';

/**
 * Gives a customer another serving clerk of their home store (active), and that clerk the customer's
 * open tasks. Attribution (who invited, who sold) does not move. Audited.
 */
export async function reassign(input: ParsedInputOf<CareContract, 'reassign'>, ctx: RequestContext): Promise<{ servingStaffId: string; servingStaffName: string }> {
  const staff = await requireStaff(ctx.openid);
  const [member, target] = await Promise.all([memberById(input.memberId), getById<StaffDoc>(C.staff, input.staffId)]);
  assertManagesMember(staff, member);
  assertNotOwnMembership(staff, member);
  if (!target || target.status !== 'active') throw new AppError('STAFF_NOT_FOUND');
  if (target.storeId !== member.homeStoreId) throw new AppError('CUSTOMER_OUT_OF_SCOPE');
  const from = careFieldsOf(member).servingStaffId;
  if (from !== target._id) {
    await db.collection<MemberDoc>(C.members).doc(member._id).update({ data: { servingStaffId: target._id } });
    await db.collection<TaskDoc>(C.tasks).where({ memberId: member._id, status: 'open', ownerStaffId: _.neq(target._id) }).update({ data: { ownerStaffId: target._id } });
    await audit(staff, { action: 'reassign', memberId: member._id, targetStaffId: target._id, detail: `服务导购 ${from ?? '无'} → ${target._id}` }, ctx.now);
  }
  return { servingStaffId: target._id, servingStaffName: target.name };
}
