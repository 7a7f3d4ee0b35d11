import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AdminContract } from '../../../shared/contracts/admin';
import type { StoreSettingsView } from '../../../shared/contracts/settings-views';
import { audit } from '../../../server/audit';
import { db } from '../../../server/cloud';
import { forgetDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type StaffDoc, type StoreDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { insertOnce, storeById } from '../../../server/queries';
import { requireRole } from '../../../server/roles';

/** Store codes go into counter-code scenes (≤ 32 characters with the clerk's code): short, S + number. */
export function nextStoreCode(existing: string[]): string {
  const numbers = existing.map((code) => /^S(\d+)$/.exec(code)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1]));
  const next = (numbers.length ? Math.max(...numbers) : 0) + 1;
  return `S${String(next).padStart(2, '0')}`;
}

export async function saveStore(input: ParsedInputOf<AdminContract, 'saveStore'>, ctx: RequestContext): Promise<StoreSettingsView> {
  const staff = await requireRole(ctx.openid, ['admin']);
  const data: StoreDoc = { name: input.name, address: input.address, active: input.active };
  let storeId = input.storeId;
  if (storeId) {
    const existing = await storeById(storeId);
    if (!existing) throw new AppError('STORE_NOT_FOUND');
    if (!input.active && storeId === staff.storeId) throw new AppError('SETTINGS_REJECTED', { active: '不能停用自己所在的门店' });
    await db.collection<StoreDoc>(C.stores).doc(storeId).set({ data });
    await audit(staff, { action: 'settings_change', detail: `门店 ${storeId}：${existing.name} → ${input.name}${existing.active !== input.active ? (input.active ? '，启用' : '，停用') : ''}` }, ctx.now);
  } else {
    // Two admins adding at once: the second insert of a code fails on the key and takes the next one.
    for (;;) {
      const { data: codes } = await db.collection<StoreDoc>(C.stores).field({ _id: true }).limit(1000).get();
      storeId = nextStoreCode(codes.map((store) => store._id));
      if (await insertOnce<StoreDoc>(C.stores, { _id: storeId, ...data })) break;
    }
    await audit(staff, { action: 'settings_change', detail: `新增门店 ${storeId}：${input.name}` }, ctx.now);
  }
  forgetDirectory();
  const staffCount = await db.collection<StaffDoc>(C.staff).where({ storeId, status: 'active' }).count();
  return { storeId: storeId!, ...data, staff: staffCount.total };
}
