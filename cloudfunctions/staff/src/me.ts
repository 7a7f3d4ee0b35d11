import type { StaffView } from '../../../shared/contracts/views';
import { shanghaiDayRange } from '../../../shared/rules/task-text';
import { _, db } from '../../../server/cloud';
import { storeName } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type ApprovalDoc, type TaskDoc } from '../../../server/documents';
import { findStaffByOpenid } from '../../../server/queries';
import { staffView } from '../../../server/views';

/**
 * The caller's staff record; null for shoppers and for disabled staff (the tab disappears). Managers
 * and admins also learn how many clerks' sales wait for them in their store; everyone how many of their
 * follow-up tasks are due today or overdue (the 待办 badge).
 */
export async function me(_input: unknown, ctx: RequestContext): Promise<StaffView | null> {
  const staff = await findStaffByOpenid(ctx.openid);
  if (!staff || staff.status !== 'active') return null;
  const { end } = shanghaiDayRange(ctx.now);
  const [name, pending, due] = await Promise.all([
    storeName(staff.storeId),
    staff.role === 'clerk' ? undefined : db.collection<ApprovalDoc>(C.approvals).where({ storeId: staff.storeId, status: 'pending' }).count(),
    db.collection<TaskDoc>(C.tasks).where({ ownerStaffId: staff._id, status: 'open', dueAt: _.lt(end) }).count(),
  ]);
  return { ...staffView(staff, name), ...(pending ? { pendingSales: pending.total } : {}), tasksDue: due.total };
}
