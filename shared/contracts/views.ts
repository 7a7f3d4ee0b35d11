/**
 * What the functions answer, as the pages render it. Zod-free and dependency-free: the mini-program
 * imports these types (and nothing here runs).
 */
import type { SubscriptionView } from './automation-views';

export type Role = 'clerk' | 'manager' | 'admin';
export type Gender = 'male' | 'female' | 'unknown';

export interface TierView {
  id: string;
  name: string;
  color: string;
  multiplierPermille: number;
  benefits: string[];
}

export interface CardView {
  memberId: string;
  name: string;
  phoneMasked: string;
  phoneVerified: boolean;
  tier: TierView;
  /** Growth over the last 12 months (1 per yuan paid). */
  growth: number;
  /** Absent at the top tier. */
  nextTier?: { name: string; threshold: number; remaining: number };
  /** 0–100, progress from the current tier's threshold to the next. */
  progressPercent: number;
  points: {
    balance: number;
    /** Points that expire at the end of this calendar year (Asia/Shanghai). */
    expiringThisYear: number;
    expiringAt: string;
  };
  homeStoreName: string;
  joinedAt: string;
  profile: { name: string; gender: Gender; birthday: string | null; birthdayLocked: boolean };
  /** The message templates the shopper can subscribe to, with the sends each has left. */
  subscriptions: SubscriptionView[];
}

export interface JoinView {
  created: boolean;
  welcomePoints: number;
  /** The welcome coupons given with the membership (none when joining again). */
  welcomeCoupons: CouponView[];
  card: CardView;
}

export interface MemberCodeView {
  /** Shown as the QR code; valid until expiresAt. */
  token: string;
  /** 18 digits, shown as the Code 128 barcode and in print for typing; valid until expiresAt too. */
  tillCode: string;
  expiresAt: string;
  ttlSeconds: number;
}

export type LedgerType = 'earn' | 'welcome' | 'spend' | 'expire' | 'adjust' | 'reverse' | 'close';

export interface LedgerEntryView {
  id: string;
  type: LedgerType;
  points: number;
  reason: string;
  storeName: string;
  createdAt: string;
  expiresAt?: string;
}

export interface PointsHistoryView {
  entries: LedgerEntryView[];
  nextCursor: string | null;
  balance: number;
  /** For the 积分变动提醒 prompt on the page. */
  subscriptions: SubscriptionView[];
}

export interface StaffView {
  staffId: string;
  name: string;
  role: Role;
  storeId: string;
  storeName: string;
  /** Managers and admins (from staff.me): clerks' sales above the limit waiting in their store. */
  pendingSales?: number;
  /** The caller's open follow-up tasks due today or overdue (the 待办 badge). */
  tasksDue?: number;
}

export interface PurchaseView {
  purchaseId: string;
  orderNo: string;
  /** Before coupons; `paidFen` is what the shopper paid (points and growth are earned on it). */
  amountFen: number;
  discountFen: number;
  paidFen: number;
  categories: string[];
  storeName: string;
  staffName: string;
  pointsEarned: number;
  growthAdded: number;
  status: 'valid' | 'voided';
  paidAt: string;
}

/** A customer as a clerk sees them: the phone masked, no personal profile beyond the name. */
export interface CustomerView {
  memberId: string;
  name: string;
  phoneMasked: string;
  /** Something a clerk should check with the customer, in Chinese (e.g. the number went to its verified owner). */
  reviewNote: string | null;
  tier: TierView;
  growth: number;
  nextTier?: { name: string; threshold: number; remaining: number };
  pointsBalance: number;
  homeStoreName: string;
  recentPurchases: PurchaseView[];
}

export interface PurchaseResultView {
  purchase: PurchaseView;
  /** True when this order number had already been recorded: nothing was added twice. */
  duplicate: boolean;
  pointsBalance: number;
  tierBefore: TierView;
  tierAfter: TierView;
  upgraded: boolean;
}

/** A clerk's sale above the limit, as the manager confirming it sees it. */
export interface PendingSaleView {
  approvalId: string;
  orderNo: string;
  amountFen: number;
  categories: string[];
  memberName: string;
  phoneMasked: string;
  staffName: string;
  requestedAt: string;
}

export interface VoidResultView {
  purchase: PurchaseView;
  alreadyVoided: boolean;
  pointsReversed: number;
  pointsBalance: number;
  tierAfter: TierView;
}

