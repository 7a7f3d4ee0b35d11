import type { PurchaseResultView } from '../../../shared/contracts/views';
import { toTierView, type BrandSettings } from '../../../shared/rules/brand-settings';
import { earnReason } from '../../../shared/rules/ledger-text';
import { applyPurchase } from '../../../shared/rules/member-state';
import { addPurchaseStats, purchaseStatsOf } from '../../../shared/rules/purchase-stats';
import { tierById } from '../../../shared/rules/tiers';
import type { Stored, Transaction } from '../../../server/cloud';
import { names } from '../../../server/directory';
import { C, receiptOf, type LedgerDoc, type MemberDoc, type PurchaseDoc, type StaffDoc, type TierChangeDoc } from '../../../server/documents';
import { couponsForSale, markUsed } from '../../../server/coupons';
import { careAfterPurchase } from '../../../server/care-fields';
import { AppError, isAppError, isDuplicateKey } from '../../../server/errors';
import { newId } from '../../../server/ids';
import { pointsChanged, tierUpgraded } from '../../../server/message-causes';
import { enqueueInTransaction, newMessage } from '../../../server/outbox';
import { memberState, saveMember, withMemberState } from '../../../server/member-state';
import { getById } from '../../../server/queries';
import { assertNotOwnMembership } from '../../../server/staff-guard';
import { txnGet, withTransaction } from '../../../server/transaction';
import { purchaseView } from '../../../server/views';

export interface Sale {
  /** The store where it was sold: the clerk's store when it was rung up. */
  storeId: string;
  memberId: string;
  amountFen: number;
  orderNo: string;
  categories: string[];
  /** Coupons to use on it: checked, priced and used in the sale's own transaction. */
  couponIds: string[];
}

/** The purchase id is the store and its order number: an order is recorded once, whoever submits it. */
export function purchaseIdFor(storeId: string, orderNo: string): string {
  return `${storeId}_${orderNo}`;
}

/**
 * Records a sale at its store and credits it to `clerk`: its coupons checked and used, points at the
 * member's tier multiplier and growth on what was paid, and any upgrade — in one transaction over the
 * member document, the coupons, the new purchase, ledger entry and tier change (`alsoInTransaction`
 * adds the approval's own update when a manager confirms). Two tills using one coupon at once: one
 * transaction wins, the other re-reads it used and refuses the sale.
 * The purchase's unique id settles every repeat — a double tap, a retry, a second till — without a
 * read: the insert fails and the first result is answered with `duplicate: true`. Nobody records on
 * their own membership, neither the clerk nor the manager confirming.
 */
