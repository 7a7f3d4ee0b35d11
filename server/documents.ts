import type { Gender, LedgerType, Role } from '../shared/contracts/views';
import type { Audience } from '../shared/rules/audience';
import type { BuiltInJourney, JourneyDefinition } from '../shared/rules/journeys';
import type { MessageTemplateKey } from '../shared/rules/message-templates';
import type { ReferralRefusal } from '../shared/rules/referral';
import type { GrowthBuckets } from '../shared/rules/growth';
import type { PointsLot } from '../shared/rules/points';
import type { RecentPurchase } from '../shared/rules/purchase-stats';
import type { CouponRule, CouponStatus } from '../shared/rules/coupons';
import type { TemplateStatus, TemplateTerms } from '../shared/rules/coupon-templates';
import type { AuditAction, InteractionKind, InteractionOutcome, Segment, TaskCause, TaskStatus } from '../shared/contracts/care-views';

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

export interface MemberDoc extends Partial<MemberCareFields>, Partial<MemberMessageFields> {
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
  /** MM-DD of the birthday: the birthday journey finds the day's members by it. */
  birthdayMD?: string | null;
  /** 老带新: the member who invited her (credited on her first purchase); her own share code. */
  referredBy?: string | null;
  referralCode?: string | null;
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

/**
 * What customer care keeps on the member document (optional: documents written before it existed are
 * read with defaults, server/care-fields.ts). The purchase figures it extends change in the same
 * transaction as the purchase; the scores are the care jobs'.
 */
export interface MemberCareFields {
  /** The clerk who serves this member: the inviting clerk at first, reassignable; null = the store's manager. */
  servingStaffId: string | null;
  /** The phone's last 4 digits ('' without a number): what clerks search by. */
  phoneTail: string;
  /** Valid purchases per category, purchases that used a coupon, fen per Shanghai month (13 kept). */
  categoryCounts: Record<string, number>;
  couponPurchaseCount: number;
  spendMonths: Record<string, number>;
  firstPurchaseAt: Date | null;
  /** The last 12 months' spend, kept for sorting (on purchase and void, and nightly as months pass). */
  spend12mFen: number;
  /** Newest first, at most 20: the heat index counts recent interactions. */
  recentInteractions: Date[];
  /** Tag ids a clerk chose, and rule keys (auto:…) the care jobs set: two fields, so neither writer overwrites the other. */
  manualTags: string[];
  autoTags: string[];
  segment: Segment;
  rfm: { r: number; f: number; m: number } | null;
  heat: number;
  /** Heat by ISO week ('2026-W49' → 63), the last 12 weeks: the trend. */
  heatWeeks: Record<string, number>;
  /** When the care jobs next look at this member (now, when a purchase, void or note changed an input): their index. */
  careDueAt: Date | null;
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
  /** 'settings': an admin's new tiers lifted the member (server/tier-rollout.ts). */
  reason: 'purchase' | 'review' | 'void' | 'settings';
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

export type CouponSource = 'claim' | 'exchange' | 'welcome' | 'manual' | 'replacement' | 'journey' | 'campaign';

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
  /** The campaign that granted it (its figures count by it); absent otherwise. */
  campaignId?: string;
  /** The journey that granted it. */
  journeyId?: string;
  /** The clerk who rang up the sale it was used on (a campaign's figures per clerk). */
  usedStaffId?: string | null;
}

/** A manual tag: the brand's (storeId null) or one store's. */
export interface TagDoc {
  name: string;
  storeId: string | null;
  createdBy: string;
  createdAt: Date;
  archived: boolean;
}

/** A call, chat, visit or complaint, shared by the store. `_id` is `<staff>:<request>` or `task:<taskId>`. */
export interface InteractionDoc {
  memberId: string;
  storeId: string;
  staffId: string;
  kind: InteractionKind;
  outcome: InteractionOutcome;
  note: string;
  taskId: string | null;
  at: Date;
}

/** A follow-up task. `_id` is its key: the cause once (thanks:<purchase>, birthday:<member>:<year>, coupon:<coupon>…). */
export interface TaskDoc {
  memberId: string;
  /** The member's home store: whose list it is in when nobody serves them. */
  storeId: string | null;
  ownerStaffId: string | null;
  cause: TaskCause;
  /** A manual task's title ('' for automatic ones: the cause names them). */
  title: string;
  note: string;
  dueAt: Date;
  status: TaskStatus;
  purchaseId: string | null;
  couponId: string | null;
  /** What the script's placeholders are filled with, as they were when the task was made. */
  context: { name: string; phoneMasked: string; tierName: string; lastCategory: string | null; couponName: string | null };
  createdAt: Date;
  createdBy: string;
  closedAt: Date | null;
  closedBy: string | null;
  outcome: InteractionOutcome | null;
  /** Why it closed without a clerk: 'superseded' (a newer purchase), 'overdue', 'exited' (its journey run ended). */
  closedReason: string | null;
  /** The journey or campaign that made it. */
  journeyId?: string;
  campaignId?: string;
}

/** Append-only: who looked at or changed what. */
export interface AuditDoc {
  at: Date;
  /** Shanghai day YYYYMMDD, for browsing by day. */
  day: string;
  staffId: string;
  role: string;
  storeId: string;
  action: AuditAction;
  memberId: string | null;
  targetStaffId: string | null;
  detail: string;
}

/** One hand-over (offboarding) of a person's customers and open tasks; `_id` is the person's staff id. */
export interface HandOverDoc {
  staffId: string;
  storeId: string;
  status: 'running' | 'done';
  spread: boolean;
  toStaffIds: string[];
  /** The next round-robin position (spread). */
  offset: number;
  /** What they served and owned when the hand-over was filed: progress is these less what is left. */
  membersTotal: number;
  tasksTotal: number;
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A resumable job's progress: `_id` names the job and its run (scores:<day>, coupon-tasks). */
export interface JobStateDoc {
  status: 'running' | 'done';
  phase: string;
  cursor: string | null;
  watermark: Date | null;
  data: Record<string, unknown>;
  updatedAt: Date;
}

/**
 * A member's subscription-message state, on the member document so that the step that causes a message
 * (a sale, a grant) already holds it, and the sender changes it in the same transaction as the message.
 */
export interface MemberMessageFields {
  /** Unused acceptances per template: each allows one send (the quota ledger's balance). */
  messageQuota: Partial<Record<MessageTemplateKey, number>>;
  /** Marketing sends in the last 7 days: what the frequency cap counts. */
  marketingSentAt: Date[];
  /** When the journey engine looks at this member next for an event entry (joined, purchase, tier, tag); null: nothing pending. */
  journeyDueAt: Date | null;
}

export type MessageStatus = 'pending' | 'sending' | 'sent' | 'refused' | 'failed' | 'no_quota' | 'stale' | 'unknown' | 'cancelled';

/** The outbox: one message per cause, its _id the cause's key (points:<purchase>, coupon:<coupon>, journey:…). */
export interface MessageDoc {
  memberId: string;
  openid: string;
  storeId: string | null;
  template: MessageTemplateKey;
  data: Record<string, { value: string }>;
  page: string;
  /** Journeys and campaigns: held by the frequency cap. Transactional messages are not. */
  marketing: boolean;
  status: MessageStatus;
  /** When the sender takes it next (null once settled): the sender's index. */
  dueAt: Date | null;
  attempts: Array<{ at: Date; result: 'sent' | 'refused' | 'transient' | 'invalid' | 'unknown'; errCode: number | null; errMsg: string }>;
  /** Why it waited, when it did: 'quiet' or 'cap'. */
  heldFor: 'quiet' | 'cap' | null;
  /** No quota when its turn came: the clerk task made instead (key), if the cause asked for one. */
  fallbackTaskKey: string | null;
  /** What a fallback task says, if the cause asks for one. */
  fallback: { title: string; cause: 'journey' | 'campaign' | 'coupon_expiring' } | null;
  journeyId: string | null;
  campaignId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  settledAt: Date | null;
}

/** Append-only: every change of a member's message quota, with why (the acceptance, the send). */
export interface QuotaLedgerDoc {
  memberId: string;
  template: MessageTemplateKey;
  delta: number;
  kind: 'accepted' | 'sent' | 'returned' | 'refused';
  /** The request (acceptances) or message (sends) it belongs to. */
  ref: string;
  at: Date;
}

export interface JourneyDoc {
  definition: JourneyDefinition;
  builtIn: BuiltInJourney | null;
  status: 'active' | 'paused';
  /** Occasions before this do not enter: switching a journey on does not reach back. */
  activeSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  /** The request that created it (idempotent creation). */
  requestId: string | null;
}

/** One member in one journey: its current run (entry #n), the step it waits on and when it wakes. */
export interface EnrollmentDoc {
  journeyId: string;
  memberId: string;
  storeId: string | null;
  entryNo: number;
  entryKey: string;
  enteredAt: Date;
  tierRank: number;
  status: 'active' | 'paused' | 'done' | 'exited';
  exitReason: string | null;
  /** The next step to run (null once the run is over). */
  stepId: string | null;
  /** When that step became due on schedule: waits count from here. */
  stepDueAt: Date;
  /** When the engine looks at it next (null: over, or paused): the tick's index. */
  wakeAt: Date | null;
  /** Tasks this run made that may still be open: closed when the run exits or the member re-enters. */
  taskKeys: string[];
  /** A purchase within the journey's conversion window after entering. */
  convertedAt: Date | null;
  updatedAt: Date;
}

/** One step run once: its _id is the step key journey:<journey>:<member>:<entry#>:<step>. */
export interface StepRunDoc {
  journeyId: string;
  stepId: string;
  memberId: string;
  entryNo: number;
  at: Date;
  /** What happened: queued, no_quota, fallback_task, granted, no_stock, task, tagged, true/false (a branch). */
  result: string;
}

export interface CampaignDoc {
  name: string;
  audience: Audience;
  couponTemplateId: string;
  couponName: string;
  notify: boolean;
  fallbackTasks: boolean;
  status: 'scheduled' | 'running' | 'done' | 'cancelled';
  sendAt: Date;
  /** The last member (by _id) the run went through: a run resumes after it. */
  cursor: string | null;
  reached: number;
  /** Why it ended before its audience did: out_of_stock, template_not_active. */
  stoppedReason?: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdBy: string;
  /** The manager's store (their campaigns are their store's); null for an admin's. */
  ownerStoreId: string | null;
  createdAt: Date;
  requestId: string;
}

export interface ProductDoc {
  name: string;
  category: string;
  priceFen: number;
  pictureUrl: string;
  barcode: string;
  updatedAt: Date;
}

/** _id <sku>:<store>: units on hand, held for customers, and what is left to sell or hold. */
export interface StockDoc {
  sku: string;
  storeId: string;
  onHand: number;
  reserved: number;
  /** onHand − reserved, kept as a field so a hold takes units by one conditional update (available ≥ n). */
  available: number;
  updatedAt: Date;
}

/** _id hold:<staff>:<request>: a hold or transfer one store asks of another. */
export interface HoldDoc {
  kind: 'hold' | 'transfer';
  sku: string;
  productName: string;
  quantity: number;
  fromStoreId: string;
  pickupStoreId: string;
  memberId: string | null;
  requestedBy: string;
  status: 'pending' | 'accepting' | 'accepted' | 'declined' | 'expired' | 'cancelled';
  days: number;
  /** Once accepted: when the reservation lapses (the hourly job releases it). */
  expiresAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string;
  createdAt: Date;
}

/** _id is the code: whose share code it is. */
export interface ReferralCodeDoc {
  memberId: string;
  createdAt: Date;
}

/** _id is the friend's member id: one attribution per friend, ever. */
export interface ReferralDoc {
  referrerId: string;
  friendId: string;
  code: string;
  status: 'joined' | 'rewarded' | 'refused';
  reason: ReferralRefusal | null;
  joinedAt: Date;
  rewardedAt: Date | null;
  rewardPoints: number;
}

/**
 * A closed membership (PIPL), `_id` the member id it had: what stays for the store's figures, with no
 * identity, and how far the erasure of other collections got (server/membership-close.ts).
 */
export interface ClosedMemberDoc {
  status: 'erasing' | 'closed';
  /** The request that closed it: a retry finds its answer by it. */
  requestId: string;
  closedAt: Date;
  joinedAt: Date;
  homeStoreId: string | null;
  inviterStaffId: string | null;
  tierId: string;
  purchaseCount: number;
  totalSpendFen: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  pointsForfeited: number;
  couponsRevoked: number;
  stepsDone: string[];
  finishedAt: Date | null;
}

/** A member's data export in cloud storage; `_id` is `<member>:<request>`. Deleted with the file after a day, or on closing. */
export interface DataExportDoc {
  memberId: string;
  fileId: string;
  bytes: number;
  createdAt: Date;
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
  tags: 'tags',
  interactions: 'interactions',
  tasks: 'tasks',
  audit: 'audit_log',
  handOvers: 'hand_overs',
  jobState: 'job_state',
  messages: 'messages',
  quotaLedger: 'message_quota_ledger',
  journeys: 'journeys',
  enrollments: 'journey_enrollments',
  stepRuns: 'journey_step_runs',
  campaigns: 'campaigns',
  rollups: 'daily_rollups',
  rollupDirty: 'rollup_dirty',
  products: 'products',
  stock: 'stock',
  holds: 'stock_holds',
  referralCodes: 'referral_codes',
  referrals: 'referrals',
  closedMembers: 'closed_members',
  dataExports: 'data_exports',
} as const;