export interface CounterCodeView {
  storeId: string;
  staffId: string | null;
  label: string;
  scene: string;
  page: string;
  pngBase64: string;
}

export interface InviteView {
  code: string;
  name: string;
  role: Role;
  storeId: string;
  expiresAt: string;
}

/** A coupon as its holder and a clerk see it. Wording comes from shared/rules/coupon-text.ts. */
export interface CouponView {
  couponId: string;
  templateId: string;
  name: string;
  rule: import('../rules/coupons').CouponRule;
  stackable: boolean;
  /** Empty: every store. */
  storeNames: string[];
  validFrom: string;
  validUntil: string;
  status: 'unused' | 'used' | 'expired' | 'revoked';
  usedAt: string | null;
  discountFen: number;
}

export interface WalletView {
  tab: 'unused' | 'used' | 'expired';
  /** Per tab, on the first page (null on later ones); counted over the newest 100 coupons. */
  counts: { unused: number; used: number; expired: number } | null;
  coupons: CouponView[];
  nextCursor: string | null;
  /** For the 到期提醒 prompt in the wallet. */
  subscriptions: SubscriptionView[];
}

export interface CouponCodeView {
  coupon: CouponView;
  /** Shown as a QR code; valid until expiresAt (same life as the member code). */
  token: string;
  expiresAt: string;
  ttlSeconds: number;
}

/** A template as offered to a member: in the claim centre or the points exchange. */
export interface CouponOfferView {
  templateId: string;
  name: string;
  description: string;
  rule: import('../rules/coupons').TemplateRule;
  validity: import('../rules/coupons').Validity;
  storeNames: string[];
  pointsCost: number | null;
  /** null: unlimited. */
  remaining: number | null;
  /** Why this member cannot take one now (Chinese), or null. */
  unavailable: string | null;
  /** How many of it the member holds unused. */
  held: number;
}

export interface CouponTemplateView extends CouponOfferView {
  status: 'draft' | 'active' | 'paused' | 'ended';
  tierIds: string[];
  storeIds: string[];
  limits: { totalStock: number | null; perMember: number | null; perMemberMonthly: number | null };
  stackable: boolean;
  claimable: boolean;
  issued: number;
  ownerStoreId: string | null;
  /** The caller may edit it (a draft in their scope). */
  editable: boolean;
}

export interface TemplateStatsView {
  templateId: string;
  granted: number;
  used: number;
  /** used / granted, 0–1. */
  redemptionRate: number;
  /** Paid amount of the purchases that used it. */
  attributedSalesFen: number;
  perStore: Array<{ storeId: string; storeName: string; used: number; attributedSalesFen: number }>;
}

/** A coupon as the till offers it for one sale. */
export interface SaleCouponView {
  coupon: CouponView;
  /** What it takes off this sale (0 for a gift, or when it does not apply). */
  discountFen: number;
  /** Why it cannot be used on this sale (Chinese), or null when it can. */
  unavailable: string | null;
}

export interface ReferralView {
  code: string;
  /** What each side gets on the friend's first purchase. */
  rewardPoints: number;
  invitations: Array<{ name: string; joinedAt: string; status: 'joined' | 'rewarded' | 'refused'; statusText: string }>;
  rewardedCount: number;
}

/** 我的数据: the member's own data, whole (their own phone unmasked: it is theirs). */
export interface MyDataView {
  profile: { name: string; phone: string; gender: Gender; birthday: string | null; birthdayLocked: boolean };
  joinedAt: string;
  homeStoreName: string;
  tierName: string;
  points: number;
  consent: { version: string; agreedAt: string };
  counts: { purchases: number; pointsEntries: number; coupons: number; interactions: number; tierChanges: number; invitations: number };
  /** Readable lines (shared/rules/my-data.ts), also at the top of the export file. */
  summary: string[];
  /** What closing the membership does, and the word that confirms it. */
  closing: { consequences: string[]; confirmation: string };
}

/** An export written to cloud storage: a link that works until `urlExpiresAt`. */
export interface DataExportView {
  fileId: string;
  url: string;
  urlExpiresAt: string;
  fileName: string;
  bytes: number;
  summary: string[];
}

export interface ClosedMembershipView {
  closedAt: string;
  pointsForfeited: number;
  couponsRevoked: number;
}
