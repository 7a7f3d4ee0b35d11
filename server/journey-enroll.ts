import { ENTRY_FRESH_DAYS, isCalendarEntry, shouldEnter, type EntryOccasion, type MemberFacts } from '../shared/rules/journey-engine';
import { startOfShanghaiDay } from '../shared/time/shanghai';
import { _, db, type Stored } from './cloud';
import { C, type EnrollmentDoc, type JourneyDoc, type TaskDoc } from './documents';
import { isDuplicateKey } from './errors';

const DAY_MS = 24 * 60 * 60 * 1000;

export function enrollmentId(journeyId: string, memberId: string): string {
  return `${journeyId}:${memberId}`;
}

/**
 * Puts a member in a journey for an occasion, once: the first run is an insert under the enrollment's
 * fixed id, a later one a conditional update on the run number it saw — two runs racing over the same
 * occasion both try, one writes. A new run ends the previous one, and closes the tasks it left open
 * (a newer purchase supersedes the older one's follow-ups).
 */
export async function enter(
  journey: Stored<JourneyDoc>,
  facts: MemberFacts,
  storeId: string | null,
  occasion: EntryOccasion,
  existing: Stored<EnrollmentDoc> | null,
  now: Date,
): Promise<boolean> {
  // A calendar occasion is a whole day: the day the journey was switched on still counts.
  const since = journey.activeSince ?? now;
  const from = isCalendarEntry(journey.definition.entry) ? startOfShanghaiDay(since) : since;
  const earliest = new Date(Math.max(from.getTime(), now.getTime() - ENTRY_FRESH_DAYS * DAY_MS));
  if (!shouldEnter(occasion, existing, journey.definition.reentry, earliest, journey.definition.entry, facts)) return false;
  const first = journey.definition.steps[0];
  const run = {
    entryKey: occasion.key,
    enteredAt: occasion.at.getTime() > 0 ? occasion.at : now,
    tierRank: facts.tierRank,
    status: 'active' as const,
    exitReason: null,
    stepId: first?.id ?? null,
    stepDueAt: occasion.at.getTime() > 0 ? occasion.at : now,
    wakeAt: now,
    taskKeys: [],
    convertedAt: null,
    updatedAt: now,
  };
  const enrollments = db.collection<EnrollmentDoc>(C.enrollments);
  if (!existing) {
    try {
      await enrollments.add({ data: { _id: enrollmentId(journey._id, facts.memberId), journeyId: journey._id, memberId: facts.memberId, storeId, entryNo: 1, ...run } });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
  const { stats } = await enrollments.where({ _id: existing._id, entryNo: existing.entryNo }).update({ data: { ...run, entryNo: existing.entryNo + 1, storeId } });
  if (stats.updated !== 1) return false;
  await closeRunTasks(existing.taskKeys, 'superseded', now);
  return true;
}

/** Closes the open tasks a run made: a run that ended or was superseded has nothing left to follow up. */
export async function closeRunTasks(keys: string[], reason: string, now: Date): Promise<void> {
  if (!keys.length) return;
  await db
    .collection<TaskDoc>(C.tasks)
    .where({ _id: _.in(keys), status: 'open' })
    .update({ data: { status: 'expired', closedAt: now, closedBy: 'system', closedReason: reason } });
}
