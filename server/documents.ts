import type { Gender, LedgerType, Role } from '../shared/contracts/views';
import type { GrowthBuckets } from '../shared/rules/growth';
import type { PointsLot } from '../shared/rules/points';
import type { RecentPurchase } from '../shared/rules/purchase-stats';
import type { CouponRule, CouponStatus } from '../shared/rules/coupons';
import type { TemplateStatus, TemplateTerms } from '../shared/rules/coupon-templates';

/** The documents as stored (times are UTC Dates; money integer fen). Collections: shared/db/collections.json. */

export interface StoreDoc {
  name: string;
  address: string;
  active: boolean;
}

export interface StaffDoc {
  openid: string;
  /** Short code that names this clerk in counter-code scenes. */
  code: string;
  name: string;
  role: Role;
  storeId: string;
  status: 'active' | 'disabled';
  inviteCode: string;
  boundAt: Date;
}

export interface InviteDoc {
  name: string;
  role: Role;
  storeId: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy: string | null;
  usedAt: Date | null;
  revokedAt?: Date | null;
  revokedBy?: string | null;
}

/** Who made an invite when no staff exists yet: the first admin's invite, added in the database console. */
export const CONSOLE_INVITER = 'console';

/** Why a clerk should look at a member: set when something about them changed without their doing. */
export interface MemberReview {
  reason: 'phone_detached';
  /** The number the member lost to its verified owner. */
  phone: string;
  at: Date;
}

/**
 * A recent valid purchase as the member document keeps it: enough to show it and to void it without
 * reading the purchase back (purchases never change but for their status, so the copy stays true).
 */
export interface PurchaseReceipt extends RecentPurchase {
  /** The sale before coupons; `fen` is what was paid. */
  amountFen: number;
  couponIds: string[];
  storeId: string;
  staffId: string;
  orderNo: string;
  categories: string[];
  points: number;
  growth: number;
  lotId: string;
  tierBefore: string;
  tierAfter: string;
}

export interface MemberDoc {
  openid: string;
  /** '' when the member holds no number (detached). */
  phone: string;
  /** The unique key of the phone slot: the number, or `none:<memberId>` when the member holds none. */
  phoneKey: string;
  phoneVerified: boolean;
  review: MemberReview | null;
  name: string;
  gender: Gender;
  /** YYYY-MM-DD; settable once by the member. */
  birthday: string | null;
  homeStoreId: string | null;
  inviterStaffId: string | null;
  consent: { version: string; agreedAt: Date };
  joinedAt: Date;
  tierId: string;
  tierSince: Date;
  /** When a review could move the tier down (null at the lowest tier): the review job's index. */
  tierReviewAt: Date | null;
  growthBuckets: GrowthBuckets;
  /** Equals the sum of this member's points_ledger entries. */
  pointsBalance: number;
  /** Open lots, oldest first; the balance is lots minus debt. */
  pointsLots: PointsLot[];
  /** Points reversed after they were spent, paid off by future earnings. */
  pointsDebt: number;
  /** The expiry job's index: the earliest expiry among the open lots. */
  pointsNextExpiry: Date | null;
  /** Purchase figures (shared/rules/purchase-stats.ts): a void takes its purchase back out of all of them. */
  purchaseCount: number;
  totalSpendFen: number;
  lastPurchaseAt: Date | null;
  recentPurchases: PurchaseReceipt[];
  /** The member code's short numeric form for laser scanners, valid as long as the signed token shown with it. */
  tillCode: { code: string; expiresAt: Date } | null;
}

export function receiptOf(purchase: PurchaseDoc & { _id: string }): PurchaseReceipt {
  return {
    id: purchase._id,
    at: purchase.paidAt,
    fen: purchase.paidFen,
    amountFen: purchase.amountFen,
    couponIds: purchase.couponIds,
    storeId: purchase.storeId,
    staffId: purchase.staffId,
    orderNo: purchase.orderNo,
    categories: purchase.categories,
    points: purchase.points,
    growth: purchase.growth,
    lotId: purchase.lotId,
    tierBefore: purchase.tierBefore,
    tierAfter: purchase.tierAfter,
  };
}

/** What a till rings up: who bought, where, by whom, how much. A purchase and a pending sale both hold it. */
export interface SaleFields {
  memberId: string;
  storeId: string;
  /** The clerk credited with the sale. */
  staffId: string;
  orderNo: string;
  /** The sale before coupons. */
  amountFen: number;
  categories: string[];
  /** Coupons used on it (a pending sale: to be used on it). */
  couponIds: string[];
}

