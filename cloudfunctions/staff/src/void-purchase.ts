import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { VoidResultView } from '../../../shared/contracts/views';
import { toTierView } from '../../../shared/rules/brand-settings';
import { reverseReason } from '../../../shared/rules/ledger-text';
import { applyVoid } from '../../../shared/rules/member-state';
import { tierById } from '../../../shared/rules/tiers';
import { db, type Stored } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type LedgerDoc, type MemberDoc, type PurchaseDoc, type TierChangeDoc } from '../../../server/documents';
import { AppError, isNotFound } from '../../../server/errors';
import { newId } from '../../../server/ids';
import { memberState, saveMember, withMemberState } from '../../../server/member-state';
import { requireStaff, staffNames, storeNames } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { txnGet, withTransaction } from '../../../server/transaction';
import { purchaseView } from '../../../server/views';

/**
 * Voids a purchase: its points and growth are taken back in one transaction, with a `reverse` ledger
 * entry. Voiding twice reverses once. Clerks and managers void their own store's purchases only.
 */
export async function voidPurchase(input: ParsedInputOf<StaffContract, 'voidPurchase'>, ctx: RequestContext): Promise<VoidResultView> {
  const staff = await requireStaff(ctx.openid);
  const settings = await brandSettings();
  const found = await purchaseById(input.purchaseId);
  if (staff.role !== 'admin' && found.storeId !== staff.storeId) throw new AppError('PURCHASE_OTHER_STORE');

  const outcome = await withTransaction(async (txn) => {
    const purchase = await txnGet<PurchaseDoc>(txn, C.purchases, input.purchaseId);
    if (!purchase) throw new AppError('PURCHASE_NOT_FOUND');
    const member = await txnGet<MemberDoc>(txn, C.members, purchase.memberId);
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    if (purchase.status === 'voided') return { purchase, member, alreadyVoided: true, reversed: 0 };

    const result = applyVoid(
      memberState(member),
      { points: purchase.points, growth: purchase.growth, lotId: purchase.lotId, paidAt: purchase.paidAt, tierBefore: purchase.tierBefore, tierAfter: purchase.tierAfter, now: ctx.now },
      settings,
    );
    const voided: Stored<PurchaseDoc> = { ...purchase, status: 'voided', voidedAt: ctx.now, voidedBy: staff._id, voidReason: input.reason };
    const updated = withMemberState(member, result.state, result.tierChanged ? { tierSince: ctx.now } : {});
    await saveMember(txn, updated);
    await txn.collection<PurchaseDoc>(C.purchases).doc(purchase._id).update({ data: { status: 'voided', voidedAt: ctx.now, voidedBy: staff._id, voidReason: input.reason } });
    if (purchase.points > 0) {
      await txn.collection<LedgerDoc>(C.ledger).add({
        data: {
          _id: newId(),
          memberId: member._id,
          type: 'reverse',
          points: -purchase.points,
          reason: reverseReason(purchase.orderNo),
          storeId: staff.storeId,
          staffId: staff._id,
          purchaseId: purchase._id,
          expiresAt: null,
          createdAt: ctx.now,
        },
      });
    }
    if (result.tierChanged) {
      await txn.collection<TierChangeDoc>(C.tierChanges).add({
        data: { memberId: member._id, from: member.tierId, to: result.tierAfter.id, reason: 'void', growth: 0, purchaseId: purchase._id, at: ctx.now },
      });
    }
    return { purchase: voided, member: updated, alreadyVoided: false, reversed: result.pointsReversed };
  });

  const [stores, staffById] = await Promise.all([storeNames([outcome.purchase.storeId]), staffNames([outcome.purchase.staffId])]);
  return {
    purchase: purchaseView(outcome.purchase, stores.get(outcome.purchase.storeId) ?? '', staffById.get(outcome.purchase.staffId) ?? ''),
    alreadyVoided: outcome.alreadyVoided,
    pointsReversed: outcome.reversed,
    pointsBalance: outcome.member.pointsBalance,
    tierAfter: toTierView(tierById(settings.tiers, outcome.member.tierId)),
  };
}

async function purchaseById(purchaseId: string): Promise<Stored<PurchaseDoc>> {
  try {
    return (await db.collection<PurchaseDoc>(C.purchases).doc(purchaseId).get()).data;
  } catch (error) {
    if (isNotFound(error)) throw new AppError('PURCHASE_NOT_FOUND');
    throw error;
  }
}
