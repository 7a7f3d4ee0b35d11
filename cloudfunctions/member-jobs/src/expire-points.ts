import { expireReason } from '../../../shared/rules/ledger-text';
import { applyExpiry } from '../../../shared/rules/member-state';
import { shanghaiYear } from '../../../shared/time/shanghai';
import { C, type LedgerDoc, type MemberDoc } from '../../../server/documents';
import { newId } from '../../../server/ids';
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
      for (const lot of result.expired) {
        const earnedAt = lots.get(lot.lotId)?.earnedAt ?? now;
        await txn.collection<LedgerDoc>(C.ledger).add({
          data: {
            _id: newId(),
            memberId: _id,
            type: 'expire',
            points: -lot.points,
            reason: expireReason(shanghaiYear(earnedAt)),
            storeId: null,
            staffId: null,
            purchaseId: null,
            expiresAt: null,
            createdAt: now,
          },
        });
      }
      return result.expired.reduce((sum, lot) => sum + lot.points, 0);
    });
  });
  return { ...progress, points };
}
