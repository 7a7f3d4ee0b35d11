import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AdminContract } from '../../../shared/contracts/admin';
import { JOIN_PAGE } from '../../../shared/contracts/pages';
import type { CounterCodeView } from '../../../shared/contracts/views';
import { formatScene } from '../../../shared/rules/scene';
import { db, openapi } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type StaffDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { requireStaff, storeById } from '../../../server/queries';
import { storeInScope } from '../../../server/authority';

/**
 * Counter codes (wxacode.getUnlimited, which never expire) for a store and for each of its active
 * staff, so a join is credited to the clerk whose code was scanned. Answered as PNG bytes (base64) to
 * print; `npm run counter-codes` saves them as files.
 */
export async function counterCodes(input: ParsedInputOf<AdminContract, 'counterCodes'>, ctx: RequestContext): Promise<{ codes: CounterCodeView[] }> {
  const staff = await requireStaff(ctx.openid);
  const storeId = storeInScope(staff, input.storeId);
  const store = await storeById(storeId);
  if (!store || !store.active) throw new AppError('STORE_NOT_FOUND');
  const { data: team } = await db.collection<StaffDoc>(C.staff).where({ storeId, status: 'active' }).limit(100).get();
  const targets = [
    { staffId: null, label: `${store.name}`, scene: formatScene({ storeId }) },
    ...team.map((member) => ({ staffId: member._id, label: `${store.name} · ${member.name}`, scene: formatScene({ storeId, staffCode: member.code }) })),
  ];
  const codes: CounterCodeView[] = [];
  for (const target of targets) {
    const png = await openapi.getUnlimited({ scene: target.scene, page: JOIN_PAGE });
    codes.push({ storeId, staffId: target.staffId, label: target.label, scene: target.scene, page: JOIN_PAGE, pngBase64: png.toString('base64') });
  }
  return { codes };
}
