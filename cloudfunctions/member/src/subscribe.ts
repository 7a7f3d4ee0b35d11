import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { SubscriptionView } from '../../../shared/contracts/automation-views';
import type { MemberContract } from '../../../shared/contracts/member';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MemberDoc, type QuotaLedgerDoc } from '../../../server/documents';
import { isDuplicateKey } from '../../../server/errors';
import { requireMember } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { acceptanceId, subscriptionViews } from '../../../server/subscriptions';
import { txnGet, withTransaction } from '../../../server/transaction';

/**
 * Counts what the shopper accepted in a subscription prompt: one more send for each accepted template,
 * and a ledger entry for each, in one transaction. The entries' ids carry the request id, so a report
 * sent twice (a retry, a double tap) fails on the first entry and changes nothing. Rejections change
 * nothing either: an acceptance already counted stays usable, as it does with WeChat.
 */
export async function subscribe(input: ParsedInputOf<MemberContract, 'subscribe'>, ctx: RequestContext): Promise<{ subscriptions: SubscriptionView[] }> {
  const [found, settings] = await Promise.all([requireMember(ctx.openid), brandSettings()]);
  const accepted = [...new Set(input.accepted)].filter((key) => settings.messages.templateIds[key] !== '');
  let member: MemberDoc = found;
  if (accepted.length) {
    try {
      member = await withTransaction(async (txn) => {
        const current = (await txnGet<MemberDoc>(txn, C.members, found._id)) ?? found;
        const quota = { ...current.messageQuota };
        for (const key of accepted) {
          await txn.collection<QuotaLedgerDoc>(C.quotaLedger).add({
            data: { _id: acceptanceId(found._id, input.requestId, key), memberId: found._id, template: key, delta: 1, kind: 'accepted', ref: input.requestId, at: ctx.now },
          });
          quota[key] = (quota[key] ?? 0) + 1;
        }
        await txn.collection<MemberDoc>(C.members).doc(found._id).update({ data: { messageQuota: quota } });
        return { ...current, messageQuota: quota };
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      member = await requireMember(ctx.openid);
    }
  }
  return { subscriptions: subscriptionViews(member, settings) };
}
