import type { StaffView } from '../../../shared/contracts/views';
import { db } from '../../../server/cloud';
import { storeName } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type ApprovalDoc } from '../../../server/documents';
import { findStaffByOpenid } from '../../../server/queries';
import { staffView } from '../../../server/views';

/**
 * The caller's staff record; null for shoppers and for disabled staff (the tab disappears). Managers
 * and admins also learn how many clerks' sales wait for them in their store, for the workbench badge.
 */
export async function me(_input: unknown, ctx: RequestContext): Promise<StaffView | null> {
  const staff = await findStaffByOpenid(ctx.openid);
  if (!staff || staff.status !== 'active') return null;
  const [name, pending] = await Promise.all([
    storeName(staff.storeId),
    staff.role === 'clerk' ? undefined : db.collection<ApprovalDoc>(C.approvals).where({ storeId: staff.storeId, status: 'pending' }).count(),
  ]);
  return { ...staffView(staff, name), ...(pending ? { pendingSales: pending.total } : {}) };
}
