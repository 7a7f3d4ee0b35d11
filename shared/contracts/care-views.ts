import type { CouponView, PurchaseView, Role, TierView } from './views';

/**
 * What the customer-care screens render (the `care` function and the staff actions of `admin`).
 * Times are ISO strings (UTC); pages show them in Asia/Shanghai. Money is integer fen.
 */

export type Segment = 'new' | 'active' | 'dormant' | 'vip' | 'regular';
export type TaskCause = 'thanks' | 'recommend' | 'revisit' | 'birthday' | 'dormant' | 'churn' | 'coupon_expiring' | 'manual' | 'journey' | 'campaign';
export type TaskStatus = 'open' | 'done' | 'skipped' | 'expired';
/** Where an open task stands against today (Shanghai): due before today, today, or later. */
export type TaskBucket = 'overdue' | 'today' | 'upcoming';
export type InteractionKind = 'call' | 'wechat' | 'visit' | 'complaint';
export type InteractionOutcome = 'reached' | 'no_answer' | 'interested' | 'not_interested' | 'resolved' | 'follow_up';
export type CustomerSort = 'lastVisit' | 'spend' | 'heat';
export type CustomerScope = 'mine' | 'store' | 'all';

export interface TagView {
  /** A manual tag's id, or an automatic tag's key (`auto:high_ticket`, `auto:category:童装`…). */
  id: string;
  name: string;
  /** Automatic tags come from rules and cannot be removed by hand. */
  auto: boolean;
}

export interface TagDefinitionView {
  id: string;
  name: string;
  /** null: the brand's (every store); otherwise the store that defined it. */
  storeId: string | null;
}

export interface CustomerListItemView {
  memberId: string;
  name: string;
  phoneMasked: string;
  tierName: string;
  tierColor: string;
  segment: Segment;
  heat: number;
  lastPurchaseAt: string | null;
  spend12mFen: number;
  servingStaffName: string;
  /** A few tags to show on the row (automatic and manual). */
  tags: TagView[];
}

export interface CustomerListView {
  customers: CustomerListItemView[];
  nextCursor: string | null;
  /** The brand's tiers, lowest first, for the tier filter. */
  tiers: Array<{ id: string; name: string }>;
}

export interface RfmView {
  r: number;
  f: number;
  m: number;
}

/** One part of the heat index and why it scored what it did, in plain Chinese. */
export interface HeatPartView {
  key: 'recency' | 'frequency' | 'spend' | 'interactions' | 'coupons';
  label: string;
  points: number;
  max: number;
  text: string;
}

export interface HeatView {
  score: number;
  /** Oldest first, one point per week kept (ISO week key like 2026-W48). */
  trend: Array<{ week: string; score: number }>;
  parts: HeatPartView[];
  /** One sentence: the trend and the biggest reason. */
  summary: string;
}

export interface InteractionView {
  interactionId: string;
  kind: InteractionKind;
  outcome: InteractionOutcome;
  note: string;
  staffName: string;
  storeName: string;
  at: string;
  taskId: string | null;
}

export interface TaskView {
  taskId: string;
  memberId: string;
  memberName: string;
  phoneMasked: string;
  cause: TaskCause;
  /** e.g. 购后感谢, 生日关怀, or a manual task's title. */
  title: string;
  /** The suggested script (话术) with its placeholders filled. */
  script: string;
  dueAt: string;
  bucket: TaskBucket;
  status: TaskStatus;
  ownerName: string;
  closedAt: string | null;
  outcome: InteractionOutcome | null;
}

export interface TaskListView {
  tasks: TaskView[];
  /** Open tasks of the caller by bucket (the badge is overdue + today). */
  counts: Record<TaskBucket, number>;
  nextCursor: string | null;
}

export interface ProfileView {
  memberId: string;
  name: string;
  phoneMasked: string;
  /** Managers of the member's store and admins may reveal the full number (audited). */
  phoneRevealable: boolean;
  gender: 'male' | 'female' | 'unknown';
  birthday: string | null;
  joinedAt: string;
  homeStoreName: string;
  servingStaffId: string | null;
  servingStaffName: string;
  tier: TierView;
  growth: number;
  pointsBalance: number;
  figures: {
    lifetimeSpendFen: number;
    spend12mFen: number;
    visits: number;
    averageTicketFen: number;
    lastPurchaseAt: string | null;
  };
  preferredCategories: Array<{ name: string; count: number }>;
  segment: Segment;
  rfm: RfmView | null;
  heat: HeatView;
  tags: TagView[];
  purchases: PurchaseView[];
  coupons: CouponView[];
  interactions: InteractionView[];
  openTasks: TaskView[];
  /** What the caller may do here. */
  can: { adjustPoints: boolean; reassign: boolean; editTags: boolean };
}

export type AuditAction =
  | 'profile_view'
  | 'phone_reveal'
  | 'export'
  | 'points_adjust'
  | 'role_change'
  | 'store_change'
  | 'offboard'
  | 'reassign'
  | 'coupon_grant'
  | 'journey_change'
  | 'campaign_create'
  | 'settings_change'
  /** A member's own: their data exported, their membership closed (no staff: staffId is ''). */
  | 'data_export'
  | 'membership_close';

export interface AuditEntryView {
  id: string;
  at: string;
  action: AuditAction;
  actionText: string;
  staffId: string;
  staffName: string;
  memberId: string | null;
  memberName: string | null;
  detail: string;
}

export interface StaffMemberView {
  staffId: string;
  name: string;
  role: Role;
  storeId: string;
  storeName: string;
  status: 'active' | 'disabled';
  /** Customers this person serves now, and their open tasks. */
  customers: number;
  openTasks: number;
  boundAt: string;
}

/** A hand-over of one person's customers and open tasks (offboarding), with its progress. */
export interface HandOverView {
  staffId: string;
  staffName: string;
  status: 'running' | 'done';
  /** Who receives: one person, or the store's active clerks evenly. */
  toStaffIds: string[];
  spread: boolean;
  membersMoved: number;
  tasksMoved: number;
  /** Still to move when this was read. */
  membersLeft: number;
  tasksLeft: number;
  startedAt: string;
  finishedAt: string | null;
}
