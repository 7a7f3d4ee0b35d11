import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StaffContract } from '../../../shared/contracts/staff';
import type { VoidResultView } from '../../../shared/contracts/views';
import { toTierView } from '../../../shared/rules/brand-settings';
import { reverseReason } from '../../../shared/rules/ledger-text';
import { applyVoid } from '../../../shared/rules/member-state';
import { purchaseStatsOf, RECENT_PURCHASES_KEPT, removePurchaseStats } from '../../../shared/rules/purchase-stats';
import { tierById } from '../../../shared/rules/tiers';
import { db, type Stored, type Transaction } from '../../../server/cloud';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type LedgerDoc, type MemberDoc, type PurchaseDoc, type TierChangeDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { expiryEntryId, reversalEntryId } from '../../../server/ids';
import { memberState, saveMember, withMemberState } from '../../../server/member-state';
import { requireStaff } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { assertNotOwnMembership } from '../../../server/staff-guard';
import { txnGet, withTransaction } from '../../../server/transaction';
import { purchaseView } from '../../../server/views';

/**
 * Voids a purchase in one transaction: its points (less any that already expired) and growth are taken
 * back with a `reverse` ledger entry, and it leaves the member's purchase figures. Voiding twice
 * reverses once. Clerks and managers void their own store's purchases only, and nobody their own.
 */
export async function voidPurchase(input: ParsedInputOf<StaffContract, 'voidPurchase'>, ctx: RequestContext): Promise<VoidResultView> {
  const staff = await requireStaff(ctx.openid);
  const settings = await brandSettings();

  const outcome = await withTransaction(async (txn) => {
    const purchase = await txnGet<PurchaseDoc>(txn, C.purchases, input.purchaseId);
    if (!purchase) throw new AppError('PURCHASE_NOT_FOUND');
    if (staff.role !== 'admin' && purchase.storeId !== staff.storeId) throw new AppError('PURCHASE_OTHER_STORE');
    const member = await txnGet<MemberDoc>(txn, C.members, purchase.memberId);
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    assertNotOwnMembership(staff, member);
    if (purchase.status === 'voided') return { purchase, member, alreadyVoided: true, reversed: 0, lastPurchaseUnknown: false };

    const expiredPoints = member.pointsLots.some((lot) => lot.id === purchase.lotId) ? 0 : await expiredPointsOfLot(txn, purchase.lotId);
    const result = applyVoid(
      memberState(member),
      { points: purchase.points, expiredPoints, growth: purchase.growth, lotId: purchase.lotId, paidAt: purchase.paidAt, tierBefore: purchase.tierBefore, tierAfter: purchase.tierAfter, now: ctx.now },
      settings,
    );
    const stats = removePurchaseStats(purchaseStatsOf(member), { id: purchase._id, at: purchase.paidAt, fen: purchase.amountFen });
    const voided: Stored<PurchaseDoc> = { ...purchase, status: 'voided', voidedAt: ctx.now, voidedBy: staff._id, voidReason: input.reason };
    const updated = withMemberState(member, result.state, { ...stats.stats, ...(result.tierChanged ? { tierSince: ctx.now } : {}) });
    await saveMember(txn, updated);
    await txn.collection<PurchaseDoc>(C.purchases).doc(purchase._id).update({ data: { status: 'voided', voidedAt: ctx.now, voidedBy: staff._id, voidReason: input.reason } });
    if (result.pointsReversed > 0) {
      await txn.collection<LedgerDoc>(C.ledger).add({
        data: {
          _id: reversalEntryId(purchase._id),
          memberId: member._id,
          type: 'reverse',
          points: -result.pointsReversed,
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
    return { purchase: voided, member: updated, alreadyVoided: false, reversed: result.pointsReversed, lastPurchaseUnknown: stats.lastPurchaseUnknown };
  });

  if (outcome.lastPurchaseUnknown) await restoreLastPurchase(outcome.member._id);
  const named = await names({ stores: [outcome.purchase.storeId], staff: [outcome.purchase.staffId] });
  return {
    purchase: purchaseView(outcome.purchase, named.store(outcome.purchase.storeId), named.staff(outcome.purchase.staffId)),
    alreadyVoided: outcome.alreadyVoided,
    pointsReversed: outcome.reversed,
    pointsBalance: outcome.member.pointsBalance,
    tierAfter: toTierView(tierById(settings.tiers, outcome.member.tierId)),
  };
}

/** What of a lot left the balance by expiring (its expiry entry), 0 if it was spent instead. */
async function expiredPointsOfLot(txn: Transaction, lotId: string): Promise<number> {
  const entry = await txnGet<LedgerDoc>(txn, C.ledger, expiryEntryId(lotId));
  return entry ? -entry.points : 0;
}

/**
 * The member's newest kept purchases were all voided but older ones exist: read the newest valid ones
 * back. Only where nothing was recorded meanwhile (lastPurchaseAt still null), so it is safe to repeat.
 */
async function restoreLastPurchase(memberId: string): Promise<void> {
  const { data } = await db
    .collection<PurchaseDoc>(C.purchases)
    .where({ memberId, status: 'valid' })
    .orderBy('paidAt', 'desc')
    .limit(RECENT_PURCHASES_KEPT)
    .get();
  if (!data[0]) return;
  const recentPurchases = data.map((p) => ({ id: p._id, at: p.paidAt, fen: p.amountFen }));
  await db.collection<MemberDoc>(C.members).where({ _id: memberId, lastPurchaseAt: null }).update({ data: { lastPurchaseAt: data[0].paidAt, recentPurchases } });
}
