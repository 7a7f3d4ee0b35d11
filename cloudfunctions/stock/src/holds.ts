import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { HoldView, StockContract } from '../../../shared/contracts/stock';
import { formatShanghaiDateTime } from '../../../shared/format/datetime';
import { _, db, type Stored } from '../../../server/cloud';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type HoldDoc, type MemberDoc, type ProductDoc, type StockDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { getById, requireStaff } from '../../../server/queries';

/**
 * Holds and transfers between stores. A clerk asks the store that has the product (pending); that
 * store accepts — the units are taken from `available` by one conditional update (available ≥ n), so
 * fifty clerks holding the last ten units get ten holds and the count never goes below zero — or
 * declines. An accepted hold reserves its units until it expires; the hourly job gives them back.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const STATUS_TEXT: Record<HoldDoc['status'], string> = { pending: '待处理', accepting: '处理中', accepted: '已留货', declined: '已拒绝', expired: '已过期', cancelled: '已取消' };

async function views(docs: Array<Stored<HoldDoc>>): Promise<HoldView[]> {
  const named = await names({ stores: docs.flatMap((h) => [h.fromStoreId, h.pickupStoreId]), staff: docs.map((h) => h.requestedBy) });
  const memberIds = [...new Set(docs.map((h) => h.memberId).filter((m): m is string => m !== null))];
  const members = memberIds.length ? (await db.collection<MemberDoc>(C.members).where({ _id: _.in(memberIds) }).field({ name: true }).limit(100).get()).data : [];
  return docs.map((h) => ({
    id: h._id,
    kind: h.kind,
    sku: h.sku,
    productName: h.productName,
    quantity: h.quantity,
    fromStoreName: named.store(h.fromStoreId),
    pickupStoreName: named.store(h.pickupStoreId),
    memberName: members.find((m) => m._id === h.memberId)?.name ?? '',
    requestedByName: named.staff(h.requestedBy),
    status: h.status === 'accepting' ? 'pending' : h.status,
    statusText: STATUS_TEXT[h.status],
    expiresAt: h.expiresAt ? formatShanghaiDateTime(h.expiresAt) : null,
    createdAt: h.createdAt.toISOString(),
  }));
}

export async function requestHold(input: ParsedInputOf<StockContract, 'requestHold'>, ctx: RequestContext): Promise<{ hold: HoldView }> {
  const staff = await requireStaff(ctx.openid);
  const id = `hold:${staff._id}:${input.requestId}`;
  const product = await getById<ProductDoc>(C.products, input.sku);
  if (!product) throw new AppError('PRODUCT_NOT_FOUND');
  const doc: HoldDoc = {
    kind: input.kind,
    sku: input.sku,
    productName: product.name,
    quantity: input.quantity,
    fromStoreId: input.fromStoreId,
    // A hold is picked up where the stock is; a transfer comes to the asking store.
    pickupStoreId: input.kind === 'hold' ? input.fromStoreId : staff.storeId,
    memberId: input.memberId ?? null,
    requestedBy: staff._id,
    status: 'pending',
    days: input.days,
    expiresAt: null,
    decidedBy: null,
    decidedAt: null,
    reason: '',
    createdAt: ctx.now,
  };
  try {
    await db.collection<HoldDoc>(C.holds).add({ data: { ...doc, _id: id } });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const stored = (await getById<HoldDoc>(C.holds, id))!;
  return { hold: (await views([stored]))[0] };
}

export async function holds(input: ParsedInputOf<StockContract, 'holds'>, ctx: RequestContext): Promise<{ holds: HoldView[] }> {
  const staff = await requireStaff(ctx.openid);
  const where = input.box === 'incoming' ? { fromStoreId: staff.storeId } : { requestedBy: staff._id };
  const { data } = await db.collection<HoldDoc>(C.holds).where(where).orderBy('createdAt', 'desc').limit(50).get();
  return { holds: await views(data) };
}

/**
 * Accepting claims the request first (pending → accepting), then takes the units; no units: the
 * request is declined as out of stock. A second decision finds it no longer pending (HOLD_DECIDED).
 */
export async function decideHold(input: ParsedInputOf<StockContract, 'decideHold'>, ctx: RequestContext): Promise<{ hold: HoldView }> {
  const staff = await requireStaff(ctx.openid);
  const hold = await getById<HoldDoc>(C.holds, input.holdId);
  if (!hold) throw new AppError('HOLD_NOT_FOUND');
  if (hold.fromStoreId !== staff.storeId && staff.role !== 'admin') throw new AppError('HOLD_OTHER_STORE');
  const holdsCol = db.collection<HoldDoc>(C.holds);
  const decided = { decidedBy: staff._id, decidedAt: ctx.now };
  if (!input.accept) {
    const { stats } = await holdsCol.where({ _id: hold._id, status: 'pending' }).update({ data: { status: 'declined', reason: input.reason, ...decided } });
    if (stats.updated !== 1) throw new AppError('HOLD_DECIDED');
    return { hold: (await views([{ ...hold, status: 'declined', reason: input.reason, ...decided }]))[0] };
  }
  const claimed = await holdsCol.where({ _id: hold._id, status: 'pending' }).update({ data: { status: 'accepting', ...decided } });
  if (claimed.stats.updated !== 1) throw new AppError('HOLD_DECIDED');
  const taken = await db
    .collection<StockDoc>(C.stock)
    .where({ _id: `${hold.sku}:${hold.fromStoreId}`, available: _.gte(hold.quantity) })
    .update({ data: { available: _.inc(-hold.quantity), reserved: _.inc(hold.quantity), updatedAt: ctx.now } });
  if (taken.stats.updated !== 1) {
    await holdsCol.doc(hold._id).update({ data: { status: 'declined', reason: '库存不足' } });
    throw new AppError('STOCK_NOT_ENOUGH');
  }
  const expiresAt = new Date(ctx.now.getTime() + hold.days * DAY_MS);
  await holdsCol.doc(hold._id).update({ data: { status: 'accepted', expiresAt } });
  return { hold: (await views([{ ...hold, status: 'accepted', expiresAt, ...decided }]))[0] };
}
