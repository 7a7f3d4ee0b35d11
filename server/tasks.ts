import type { TaskCause } from '../shared/contracts/care-views';
import type { BrandSettings } from '../shared/rules/brand-settings';
import { db, type Stored } from './cloud';
import { C, type MemberDoc, type TaskDoc } from './documents';
import { insertOnce } from './queries';
import { taskContext } from './task-context';

export interface NewTask {
  key: string;
  cause: TaskCause;
  dueAt: Date;
  owner: string | null;
  createdBy: string;
  purchaseId?: string | null;
  couponId?: string | null;
  couponName?: string | null;
  title?: string;
  note?: string;
  /** The journey or campaign that made it (their figures count by it). */
  journeyId?: string | null;
  campaignId?: string | null;
}

/** An open task for a member, its script's placeholders filled from the member as they are now. */
export function openTask(member: Stored<MemberDoc>, task: NewTask, settings: BrandSettings, now: Date): Stored<TaskDoc> {
  return {
    _id: task.key,
    memberId: member._id,
    storeId: member.homeStoreId,
    ownerStaffId: task.owner,
    cause: task.cause,
    title: task.title ?? '',
    note: task.note ?? '',
    dueAt: task.dueAt,
    status: 'open',
    purchaseId: task.purchaseId ?? null,
    couponId: task.couponId ?? null,
    context: taskContext(member, settings, task.couponName ?? null),
    createdAt: now,
    createdBy: task.createdBy,
    closedAt: null,
    closedBy: null,
    outcome: null,
    closedReason: null,
    ...(task.journeyId ? { journeyId: task.journeyId } : {}),
    ...(task.campaignId ? { campaignId: task.campaignId } : {}),
  };
}

/** Adds a task under its key; false when it exists (a second visit, a retry or an overlapping run). */
export function addTaskOnce(task: Stored<TaskDoc>): Promise<boolean> {
  return insertOnce<TaskDoc>(C.tasks, task);
}
