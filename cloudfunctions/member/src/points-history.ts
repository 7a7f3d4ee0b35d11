import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { MemberContract } from '../../../shared/contracts/member';
import type { PointsHistoryView } from '../../../shared/contracts/views';
import { db, _ } from '../../../server/cloud';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type LedgerDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { requireMember } from '../../../server/queries';

/**
 * Newest first, paged by a cursor on the total order (createdAt, _id), so every entry is reached
 * exactly once however many share one instant (the expiry job writes one per lot at the same time)
 * and new entries never shift a page.
 */
export async function pointsHistory(input: ParsedInputOf<MemberContract, 'pointsHistory'>, ctx: RequestContext): Promise<PointsHistoryView> {
  const member = await requireMember(ctx.openid);
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const where = cursor
    ? _.and([{ memberId: member._id }, _.or([{ createdAt: _.lt(cursor.at) }, { createdAt: cursor.at, _id: _.lt(cursor.id) }])])
    : { memberId: member._id };
  const { data } = await db.collection<LedgerDoc>(C.ledger).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(input.limit + 1).get();
  const page = data.slice(0, input.limit);
  const named = await names({ stores: page.map((e) => e.storeId) });
  const last = page[page.length - 1];
  return {
    balance: member.pointsBalance,
    nextCursor: data.length > input.limit && last ? encodeCursor(last.createdAt, last._id) : null,
    entries: page.map((entry) => ({
      id: entry._id,
      type: entry.type,
      points: entry.points,
      reason: entry.reason,
      storeName: named.store(entry.storeId),
      createdAt: entry.createdAt.toISOString(),
      ...(entry.expiresAt && entry.points > 0 ? { expiresAt: entry.expiresAt.toISOString() } : {}),
    })),
  };
}

function encodeCursor(at: Date, id: string): string {
  return `${at.getTime().toString(36)}.${id}`;
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const dot = cursor.indexOf('.');
  const at = new Date(parseInt(cursor.slice(0, dot), 36));
  const id = cursor.slice(dot + 1);
  if (dot < 1 || !id || Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', { cursor: '分页参数无效' });
  return { at, id };
}
