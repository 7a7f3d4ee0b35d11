import type { BrandSettings } from '../../../shared/rules/brand-settings';
import { _, db } from '../../../server/cloud';
import { C, type TaskDoc } from '../../../server/documents';

const DAY_MS = 86_400_000;

/** Open tasks left this many days past due expire: one conditional update, however many there are. */
export async function expireOverdueTasks(settings: BrandSettings, now: Date): Promise<number> {
  const before = new Date(now.getTime() - settings.care.taskExpireAfterDays * DAY_MS);
  const { stats } = await db
    .collection<TaskDoc>(C.tasks)
    .where({ status: 'open', dueAt: _.lt(before) })
    .update({ data: { status: 'expired', closedAt: now, closedBy: 'system', closedReason: 'overdue' } });
  return stats.updated;
}
