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
import { C, receiptOf, type LedgerDoc, type MemberDoc, type PurchaseDoc, type PurchaseReceipt, type StaffDoc, type TierChangeDoc } from '../../../server/documents';
import { giveBackCoupons } from '../../../server/coupons';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { expiryEntryId, reversalEntryId } from '../../../server/ids';
import { memberState, saveMember, withMemberState } from '../../../server/member-state';
import { careAfterVoid } from '../../../server/care-fields';
import { dayChangedByVoid, rollupId } from '../../../server/rollups';
import { requireStaff } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { assertNotOwnMembership } from '../../../server/staff-guard';
import { txnGet, withTransaction } from '../../../server/transaction';
import type { PurchaseView } from '../../../shared/contracts/views';

type Outcome = { receipt: PurchaseReceipt; member: Stored<MemberDoc>; alreadyVoided: boolean; reversed: number; lastPurchaseUnknown: boolean };

/**
 * Voids a purchase in one transaction: its points (less any that already expired) and growth are taken
 * back with a `reverse` ledger entry, it leaves the member's purchase figures, and its coupons go back
 * by the brand's refund policy. A recent purchase is
 * voided from the receipt on the member's document (given the member); an older one is read first.
 * Voiding twice reverses once. Clerks and managers void their own store's purchases only, and nobody
 * their own.
 */
export async function voidPurchase(input: ParsedInputOf<StaffContract, 'voidPurchase'>, ctx: RequestContext): Promise<VoidResultView> {
  const staff = await requireStaff(ctx.openid);
  const settings = await brandSettings();

  const outcome = await withTransaction(async (txn): Promise<Outcome> => {
    const found = await findPurchase(txn, input.purchaseId, input.memberId);
    const { member, receipt } = found;
    if (staff.role !== 'admin' && receipt.storeId !== staff.storeId) throw new AppError('PURCHASE_OTHER_STORE');
    assertNotOwnMembership(staff, member);
    if (found.voided) return { receipt, member, alreadyVoided: true, reversed: 0, lastPurchaseUnknown: false };

    const expiredPoints = member.pointsLots.some((lot) => lot.id === receipt.lotId) ? 0 : await expiredPointsOfLot(txn, receipt.lotId);
    const result = applyVoid(
      memberState(member),
      { points: receipt.points, expiredPoints, growth: receipt.growth, lotId: receipt.lotId, paidAt: receipt.at, tierBefore: receipt.tierBefore, tierAfter: receipt.tierAfter, now: ctx.now },
      settings,
    );
    const stats = removePurchaseStats(purchaseStatsOf(member), receipt);
    const updated = withMemberState(member, result.state, {
      ...stats.stats,
      ...careAfterVoid(member, receipt, stats.stats.purchaseCount, ctx.now),
      journeyDueAt: ctx.now,
      ...(result.tierChanged ? { tierSince: ctx.now } : {}),
    });
    await saveMember(txn, updated);
    await txn.collection<PurchaseDoc>(C.purchases).doc(receipt.id).update({ data: { status: 'voided', voidedAt: ctx.now, voidedBy: staff._id, voidReason: input.reason } });
    // Named after the purchase: even a second void that raced past the reads could not write it twice.
    if (result.pointsReversed > 0) await txn.collection<LedgerDoc>(C.ledger).add({ data: reversalEntry(receipt, member._id, result.pointsReversed, staff, ctx.now) });
    // The dashboard's rollup of the sale's day changes: marked for the next refresh (set: a repeat is harmless).
    const changed = dayChangedByVoid(receipt, ctx.now);
    if (changed) await txn.collection(C.rollupDirty).doc(rollupId(changed.storeId, changed.day)).set({ data: changed });
    await giveBackCoupons(txn, receipt.couponIds ?? [], { purchaseId: receipt.id, staffId: staff._id, policy: settings.couponRefundPolicy, now: ctx.now });
    if (result.tierChanged) {
      await txn.collection<TierChangeDoc>(C.tierChanges).add({
        data: { memberId: member._id, from: member.tierId, to: result.tierAfter.id, reason: 'void', growth: 0, purchaseId: receipt.id, at: ctx.now },
      });
    }
    return { receipt, member: updated, alreadyVoided: false, reversed: result.pointsReversed, lastPurchaseUnknown: stats.lastPurchaseUnknown };
  }).catch(async (error) => {
    // The reversal's unique id: another void of this purchase committed first.
    if (!isDuplicateKey(error)) throw error;
    return withTransaction(async (txn): Promise<Outcome> => {
      const { member, receipt } = await findPurchase(txn, input.purchaseId, undefined);
      return { receipt, member, alreadyVoided: true, reversed: 0, lastPurchaseUnknown: false };
    });
  });

  if (outcome.lastPurchaseUnknown) await restoreRecentPurchases(outcome.member._id);
  const named = await names({ stores: [outcome.receipt.storeId], staff: [outcome.receipt.staffId] });
  return {
    purchase: voidedView(outcome.receipt, named.store(outcome.receipt.storeId), named.staff(outcome.receipt.staffId)),
    alreadyVoided: outcome.alreadyVoided,
    pointsReversed: outcome.reversed,
    pointsBalance: outcome.member.pointsBalance,
    tierAfter: toTierView(tierById(settings.tiers, outcome.member.tierId)),
  };
}

