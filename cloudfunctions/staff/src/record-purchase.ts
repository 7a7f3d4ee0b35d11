import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { PurchaseResultView } from '../../../shared/contracts/views';
import { toTierView } from '../../../shared/rules/brand-settings';
import { earnReason } from '../../../shared/rules/ledger-text';
import { applyPurchase } from '../../../shared/rules/member-state';
import { tierById } from '../../../shared/rules/tiers';
import type { Stored } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type LedgerDoc, type MemberDoc, type PurchaseDoc, type TierChangeDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { newId } from '../../../server/ids';
import { memberState, saveMember, withMemberState } from '../../../server/member-state';
import { requireStaff, storeById } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { txnGet, withTransaction } from '../../../server/transaction';
import { purchaseView } from '../../../server/views';

/**
 * Records a purchase at the caller's store: points (with the tier's multiplier), growth and any
 * upgrade, in one transaction over the member document plus the new purchase, ledger entry and tier
 * change. The purchase id is the store and order number, so the same order never counts twice: a
 * repeat (double tap, retry, a second till) answers the first result with `duplicate: true`.
 */
export async function recordPurchase(input: ParsedInputOf<StaffContract, 'recordPurchase'>, ctx: RequestContext): Promise<PurchaseResultView> {
  const staff = await requireStaff(ctx.openid);
  const [settings, store] = await Promise.all([brandSettings(), storeById(staff.storeId)]);
  const purchaseId = `${staff.storeId}_${input.orderNo}`;

  const outcome = await withTransaction(async (txn) => {
    const [existing, member] = await Promise.all([
      txnGet<PurchaseDoc>(txn, C.purchases, purchaseId),
      txnGet<MemberDoc>(txn, C.members, input.memberId),
    ]);
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    if (existing) {
      if (existing.memberId !== input.memberId || existing.amountFen !== input.amountFen) throw new AppError('ORDER_CONFLICT');
      return { purchase: existing, member, duplicate: true };
    }
    const lotId = newId();
    const result = applyPurchase(memberState(member), { amountFen: input.amountFen, lotId, now: ctx.now }, settings);
    const purchase: Stored<PurchaseDoc> = {
      _id: purchaseId,
      memberId: member._id,
      storeId: staff.storeId,
      staffId: staff._id,
      orderNo: input.orderNo,
      amountFen: input.amountFen,
      categories: input.categories,
      growth: result.growth,
      points: result.points,
      lotId,
      tierBefore: result.tierBefore.id,
      tierAfter: result.tierAfter.id,
      status: 'valid',
      paidAt: ctx.now,
      voidedAt: null,
      voidedBy: null,
      voidReason: '',
    };
    const updated = withMemberState(member, result.state, {
      purchaseCount: member.purchaseCount + 1,
      totalSpendFen: member.totalSpendFen + input.amountFen,
      lastPurchaseAt: ctx.now,
      ...(result.upgraded ? { tierSince: ctx.now } : {}),
    });
    await saveMember(txn, updated);
    await txn.collection<PurchaseDoc>(C.purchases).add({ data: purchase });
    if (result.points > 0) {
      await txn.collection<LedgerDoc>(C.ledger).add({
        data: {
          _id: lotId,
          memberId: member._id,
          type: 'earn',
          points: result.points,
          reason: earnReason(input.orderNo),
          storeId: staff.storeId,
          staffId: staff._id,
          purchaseId,
          expiresAt: result.state.pointsLots.find((lot) => lot.id === lotId)?.expiresAt ?? null,
          createdAt: ctx.now,
        },
      });
    }
    if (result.upgraded) {
      await txn.collection<TierChangeDoc>(C.tierChanges).add({
        data: { memberId: member._id, from: result.tierBefore.id, to: result.tierAfter.id, reason: 'purchase', growth: result.rollingGrowth, purchaseId, at: ctx.now },
      });
    }
    return { purchase, member: updated, duplicate: false };
  });

  const { tiers } = settings;
  const tierBefore = toTierView(tierById(tiers, outcome.purchase.tierBefore));
  const tierAfter = toTierView(tierById(tiers, outcome.purchase.tierAfter));
  return {
    purchase: purchaseView(outcome.purchase, store?.name ?? '', staff.name),
    duplicate: outcome.duplicate,
    pointsBalance: outcome.member.pointsBalance,
    tierBefore,
    tierAfter,
    upgraded: outcome.purchase.tierBefore !== outcome.purchase.tierAfter,
  };
}
