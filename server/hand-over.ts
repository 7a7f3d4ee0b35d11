import type { HandOverView } from '../shared/contracts/care-views';
import { assignRoundRobin, groupByTarget } from '../shared/rules/hand-over';
import { _, db, type Stored } from './cloud';
import { C, type HandOverDoc, type MemberDoc, type TaskDoc } from './documents';
import { getById } from './queries';

/**
 * Moving a leaving person's customers and open tasks to their receivers, resumably: each slice reads
 * the next members still served by them (by index) and moves them with one conditional update per
 * receiver (`servingStaffId` still the leaver's), so a slice run twice, two slices at once or a slice
 * cut off by a timeout never moves a customer twice or loses one. Tasks follow their customer's new
 * clerk. Progress is what they served when it was filed less what they still serve, so a slice cut off
 * between its updates and its bookkeeping never miscounts.
 */
const CHUNK = 100;

export async function continueHandOver(staffId: string, deadline: number, now: Date): Promise<Stored<HandOverDoc> | null> {
  let handOver = await getById<HandOverDoc>(C.handOvers, staffId);
  if (!handOver || handOver.status === 'done') return handOver;
  while (Date.now() < deadline) {
    const seen = await moveMembers(handOver);
    if (seen === null) break;
    handOver = { ...handOver, offset: handOver.offset + seen };
  }
  while (Date.now() < deadline) {
    if (!(await moveTasks(handOver))) {
      await db.collection<HandOverDoc>(C.handOvers).where({ _id: staffId, status: 'running' }).update({ data: { status: 'done', finishedAt: now } });
      return getById<HandOverDoc>(C.handOvers, staffId);
    }
  }
  return getById<HandOverDoc>(C.handOvers, staffId);
}

/** One chunk of customers (how many were read); null when none is left. */
async function moveMembers(handOver: Stored<HandOverDoc>): Promise<number | null> {
  const { data } = await db.collection<MemberDoc>(C.members).where({ servingStaffId: handOver.staffId }).orderBy('_id', 'asc').limit(CHUNK).field({ _id: true }).get();
  if (!data.length) return null;
  const assignments = assignRoundRobin(
    data.map((m) => m._id),
    handOver.toStaffIds,
    handOver.spread ? handOver.offset : 0,
  );
  for (const [target, ids] of groupByTarget(assignments)) {
    await db.collection<MemberDoc>(C.members).where({ _id: _.in(ids), servingStaffId: handOver.staffId }).update({ data: { servingStaffId: target } });
  }
  await db.collection<HandOverDoc>(C.handOvers).doc(handOver._id).update({ data: { offset: _.inc(data.length) } });
  return data.length;
}

/** Counts at filing: what the person serves and owns. */
export async function handOverTotals(staffId: string): Promise<{ membersTotal: number; tasksTotal: number }> {
  const [members, tasks] = await Promise.all([
    db.collection<MemberDoc>(C.members).where({ servingStaffId: staffId }).count(),
    db.collection<TaskDoc>(C.tasks).where({ ownerStaffId: staffId, status: 'open' }).count(),
  ]);
  return { membersTotal: members.total, tasksTotal: tasks.total };
}

/** One chunk of open tasks, each to whoever serves its customer now; false when none is left. */
async function moveTasks(handOver: Stored<HandOverDoc>): Promise<boolean> {
  const { data } = await db.collection<TaskDoc>(C.tasks).where({ ownerStaffId: handOver.staffId, status: 'open' }).limit(CHUNK).field({ memberId: true }).get();
  if (!data.length) return false;
  const memberIds = [...new Set(data.map((t) => t.memberId))];
  const { data: members } = await db.collection<MemberDoc>(C.members).where({ _id: _.in(memberIds) }).field({ servingStaffId: true }).limit(memberIds.length).get();
  const servedBy = new Map(members.map((m) => [m._id, m.servingStaffId ?? null]));
  const byOwner = new Map<string, string[]>();
  data.forEach((task, index) => {
    const serving = servedBy.get(task.memberId);
    // A customer not (or no longer) served by a receiver: their task goes round the receivers.
    const owner = serving && serving !== handOver.staffId ? serving : handOver.toStaffIds[index % handOver.toStaffIds.length];
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), task._id]);
  });
  for (const [owner, ids] of byOwner) {
    await db.collection<TaskDoc>(C.tasks).where({ _id: _.in(ids), ownerStaffId: handOver.staffId, status: 'open' }).update({ data: { ownerStaffId: owner } });
  }
  return true;
}

export async function handOverView(handOver: Stored<HandOverDoc>, staffName: string): Promise<HandOverView> {
  const [members, tasks] = await Promise.all([
    db.collection<MemberDoc>(C.members).where({ servingStaffId: handOver.staffId }).count(),
    db.collection<TaskDoc>(C.tasks).where({ ownerStaffId: handOver.staffId, status: 'open' }).count(),
  ]);
  return {
    staffId: handOver.staffId,
    staffName,
    status: handOver.status,
    toStaffIds: handOver.toStaffIds,
    spread: handOver.spread,
    membersMoved: Math.max(0, handOver.membersTotal - members.total),
    tasksMoved: Math.max(0, handOver.tasksTotal - tasks.total),
    membersLeft: members.total,
    tasksLeft: tasks.total,
    startedAt: handOver.startedAt.toISOString(),
    finishedAt: handOver.finishedAt ? handOver.finishedAt.toISOString() : null,
  };
}

/** Hand-overs still running, for the care jobs to finish. */
export async function runningHandOvers(): Promise<string[]> {
  const { data } = await db.collection<HandOverDoc>(C.handOvers).where({ status: 'running' }).limit(100).field({ _id: true }).get();
  return data.map((h) => h._id);
}