/**
 * The purchase and its member. A receipt on the given member's document means a valid recent
 * purchase — no need to read it; otherwise the purchase itself says what it is and whose.
 */
async function findPurchase(txn: Transaction, purchaseId: string, memberId: string | undefined): Promise<{ member: Stored<MemberDoc>; receipt: PurchaseReceipt; voided: boolean }> {
  const given = memberId ? await txnGet<MemberDoc>(txn, C.members, memberId) : null;
  const receipt = given?.recentPurchases?.find((p) => p.id === purchaseId);
  if (given && receipt) return { member: given, receipt, voided: false };
  const purchase = await txnGet<PurchaseDoc>(txn, C.purchases, purchaseId);
  if (!purchase) throw new AppError('PURCHASE_NOT_FOUND');
  const member = given?._id === purchase.memberId ? given : await txnGet<MemberDoc>(txn, C.members, purchase.memberId);
  if (!member) throw new AppError('MEMBER_NOT_FOUND');
  return { member, receipt: receiptOf(purchase), voided: purchase.status === 'voided' };
}

function reversalEntry(receipt: PurchaseReceipt, memberId: string, points: number, staff: Stored<StaffDoc>, now: Date): Stored<LedgerDoc> {
  return {
    _id: reversalEntryId(receipt.id),
    memberId,
    type: 'reverse',
    points: -points,
    reason: reverseReason(receipt.orderNo),
    storeId: staff.storeId,
    staffId: staff._id,
    purchaseId: receipt.id,
    expiresAt: null,
    createdAt: now,
  };
}

function voidedView(receipt: PurchaseReceipt, storeName: string, staffName: string): PurchaseView {
  return {
    purchaseId: receipt.id,
    orderNo: receipt.orderNo,
    amountFen: receipt.amountFen ?? receipt.fen,
    discountFen: (receipt.amountFen ?? receipt.fen) - receipt.fen,
    paidFen: receipt.fen,
    categories: receipt.categories,
    storeName,
    staffName,
    pointsEarned: receipt.points,
    growthAdded: receipt.growth,
    status: 'voided',
    paidAt: receipt.at.toISOString(),
  };
}

/** What of a lot left the balance by expiring (its expiry entry), 0 if it was spent instead. */
async function expiredPointsOfLot(txn: Transaction, lotId: string): Promise<number> {
  const entry = await txnGet<LedgerDoc>(txn, C.ledger, expiryEntryId(lotId));
  return entry ? -entry.points : 0;
}

/**
 * The member's kept purchases were all voided but older ones exist: read the newest valid ones back.
 * Only where nothing was recorded meanwhile (lastPurchaseAt still null), so it is safe to repeat.
 */
async function restoreRecentPurchases(memberId: string): Promise<void> {
  const { data } = await db
    .collection<PurchaseDoc>(C.purchases)
    .where({ memberId, status: 'valid' })
    .orderBy('paidAt', 'desc')
    .limit(RECENT_PURCHASES_KEPT)
    .get();
  if (!data[0]) return;
  await db.collection<MemberDoc>(C.members).where({ _id: memberId, lastPurchaseAt: null }).update({ data: { lastPurchaseAt: data[0].paidAt, recentPurchases: data.map(receiptOf) } });
}
