import { z } from 'zod';
import { action } from './action';
import { cursor, dateOnly, id, plainText, reason, requestId } from './fields';
import type {
  AuditAction,
  AuditEntryView,
  CustomerListView,
  InteractionView,
  ProfileView,
  TagDefinitionView,
  TagView,
  TaskListView,
  TaskView,
} from './care-views';

export const SEGMENTS = ['new', 'active', 'dormant', 'vip', 'regular'] as const;
export const INTERACTION_KINDS = ['call', 'wechat', 'visit', 'complaint'] as const;
export const INTERACTION_OUTCOMES = ['reached', 'no_answer', 'interested', 'not_interested', 'resolved', 'follow_up'] as const;

const segment = z.enum(SEGMENTS, '请选择客户分群');
const kind = z.enum(INTERACTION_KINDS, '请选择沟通方式');
const outcome = z.enum(INTERACTION_OUTCOMES, '请选择沟通结果');
const note = plainText(200, '备注');
const tagName = plainText(10, '标签名').pipe(z.string().min(1, '请输入标签名'));

/** The `care` function: customers, profiles, tags, interactions, follow-up tasks, point adjustments, audit. */
export const careContract = {
  /**
   * 我的顾客 (the members the caller serves), 门店顾客 (a store's: clerks their own store, managers
   * theirs, admins any), 全部 (admins). Search by name or the phone's last 4 digits; filter by segment,
   * tier, tag; newest visit, highest 12-month spend or heat first; cursor paging.
   */
  customers: action(
    z
      .object({
        scope: z.enum(['mine', 'store', 'all'], '请选择顾客范围').default('mine'),
        storeId: id.optional(),
        q: plainText(20, '搜索内容').optional(),
        segment: segment.optional(),
        tierId: id.optional(),
        tag: z.string().min(1).max(60, '标签无效').optional(),
        sort: z.enum(['lastVisit', 'spend', 'heat'], '请选择排序').default('lastVisit'),
        cursor,
        limit: z.number().int().min(1).max(50).default(20),
      })
      .default({ scope: 'mine', sort: 'lastVisit', limit: 20 }),
  ).returns<CustomerListView>(),

  /** The 360° profile in one call (audited as a profile view). */
  profile: action(z.object({ memberId: id })).returns<ProfileView>(),

  /** The full phone number: the member's store manager or an admin; audited. */
  revealPhone: action(z.object({ memberId: id })).returns<{ phone: string }>(),

  /** Manual tags a store may use: the brand's and its own. */
  tagDefinitions: action(z.object({ storeId: id.optional() }).default({})).returns<{ tags: TagDefinitionView[] }>(),

  /** A manager adds a tag for their store; an admin for the brand (storeId null) or a store. Same name twice: the one tag. */
  createTag: action(z.object({ name: tagName, storeId: id.nullable().optional() })).returns<{ tag: TagDefinitionView }>(),

  /** Sets the member's manual tags (automatic ones are kept as the rules say). */
  setTags: action(z.object({ memberId: id, tagIds: z.array(id).max(20, '手动标签最多20个') })).returns<{ tags: TagView[] }>(),

  /** Logs a call, chat, visit or complaint; idempotent by request id. */
  logInteraction: action(z.object({ memberId: id, kind, outcome, note: note.default(''), requestId })).returns<{ interaction: InteractionView }>(),

  interactions: action(z.object({ memberId: id, cursor, limit: z.number().int().min(1).max(50).default(20) })).returns<{ interactions: InteractionView[]; nextCursor: string | null }>(),

  /** The caller's tasks: open ones by bucket (今天 / 逾期 / 即将), or the closed ones; counts for the badge. */
  tasks: action(
    z
      .object({ bucket: z.enum(['today', 'overdue', 'upcoming', 'closed'], '请选择分类').default('today'), cursor, limit: z.number().int().min(1).max(50).default(20) })
      .default({ bucket: 'today', limit: 20 }),
  ).returns<TaskListView>(),

  /** A task by hand for any customer the caller may serve; idempotent by request id. */
  createTask: action(z.object({ memberId: id, title: plainText(20, '待办标题').pipe(z.string().min(1, '请输入待办标题')), dueDate: dateOnly, note: note.default(''), requestId })).returns<{ task: TaskView }>(),

  /**
   * Closes an open task and records what happened as an interaction, in one step: done (with how it
   * went) or skipped. Closing it again answers the task as closed.
   */
  completeTask: action(
    z.object({ taskId: id, status: z.enum(['done', 'skipped'], '请选择处理结果'), kind: kind.default('call'), outcome: outcome.default('reached'), note: note.default('') }),
  ).returns<{ task: TaskView; interaction: InteractionView | null }>(),

  /** A manager's or admin's manual point change with a reason, as a ledger entry; idempotent by request id; audited. */
  adjustPoints: action(
    z.object({
      memberId: id,
      points: z.number('请输入积分').int('积分须为整数').min(-1_000_000, '积分调整过大').max(1_000_000, '积分调整过大').refine((n) => n !== 0, '调整积分不能为0'),
      reason: reason.pipe(z.string().min(1, '请填写调整原因')),
      requestId,
    }),
  ).returns<{ pointsBalance: number; entryId: string }>(),

  /** A manager (their store) or admin gives the customer another serving clerk; audited. */
  reassign: action(z.object({ memberId: id, staffId: id })).returns<{ servingStaffId: string; servingStaffName: string }>(),

  /** Admins: the audit log, newest first, by staff, by customer or by Shanghai day. */
  audit: action(
    z
      .object({ staffId: id.optional(), memberId: id.optional(), day: dateOnly.optional(), action: z.string().max(30).optional(), cursor, limit: z.number().int().min(1).max(50).default(30) })
      .default({ limit: 30 }),
  ).returns<{ entries: AuditEntryView[]; nextCursor: string | null }>(),
};

export type CareContract = typeof careContract;
export type { AuditAction };
