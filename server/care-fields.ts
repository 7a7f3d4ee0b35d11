import { addCareStats, careStatsOf, removeCareStats, spendInLast12Months, type CarePurchase } from '../shared/rules/care-stats';
import type { Stored } from './cloud';
import type { MemberCareFields, MemberDoc, PurchaseReceipt } from './documents';

/**
 * The care fields of a member document, with defaults for documents written before they existed, and
 * the changes a purchase or a void makes to them (in the sale's own member write: no extra request).
 */
export function careFieldsOf(member: MemberDoc): MemberCareFields {
  const stats = careStatsOf(member);
  return {
    servingStaffId: member.servingStaffId ?? member.inviterStaffId ?? null,
    phoneTail: member.phoneTail ?? phoneTailOf(member.phone),
    ...stats,
    spend12mFen: member.spend12mFen ?? 0,
    recentInteractions: member.recentInteractions ?? [],
    manualTags: member.manualTags ?? [],
    autoTags: member.autoTags ?? [],
    segment: member.segment ?? 'new',
    rfm: member.rfm ?? null,
    heat: member.heat ?? 0,
    heatWeeks: member.heatWeeks ?? {},
    careDueAt: member.careDueAt ?? null,
  };
}

export function phoneTailOf(phone: string | undefined): string {
  // undefined: a projection that left the phone out.
  return phone && phone.length >= 4 ? phone.slice(-4) : '';
}

/** A new member's care fields: served by the clerk who invited them, looked at by the care jobs at once. */
export function newCareFields(member: Pick<MemberDoc, 'phone' | 'inviterStaffId'>, now: Date): MemberCareFields {
  return {
    ...careFieldsOf({ phone: member.phone, inviterStaffId: member.inviterStaffId } as MemberDoc),
    careDueAt: now,
  };
}

function carePurchaseOf(receipt: PurchaseReceipt): CarePurchase {
  return { at: receipt.at, fen: receipt.fen, categories: receipt.categories, couponIds: receipt.couponIds };
}

/** After a purchase: its category, coupon and month figures, and the care jobs to look again now. */
export function careAfterPurchase(member: MemberDoc, receipt: PurchaseReceipt, now: Date): Partial<MemberCareFields> {
  const stats = addCareStats(careStatsOf(member), carePurchaseOf(receipt), now);
  return { ...stats, spend12mFen: spendInLast12Months(stats.spendMonths, now), careDueAt: now };
}

/** After a void: the purchase leaves the figures, and the care jobs look again (segment, dormant and churn dates move). */
export function careAfterVoid(member: MemberDoc, receipt: PurchaseReceipt, purchaseCountAfter: number, now: Date): Partial<MemberCareFields> {
  const stats = removeCareStats(careStatsOf(member), carePurchaseOf(receipt), purchaseCountAfter, now);
  return { ...stats, spend12mFen: spendInLast12Months(stats.spendMonths, now), careDueAt: now };
}

export type MemberWithCare = Stored<MemberDoc> & MemberCareFields;

export function withCare(member: Stored<MemberDoc>): MemberWithCare {
  return { ...member, ...careFieldsOf(member) };
}
