import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { PurchaseView } from '../../../shared/contracts/views';
import { db } from '../../../server/cloud';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type PurchaseDoc } from '../../../server/documents';
import { requireStaff } from '../../../server/queries';
import { purchaseView } from '../../../server/views';

export async function purchases(input: ParsedInputOf<StaffContract, 'purchases'>, ctx: RequestContext): Promise<{ purchases: PurchaseView[] }> {
  await requireStaff(ctx.openid);
  return { purchases: await recentPurchases(input.memberId, input.limit) };
}

export async function recentPurchases(memberId: string, limit: number): Promise<PurchaseView[]> {
  const { data } = await db.collection<PurchaseDoc>(C.purchases).where({ memberId }).orderBy('paidAt', 'desc').limit(limit).get();
  const named = await names({ stores: data.map((p) => p.storeId), staff: data.map((p) => p.staffId) });
  return data.map((p) => purchaseView(p, named.store(p.storeId), named.staff(p.staffId)));
}
