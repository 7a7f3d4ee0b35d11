import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AdminContract } from '../../../shared/contracts/admin';
import type { StaffMemberView } from '../../../shared/contracts/care-views';
import { audit } from '../../../server/audit';
import { db } from '../../../server/cloud';
import { forgetDirectory, storeName } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MemberDoc, type StaffDoc, type TaskDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { getById, requireStaff, storeById } from '../../../server/queries';
import { staffMemberView } from './staff-list';

/**
 * Admins change a person's role or store (never their own). A move to another store would leave the
 * person serving customers they may no longer see, so it waits until those are handed over. Each
 * change is audited.
 */
export async function updateStaff(input: ParsedInputOf<AdminContract, 'updateStaff'>, ctx: RequestContext): Promise<StaffMemberView> {
  const caller = await requireStaff(ctx.openid);
  if (caller.role !== 'admin') throw new AppError('FORBIDDEN');
  if (caller._id === input.staffId) throw new AppError('STAFF_SELF');
  const person = await getById<StaffDoc>(C.staff, input.staffId);
  if (!person) throw new AppError('STAFF_NOT_FOUND');
  const [customers, tasks] = await Promise.all([
    db.collection<MemberDoc>(C.members).where({ servingStaffId: person._id }).count(),
    db.collection<TaskDoc>(C.tasks).where({ ownerStaffId: person._id, status: 'open' }).count(),
  ]);
  const changes: Partial<StaffDoc> = {};
  if (input.role && input.role !== person.role) changes.role = input.role;
  if (input.storeId && input.storeId !== person.storeId) {
    const store = await storeById(input.storeId);
    if (!store || !store.active) throw new AppError('STORE_NOT_FOUND');
    if (customers.total > 0 || tasks.total > 0) throw new AppError('STAFF_HAS_CUSTOMERS');
    changes.storeId = input.storeId;
  }
  if (Object.keys(changes).length) {
    await db.collection<StaffDoc>(C.staff).doc(person._id).update({ data: changes });
    forgetDirectory();
    if (changes.role) await audit(caller, { action: 'role_change', targetStaffId: person._id, detail: `${person.role} → ${changes.role}` }, ctx.now);
    if (changes.storeId) await audit(caller, { action: 'store_change', targetStaffId: person._id, detail: `${person.storeId} → ${changes.storeId}` }, ctx.now);
  }
  const updated = { ...person, ...changes };
  return staffMemberView(updated, await storeName(updated.storeId), customers.total, tasks.total);
}
