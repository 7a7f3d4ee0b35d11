import type { StaffView } from '../../../shared/contracts/views';
import { storeName } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { findStaffByOpenid } from '../../../server/queries';
import { staffView } from '../../../server/views';

/** The caller's staff record; null for shoppers and for disabled staff (the tab disappears). */
export async function me(_input: unknown, ctx: RequestContext): Promise<StaffView | null> {
  const staff = await findStaffByOpenid(ctx.openid);
  if (!staff || staff.status !== 'active') return null;
  return staffView(staff, await storeName(staff.storeId));
}
