import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AdminContract } from '../../../shared/contracts/admin';
import type { HandOverView } from '../../../shared/contracts/care-views';
import { audit } from '../../../server/audit';
import { db, type Stored } from '../../../server/cloud';
import { forgetDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type HandOverDoc, type StaffDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { continueHandOver, handOverTotals, handOverView } from '../../../server/hand-over';
import { getById, requireStaff } from '../../../server/queries';

/** How long one call moves customers before answering with progress (the rest: the next call or the care jobs). */
const SLICE_MS = 3_000;

/** Managers offboard clerks of their store; admins anyone but themselves. */
function mayOffboard(caller: Stored<StaffDoc>, person: Stored<StaffDoc>): boolean {
  if (caller._id === person._id) return false;
  if (caller.role === 'admin') return true;
  return caller.role === 'manager' && person.role === 'clerk' && person.storeId === caller.storeId;
}

/** Who receives: the chosen clerk (active, same store), or every other active clerk of the store. */
async function receivers(person: Stored<StaffDoc>, toStaffId: string | undefined, spread: boolean): Promise<string[]> {
  if (toStaffId) {
    const to = await getById<StaffDoc>(C.staff, toStaffId);
    if (!to || to.status !== 'active' || to._id === person._id) throw new AppError('STAFF_NOT_FOUND');
    if (to.storeId !== person.storeId) throw new AppError('CUSTOMER_OUT_OF_SCOPE');
    return [to._id];
  }
  if (!spread) throw new AppError('INVALID_INPUT', { toStaffId: '请选择接手的店员或平均分配' });
  const { data } = await db.collection<StaffDoc>(C.staff).where({ storeId: person.storeId, status: 'active' }).limit(200).get();
  const others = data.filter((p) => p._id !== person._id);
  const clerks = others.filter((p) => p.role === 'clerk');
  const pool = (clerks.length ? clerks : others.filter((p) => p.role === 'manager')).map((p) => p._id).sort();
  if (!pool.length) throw new AppError('NO_HANDOVER_TARGET');
  return pool;
}

/**
 * Offboarding: the person is disabled first (from that moment every staff action refuses them), the
 * hand-over is filed once (its id is theirs: a second call resumes it rather than starting another),
 * audited, and this call moves customers for a few seconds before answering with progress.
 */
export async function offboard(input: ParsedInputOf<AdminContract, 'offboard'>, ctx: RequestContext): Promise<HandOverView> {
  const caller = await requireStaff(ctx.openid);
  if (caller._id === input.staffId) throw new AppError('STAFF_SELF');
  const person = await getById<StaffDoc>(C.staff, input.staffId);
  if (!person) throw new AppError('STAFF_NOT_FOUND');
  if (!mayOffboard(caller, person)) throw new AppError('FORBIDDEN');
  let handOver = await getById<HandOverDoc>(C.handOvers, person._id);
  if (!handOver) {
    const toStaffIds = await receivers(person, input.toStaffId, input.spread);
    await db.collection<StaffDoc>(C.staff).where({ _id: person._id, status: 'active' }).update({ data: { status: 'disabled' } });
    forgetDirectory();
    const filed: Stored<HandOverDoc> = {
      _id: person._id,
      staffId: person._id,
      storeId: person.storeId,
      status: 'running',
      spread: !input.toStaffId,
      toStaffIds,
      offset: 0,
      ...(await handOverTotals(person._id)),
      startedBy: caller._id,
      startedAt: ctx.now,
      finishedAt: null,
    };
    try {
      await db.collection<HandOverDoc>(C.handOvers).add({ data: filed });
      await audit(caller, { action: 'offboard', targetStaffId: person._id, detail: filed.spread ? `停用并平均交接给${toStaffIds.length}位店员` : `停用并交接给 ${toStaffIds[0]}` }, ctx.now);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    handOver = filed;
  } else if (person.status === 'active') {
    // A hand-over without the disable (a crash between the two): disable now.
    await db.collection<StaffDoc>(C.staff).where({ _id: person._id, status: 'active' }).update({ data: { status: 'disabled' } });
  }
  const progressed = (await continueHandOver(person._id, Date.now() + SLICE_MS, ctx.now)) ?? handOver;
  return handOverView(progressed, person.name);
}

/** Progress of a person's hand-over; while it runs, each look moves another slice. */
export async function handOver(input: ParsedInputOf<AdminContract, 'handOver'>, ctx: RequestContext): Promise<HandOverView | null> {
  const caller = await requireStaff(ctx.openid);
  const person = await getById<StaffDoc>(C.staff, input.staffId);
  if (!person) throw new AppError('STAFF_NOT_FOUND');
  if (caller.role === 'clerk' || (caller.role === 'manager' && person.storeId !== caller.storeId)) throw new AppError('FORBIDDEN');
  const progressed = await continueHandOver(person._id, Date.now() + SLICE_MS, ctx.now);
  return progressed ? handOverView(progressed, person.name) : null;
}

