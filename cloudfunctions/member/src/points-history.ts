import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { MemberContract } from '../../../shared/contracts/member';
import type { PointsHistoryView } from '../../../shared/contracts/views';
import { db, _ } from '../../../server/cloud';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type LedgerDoc } from '../../../server/documents';
import { afterCursor, decodeCursor, encodeCursor } from '../../../server/list-cursor';
import { requireMember } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { subscriptionViews } from '../../../server/subscriptions';

/**
 * Newest first, paged by a cursor on the total order (createdAt, _id), so every entry is reached
 * exactly once however many share one instant (the expiry job writes one per lot at the same time)
 * and new entries never shift a page.
 */
export async function pointsHistory(input: ParsedInputOf<MemberContract, 'pointsHistory'>, ctx: RequestContext): Promise<PointsHistoryView> {
  const [member, settings] = await Promise.all([requireMember(ctx.openid), brandSettings()]);
  const where = input.cursor ? _.and([{ memberId: member._id }, afterCursor('createdAt', decodeCursor(input.cursor), true)]) : { memberId: member._id };
  const { data } = await db.collection<LedgerDoc>(C.ledger).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(input.limit + 1).get();
  const page = data.slice(0, input.limit);
  const named = await names({ stores: page.map((e) => e.storeId) });
  const last = page[page.length - 1];
  return {
    balance: member.pointsBalance,
    subscriptions: subscriptionViews(member, settings),
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
