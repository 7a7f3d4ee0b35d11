import type { Gender, LedgerType, Role } from '../shared/contracts/views';
import type { GrowthBuckets } from '../shared/rules/growth';
import type { PointsLot } from '../shared/rules/points';

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
}

export interface MemberDoc {
  openid: string;
  phone: string;
  phoneVerified: boolean;
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
  purchaseCount: number;
  totalSpendFen: number;
  lastPurchaseAt: Date | null;
}

export interface PurchaseDoc {
  memberId: string;
  storeId: string;
  staffId: string;
  orderNo: string;
  amountFen: number;
  categories: string[];
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

export interface TierChangeDoc {
  memberId: string;
  from: string;
  to: string;
  reason: 'purchase' | 'review' | 'void';
  growth: number;
  purchaseId: string | null;
  at: Date;
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
} as const;
