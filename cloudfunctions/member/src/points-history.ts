import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { MemberContract } from '../../../shared/contracts/member';
import type { PointsHistoryView } from '../../../shared/contracts/views';
import { db, _ } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type LedgerDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { requireMember, storeNames } from '../../../server/queries';

/** Newest first, paged by a cursor (the last entry's time and id) so new entries never shift a page. */
export async function pointsHistory(input: ParsedInputOf<MemberContract, 'pointsHistory'>, ctx: RequestContext): Promise<PointsHistoryView> {
  const member = await requireMember(ctx.openid);
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const where = cursor ? { memberId: member._id, createdAt: _.lte(cursor.at) } : { memberId: member._id };
  // Entries sharing the cursor's instant are fetched again and dropped up to the cursor's id.
  const { data } = await db
    .collection<LedgerDoc>(C.ledger)
    .where(where)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(input.limit + 1 + (cursor ? 20 : 0))
    .get();
  const fresh = cursor ? data.filter((e) => e.createdAt.getTime() < cursor.at.getTime() || e._id < cursor.id) : data;
  const page = fresh.slice(0, input.limit);
  const names = await storeNames(page.map((e) => e.storeId));
  const last = page[page.length - 1];
  return {
    balance: member.pointsBalance,
    nextCursor: fresh.length > input.limit && last ? encodeCursor(last.createdAt, last._id) : null,
    entries: page.map((entry) => ({
      id: entry._id,
      type: entry.type,
      points: entry.points,
      reason: entry.reason,
      storeName: entry.storeId ? (names.get(entry.storeId) ?? '') : '',
      createdAt: entry.createdAt.toISOString(),
      ...(entry.expiresAt && entry.points > 0 ? { expiresAt: entry.expiresAt.toISOString() } : {}),
    })),
  };
}

function encodeCursor(at: Date, id: string): string {
  return `${at.getTime().toString(36)}.${id}`;
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [time, id] = cursor.split('.');
  const at = new Date(parseInt(time, 36));
  if (!id || Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', { cursor: '分页参数无效' });
  return { at, id };
}