export async function recordSale(
  sale: Sale,
  people: { clerk: Stored<StaffDoc>; approver?: Stored<StaffDoc> },
  settings: BrandSettings,
  now: Date,
  alsoInTransaction?: (txn: Transaction) => Promise<void>,
): Promise<PurchaseResultView> {
  const { clerk, approver } = people;
  const purchaseId = purchaseIdFor(sale.storeId, sale.orderNo);
  let outcome: { purchase: Stored<PurchaseDoc>; member: Stored<MemberDoc>; duplicate: boolean };
  try {
    outcome = await withTransaction(async (txn) => {
      const member = await txnGet<MemberDoc>(txn, C.members, sale.memberId);
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      assertNotOwnMembership(clerk, member);
      if (approver) assertNotOwnMembership(approver, member);
      const priced = await couponsForSale(txn, sale.couponIds, { memberId: member._id, storeId: sale.storeId, amountFen: sale.amountFen, now });
      const lotId = newId();
      const result = applyPurchase(memberState(member), { amountFen: priced.paidFen, lotId, now }, settings);
      const purchase: Stored<PurchaseDoc> = {
        _id: purchaseId,
        memberId: member._id,
        storeId: sale.storeId,
        staffId: clerk._id,
        orderNo: sale.orderNo,
        amountFen: sale.amountFen,
        categories: sale.categories,
        couponIds: priced.coupons.map((c) => c._id),
        discountFen: priced.discountFen,
        paidFen: priced.paidFen,
        growth: result.growth,
        points: result.points,
        lotId,
        tierBefore: result.tierBefore.id,
        tierAfter: result.tierAfter.id,
        status: 'valid',
        paidAt: now,
        voidedAt: null,
        voidedBy: null,
        voidReason: '',
        approvedBy: approver?._id ?? null,
      };
      const receipt = receiptOf(purchase);
      const updated = withMemberState(member, result.state, {
        ...addPurchaseStats(purchaseStatsOf(member), receipt),
        ...careAfterPurchase(member, receipt, now),
        ...(result.upgraded ? { tierSince: now } : {}),
        // The journey engine looks at the member next (purchase entries, conversions).
        journeyDueAt: now,
      });
      // The purchase goes first: a repeat of this order fails here, before anything else is written.
      await txn.collection<PurchaseDoc>(C.purchases).add({ data: purchase });
      await saveMember(txn, updated);
      if (result.points > 0) {
        await txn.collection<LedgerDoc>(C.ledger).add({
          data: {
            _id: lotId,
            memberId: member._id,
            type: 'earn',
            points: result.points,
            reason: earnReason(sale.orderNo),
            storeId: sale.storeId,
            staffId: clerk._id,
            purchaseId,
            expiresAt: result.state.pointsLots.find((lot) => lot.id === lotId)?.expiresAt ?? null,
            createdAt: now,
          },
        });
      }
      if (result.upgraded) {
        await txn.collection<TierChangeDoc>(C.tierChanges).add({
          data: { memberId: member._id, from: result.tierBefore.id, to: result.tierAfter.id, reason: 'purchase', growth: result.rollingGrowth, purchaseId, at: now },
        });
      }
      // Messages the sale causes, in its own transaction: once per purchase, whoever retries it.
      if (result.points > 0) {
        await enqueueInTransaction(txn, newMessage(updated, pointsChanged(purchaseId, { points: result.points, balance: updated.pointsBalance, reason: earnReason(sale.orderNo), at: now }), settings, now));
      }
      if (result.upgraded) await enqueueInTransaction(txn, newMessage(updated, tierUpgraded(purchaseId, result.tierAfter, now), settings, now));
      await markUsed(txn, priced.coupons, priced.applied, { purchaseId, storeId: sale.storeId, staffId: clerk._id, paidFen: priced.paidFen, now });
      if (alsoInTransaction) await alsoInTransaction(txn);
      return { purchase, member: updated, duplicate: false };
    });
  } catch (error) {
    // A repeat of a sale whose coupons the first one used fails on the coupons, before the purchase id.
    const couponRefused = isAppError(error) && (error.code === 'COUPON_NOT_APPLICABLE' || error.code === 'COUPON_NOT_FOUND');
    if (!isDuplicateKey(error) && !couponRefused) throw error;
    const before = await recordedBefore(purchaseId, sale);
    if (!before) throw couponRefused ? error : new AppError('BUSY');
    outcome = before;
  }
  return resultView(outcome, settings);
}

/** The order as recorded already (null if it is not): the same sale answers its first result; anything else under the number conflicts. */
async function recordedBefore(purchaseId: string, sale: Sale) {
  const [purchase, member] = await Promise.all([getById<PurchaseDoc>(C.purchases, purchaseId), getById<MemberDoc>(C.members, sale.memberId)]);
  if (!purchase || !member) return null;
  if (!sameSale(purchase, sale)) throw new AppError('ORDER_CONFLICT');
  return { purchase, member, duplicate: true };
}

/** A repeat of an order is the same sale when member, amount and coupons agree. */
export function sameSale(recorded: { memberId: string; amountFen: number; couponIds?: string[] }, sale: Sale): boolean {
  const key = (ids: string[] | undefined) => [...(ids ?? [])].sort().join(',');
  return recorded.memberId === sale.memberId && recorded.amountFen === sale.amountFen && key(recorded.couponIds) === key(sale.couponIds);
}

export async function resultView(
  outcome: { purchase: Stored<PurchaseDoc>; member: Stored<MemberDoc>; duplicate: boolean },
  settings: BrandSettings,
): Promise<PurchaseResultView> {
  const { purchase, member } = outcome;
  const named = await names({ stores: [purchase.storeId], staff: [purchase.staffId] });
  return {
    purchase: purchaseView(purchase, named.store(purchase.storeId), named.staff(purchase.staffId)),
    duplicate: outcome.duplicate,
    pointsBalance: member.pointsBalance,
    tierBefore: toTierView(tierById(settings.tiers, purchase.tierBefore)),
    tierAfter: toTierView(tierById(settings.tiers, purchase.tierAfter)),
    upgraded: purchase.tierBefore !== purchase.tierAfter,
  };
}
