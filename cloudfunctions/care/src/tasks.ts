import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CareContract } from '../../../shared/contracts/care';
import type { InteractionView, TaskBucket, TaskListView, TaskView } from '../../../shared/contracts/care-views';
import { manualTaskKey } from '../../../shared/rules/care-tasks';
import { shanghaiDayRange } from '../../../shared/rules/task-text';
import { startOfShanghaiDayKey } from '../../../shared/time/shanghai';
import { _, db, type Stored } from '../../../server/cloud';
import { assertMayServe } from '../../../server/care-access';
import { interactionView, taskView } from '../../../server/care-views';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type InteractionDoc, type StaffDoc, type TaskDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { decodeCursor, encodeCursor } from '../../../server/list-cursor';
import { getById, memberById, requireStaff } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { assertNotOwnMembership } from '../../../server/staff-guard';
import { addTaskOnce, openTask } from '../../../server/tasks';
import { txnGet, withTransaction } from '../../../server/transaction';
import { addInteraction } from './interactions';

/** The caller's open tasks due in a Shanghai-day range, by due date (the owner_status_due index). */
function openTasksWhere(staffId: string, bucket: TaskBucket, now: Date): Record<string, unknown> {
  const { start, end } = shanghaiDayRange(now);
  if (bucket === 'today') return _.and([{ ownerStaffId: staffId, status: 'open', dueAt: _.gte(start) }, { dueAt: _.lt(end) }]);
  return { ownerStaffId: staffId, status: 'open', dueAt: bucket === 'overdue' ? _.lt(start) : _.gte(end) };
}

/**
 * One tab of 待办 and the open counts for all three (the badge). Open tabs page forward by due date;
 * the closed tab newest due first. Five requests: the caller, the page, three counts.
 */
export async function tasks(input: ParsedInputOf<CareContract, 'tasks'>, ctx: RequestContext): Promise<TaskListView> {
  const staff = await requireStaff(ctx.openid);
  const closed = input.bucket === 'closed';
  const base = closed ? { ownerStaffId: staff._id, status: _.in(['done', 'skipped', 'expired']) } : openTasksWhere(staff._id, input.bucket as TaskBucket, ctx.now);
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const where = cursor
    ? _.and([base, closed
        ? _.or([{ dueAt: _.lt(new Date(cursor.value ?? 0)) }, { dueAt: new Date(cursor.value ?? 0), _id: _.lt(cursor.id) }])
        : _.or([{ dueAt: _.gt(new Date(cursor.value ?? 0)) }, { dueAt: new Date(cursor.value ?? 0), _id: _.gt(cursor.id) }])])
    : base;
  const direction = closed ? 'desc' : 'asc';
  const count = (bucket: TaskBucket) => db.collection<TaskDoc>(C.tasks).where(openTasksWhere(staff._id, bucket, ctx.now)).count();
  const [{ data }, overdue, today, upcoming, settings] = await Promise.all([
    db.collection<TaskDoc>(C.tasks).where(where).orderBy('dueAt', direction).orderBy('_id', direction).limit(input.limit + 1).get(),
    count('overdue'),
    count('today'),
    count('upcoming'),
    brandSettings(),
  ]);
  const page = data.slice(0, input.limit);
  const named = await names({ stores: page.map((t) => t.storeId), staff: page.map((t) => t.ownerStaffId) });
  const last = page[page.length - 1];
  return {
    tasks: page.map((task) => taskView(task, settings, named, ctx.now)),
    counts: { overdue: overdue.total, today: today.total, upcoming: upcoming.total },
    nextCursor: data.length > input.limit && last ? encodeCursor(last.dueAt, last._id) : null,
  };
}

/** A task by hand for a customer the caller may serve; the caller owns it. The request id makes a retry the same task. */
export async function createTask(input: ParsedInputOf<CareContract, 'createTask'>, ctx: RequestContext): Promise<{ task: TaskView }> {
  const staff = await requireStaff(ctx.openid);
  const [member, settings] = await Promise.all([memberById(input.memberId), brandSettings()]);
  assertMayServe(staff, member);
  assertNotOwnMembership(staff, member);
  const key = manualTaskKey(staff._id, input.requestId);
  const task = openTask(
    member,
    { key, cause: 'manual', title: input.title, note: input.note, dueAt: startOfShanghaiDayKey(input.dueDate.replace(/-/g, '')), owner: staff._id, createdBy: staff._id },
    settings,
    ctx.now,
  );
  const saved = (await addTaskOnce(task)) ? task : ((await getById<TaskDoc>(C.tasks, key)) ?? task);
  const named = await names({ stores: [saved.storeId], staff: [saved.ownerStaffId] });
  return { task: taskView(saved, settings, named, ctx.now) };
}

/** The owner, a manager of the task's store, or an admin may close a task. */
function mayClose(staff: Stored<StaffDoc>, task: TaskDoc): boolean {
  if (staff.role === 'admin') return true;
  if (task.ownerStaffId === staff._id) return true;
  return staff.role === 'manager' && task.storeId === staff.storeId;
}

/**
 * Closes an open task: done with an interaction (`task:<id>`, once) in the same transaction, or
 * skipped. A task closed already (a double tap, or a colleague) answers as it stands.
 */
export async function completeTask(input: ParsedInputOf<CareContract, 'completeTask'>, ctx: RequestContext): Promise<{ task: TaskView; interaction: InteractionView | null }> {
  const staff = await requireStaff(ctx.openid);
  const settings = await brandSettings();
  const outcome = await withTransaction(async (txn) => {
    const task = await txnGet<TaskDoc>(txn, C.tasks, input.taskId);
    if (!task) throw new AppError('TASK_NOT_FOUND');
    if (!mayClose(staff, task)) throw new AppError('TASK_NOT_YOURS');
    if (task.status !== 'open') return { task, interaction: null, repeated: true };
    const closed: Stored<TaskDoc> = { ...task, status: input.status, closedAt: ctx.now, closedBy: staff._id, outcome: input.status === 'done' ? input.outcome : null, closedReason: null };
    let interaction: Stored<InteractionDoc> | null = null;
    if (input.status === 'done') {
      interaction = {
        _id: `task:${task._id}`,
        memberId: task.memberId,
        storeId: staff.storeId,
        staffId: staff._id,
        kind: input.kind,
        outcome: input.outcome,
        note: input.note,
        taskId: task._id,
        at: ctx.now,
      };
      await addInteraction(txn, staff, interaction);
    }
    const { _id, ...fields } = closed;
    await txn.collection<TaskDoc>(C.tasks).doc(_id).set({ data: fields as TaskDoc });
    return { task: closed, interaction, repeated: false };
  });
  const interaction = outcome.repeated ? await getById<InteractionDoc>(C.interactions, `task:${outcome.task._id}`) : outcome.interaction;
  const named = await names({ stores: [outcome.task.storeId, interaction?.storeId ?? null], staff: [outcome.task.ownerStaffId, interaction?.staffId ?? null] });
  return { task: taskView(outcome.task, settings, named, ctx.now), interaction: interaction ? interactionView(interaction, named) : null };
}
