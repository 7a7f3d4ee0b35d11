import { applyReview } from '../../../shared/rules/member-state';
import type { TierChangeDoc, MemberDoc } from '../../../server/documents';
import { C } from '../../../server/documents';
import { memberState, saveMember, withMemberState } from '../../../server/member-state';
import { brandSettings } from '../../../server/settings';
import { txnGet, withTransaction } from '../../../server/transaction';
import { forEachDue } from './due-members';

/** Members whose rolling growth may have fallen below their tier's keep threshold: down at most one tier each. */
export async function reviewTiers(now: Date, deadline: number) {
  const settings = await brandSettings();
  let downgraded = 0;
  const progress = await forEachDue('tierReviewAt', now, deadline, async (found) => {
    const moved = await withTransaction(async (txn) => {
      const member = await txnGet<MemberDoc>(txn, C.members, found._id);
      if (!member || !member.tierReviewAt || member.tierReviewAt.getTime() > now.getTime()) return false;
      const result = applyReview(memberState(member), now, settings);
      const { _id } = member;
      await saveMember(txn, withMemberState(member, result.state, result.downgraded ? { tierSince: now } : {}));
      if (result.downgraded) {
        await txn.collection<TierChangeDoc>(C.tierChanges).add({
          data: { memberId: _id, from: result.from.id, to: result.to.id, reason: 'review', growth: result.rollingGrowth, purchaseId: null, at: now },
        });
      }
      return result.downgraded;
    });
    if (moved) downgraded++;
  });
  return { ...progress, downgraded };
}
