import { expireReason } from '../../../shared/rules/ledger-text';
import { applyExpiry } from '../../../shared/rules/member-state';
import { shanghaiYear } from '../../../shared/time/shanghai';
import { C, type LedgerDoc, type MemberDoc } from '../../../server/documents';
import { expiryEntryId } from '../../../server/ids';
import { memberState, saveMember, withMemberState } from '../../../server/member-state';
import { txnGet, withTransaction } from '../../../server/transaction';
import { forEachDue } from './due-members';

/** Lots past their expiry leave the balance, each with an `expire` ledger entry. */
export async function expirePoints(now: Date, deadline: number) {
  let points = 0;
  const progress = await forEachDue('pointsNextExpiry', now, deadline, async (found) => {
    points += await withTransaction(async (txn) => {
      const member = await txnGet<MemberDoc>(txn, C.members, found._id);
      if (!member) return 0;
      const lots = new Map(member.pointsLots.map((lot) => [lot.id, lot]));
      const result = applyExpiry(memberState(member), now);
      const { _id } = member;
      await saveMember(txn, withMemberState(member, result.state));
      // One entry per lot, named after it: a lot expires once, and a later void of its purchase finds it.
      const entries: Array<LedgerDoc & { _id: string }> = result.expired.map((lot) => ({
        _id: expiryEntryId(lot.lotId),
        memberId: _id,
        type: 'expire',
        points: -lot.points,
        reason: expireReason(shanghaiYear(lots.get(lot.lotId)?.earnedAt ?? now)),
        storeId: null,
        staffId: null,
        purchaseId: null,
        expiresAt: null,
        createdAt: now,
      }));
      for (const entry of entries) await txn.collection<LedgerDoc>(C.ledger).add({ data: entry });
      return result.expired.reduce((sum, lot) => sum + lot.points, 0);
    });
  });
  return { ...progress, points };
}