export interface PurchaseDoc extends SaleFields {
  /** What the coupons took off, and what the shopper paid: points and growth are earned on that. */
  discountFen: number;
  paidFen: number;
  growth: number;
  points: number;
  /** The points lot (= ledger entry id) this purchase earned; voiding reverses it. */
  lotId: string;
  tierBefore: string;
  tierAfter: string;
  status: 'valid' | 'voided';
  paidAt: Date;
  voidedAt: Date | null;
  voidedBy: string | null;
  voidReason: string;
  /** The manager or admin who confirmed a clerk's sale above the limit. */
  approvedBy?: string | null;
}

export interface LedgerDoc {
  memberId: string;
  type: LedgerType;
  /** Signed: earnings positive, spending, expiry and reversals negative. */
  points: number;
  reason: string;
  storeId: string | null;
  staffId: string | null;
  purchaseId: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

/** A clerk's sale above the limit, waiting for a manager; `_id` is the purchase id it will get. */
export interface ApprovalDoc extends SaleFields {
  status: 'pending' | 'approved' | 'declined';
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  declineReason: string;
}

/** Refused joins of one OPENID on one Shanghai day; `_id` is `<openid>:<YYYYMMDD>`. */
export interface JoinAttemptDoc {
  openid: string;
  day: string;
  refused: number;
  /** When the record can be dropped (the day is over). */
  expiresAt: Date;
}

export interface TierChangeDoc {
  memberId: string;
  from: string;
  to: string;
  reason: 'purchase' | 'review' | 'void';
  growth: number;
  purchaseId: string | null;
  at: Date;
}

/** A coupon design. `_id` is short ('T' + 6 characters); terms are frozen once it leaves draft. */
export interface CouponTemplateDoc extends TemplateTerms {
  description: string;
  status: TemplateStatus;
  /** Units left to give (null: unlimited); taken by a conditional decrement, never below 0. */
  remaining: number | null;
  /** Coupons given so far (moves with `remaining`). */
  issued: number;
  /** null: the brand's (admins); a store id: that store's manager's. */
  ownerStoreId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

/** How a coupon came to be, and its state changes: who, when, why. */
export interface CouponEvent {
  type: 'granted' | 'used' | 'restored' | 'expired' | 'revoked' | 'replaced';
  at: Date;
  /** A staff id, 'member' (the holder), or 'system'. */
  by: string;
  reason?: string;
  purchaseId?: string;
}

export type CouponSource = 'claim' | 'exchange' | 'welcome' | 'manual' | 'replacement';

/** One coupon held by one member. The rule is a copy: a template's later life never changes a coupon. */
export interface CouponDoc {
  /** Why it exists, once: welcome:<member>:<template>, claim:<template>:<member>:<n>, exchange:<member>:<request>… */
  grantKey: string;
  /** The member's n-th taking of this template (claims, exchanges): take:<template>:<member>:<n>; none:<id> otherwise. */
  slotKey: string;
  templateId: string;
  templateName: string;
  memberId: string;
  rule: CouponRule;
  stackable: boolean;
  /** Empty: every store. */
  storeIds: string[];
  validFrom: Date;
  validUntil: Date;
  /** validUntil while it is unused (or pending), null once used, expired or revoked: the expiry job's index. */
  dueAt: Date | null;
  /** 'pending' only while its unit of stock is being taken: never shown, never usable. */
  status: CouponStatus | 'pending';
  source: CouponSource;
  /** Shanghai month of the grant, YYYYMM: monthly limits count by it. */
  grantedMonth: string;
  grantedAt: Date;
  grantedBy: string;
  usedAt: Date | null;
  usedPurchaseId: string | null;
  usedStoreId: string | null;
  discountFen: number;
  /** What the sale it was used on was paid: the sales a template is credited with. */
  usedSaleFen: number;
  pointsSpent: number;
  history: CouponEvent[];
}

export const C = {
  settings: 'settings',
  stores: 'stores',
  staff: 'staff',
  invites: 'staff_invites',
  members: 'members',
  purchases: 'purchases',
  ledger: 'points_ledger',
  tierChanges: 'tier_changes',
  approvals: 'purchase_approvals',
  joinAttempts: 'join_attempts',
  couponTemplates: 'coupon_templates',
  coupons: 'coupons',
} as const;
