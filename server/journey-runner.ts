import type { BrandSettings } from '../shared/rules/brand-settings';
import { branchTarget, eventOccasion, exitReason, isWait, stepAfter, stepKey, waitEnds, type EnrollmentState } from '../shared/rules/journey-engine';
import type { JourneyStep } from '../shared/rules/journeys';
import { _, db, type Stored } from './cloud';
import { C, type CouponTemplateDoc, type EnrollmentDoc, type JourneyDoc, type MemberDoc, type StepRunDoc } from './documents';
import { closeRunTasks, enter } from './journey-enroll';
import { runStep } from './journey-steps';
import { memberFacts, tierRanks } from './journey-store';
import { forEachLimited } from './concurrency';
import { getById, insertOnce } from './queries';
import { rewardReferral } from './referrals';

/**
 * The journey engine's timer work. Event entries: members whose journeyDueAt came (a join, a sale, a
 * tag, a tier change set it) are looked at and entered where an occasion is new. The tick: enrollments
 * whose wakeAt came are claimed (a lease on wakeAt), exit conditions are checked, and steps run until
 * the next wait. Both pick their work by index and stop at the deadline; the next run resumes — and an
 * overlapping run, or one after a crash, repeats nothing, because every entry and step is keyed.
 */
const PAGE = 100;
const LEASE_MS = 5 * 60_000;
/** Enrollments advanced at once: each is independent (its own claim), and mostly waits on the database. */
const CONCURRENCY = 8;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TickTally {
  advanced: number;
  steps: number;
  exited: number;
  finished: boolean;
}

/** Members due for a look at event entries; also marks conversions (a purchase within a run's window). */
export async function visitJourneyMembers(journeys: Stored<JourneyDoc>[], settings: BrandSettings, now: Date, deadline: number): Promise<{ visited: number; entered: number; finished: boolean }> {
  const ranks = tierRanks(settings);
  const seen = new Set<string>();
  let visited = 0;
  let entered = 0;
  while (Date.now() < deadline) {
    const { data } = await db.collection<MemberDoc>(C.members).where({ journeyDueAt: _.lte(now) }).orderBy('journeyDueAt', 'asc').limit(PAGE).get();
    const fresh = data.filter((m) => !seen.has(m._id));
    if (!fresh.length) return { visited, entered, finished: true };
    const runs = await enrollmentsOf(fresh.map((m) => m._id));
    for (const member of fresh) {
      if (Date.now() >= deadline) return { visited, entered, finished: false };
      seen.add(member._id);
      entered += await visitMember(member, journeys, runs, ranks, now);
      // 老带新: the friend's first purchase brought her here; both sides are credited once.
      await rewardReferral(member, settings, now);
      visited++;
    }
  }
  return { visited, entered, finished: false };
}

async function enrollmentsOf(memberIds: string[]): Promise<Map<string, Stored<EnrollmentDoc>>> {
  const { data } = await db.collection<EnrollmentDoc>(C.enrollments).where({ memberId: _.in(memberIds) }).limit(1000).get();
  return new Map(data.map((e) => [e._id, e]));
}

async function visitMember(member: Stored<MemberDoc>, journeys: Stored<JourneyDoc>[], runs: Map<string, Stored<EnrollmentDoc>>, ranks: Map<string, number>, now: Date): Promise<number> {
  const facts = memberFacts(member, ranks);
  let entered = 0;
  for (const journey of journeys) {
    const run = runs.get(`${journey._id}:${member._id}`) ?? null;
    const last = facts.lastPurchase;
    if (run && !run.convertedAt && last && last.at.getTime() > run.enteredAt.getTime() && last.at.getTime() <= run.enteredAt.getTime() + journey.definition.conversionDays * DAY_MS) {
      await db.collection<EnrollmentDoc>(C.enrollments).where({ _id: run._id, entryNo: run.entryNo }).update({ data: { convertedAt: last.at } });
    }
    // A voided purchase ends the run it started, even one already through its steps: its open tasks close.
    if (run && run.status !== 'exited' && journey.definition.entry.kind === 'purchased' && !facts.recentPurchaseIds.includes(run.entryKey)) {
      const ended = await db.collection<EnrollmentDoc>(C.enrollments).where({ _id: run._id, entryNo: run.entryNo }).update({ data: { status: 'exited', exitReason: 'voided', stepId: null, wakeAt: null, updatedAt: now } });
      if (ended.stats.updated === 1) await closeRunTasks(run.taskKeys, 'voided', now);
    }
    if (journey.status !== 'active') continue;
    const occasion = eventOccasion(journey.definition.entry, facts);
    if (occasion && (await enter(journey, facts, member.homeStoreId, occasion, run, now))) entered++;
  }
  // Only if nothing moved it meanwhile: a sale that came during the visit keeps the member due.
  await db.collection<MemberDoc>(C.members).where({ _id: member._id, journeyDueAt: member.journeyDueAt ?? null }).update({ data: { journeyDueAt: null } });
  return entered;
}

/** Enrollments whose wake-up came, a page at a time, until none is left or time runs out. */
export async function advanceDueEnrollments(journeys: Stored<JourneyDoc>[], settings: BrandSettings, now: Date, deadline: number): Promise<TickTally> {
  const byId = new Map(journeys.map((j) => [j._id, j]));
  const ranks = tierRanks(settings);
  const templates = new Map<string, Stored<CouponTemplateDoc> | null>();
  const tally: TickTally = { advanced: 0, steps: 0, exited: 0, finished: false };
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    const { data } = await db.collection<EnrollmentDoc>(C.enrollments).where({ wakeAt: _.lte(now) }).orderBy('wakeAt', 'asc').limit(PAGE).get();
    const fresh = data.filter((e) => !seen.has(e._id));
    if (!fresh.length) return { ...tally, finished: true };
    const members = await membersById(fresh.map((e) => e.memberId));
    const started = await forEachLimited(fresh, CONCURRENCY, deadline, async (enrollment) => {
      seen.add(enrollment._id);
      const outcome = await advance(enrollment, byId.get(enrollment.journeyId), members.get(enrollment.memberId), { settings, ranks, templates, now });
      if (outcome === null) return;
      tally.advanced++;
      tally.steps += outcome.steps;
      if (outcome.exited) tally.exited++;
    });
    if (started < fresh.length) return tally;
  }
  return tally;
}

async function membersById(ids: string[]): Promise<Map<string, Stored<MemberDoc>>> {
  const { data } = await db.collection<MemberDoc>(C.members).where({ _id: _.in([...new Set(ids)]) }).limit(1000).get();
  return new Map(data.map((m) => [m._id, m]));
}

interface TickContext {
  settings: BrandSettings;
  ranks: Map<string, number>;
  templates: Map<string, Stored<CouponTemplateDoc> | null>;
  now: Date;
}

/**
 * One run forward from its wake-up to its next wait (or its end). Claimed first by moving wakeAt on
 * (the lease): a second runner's claim on the same wake-up finds it moved and leaves it. Progress is
 * saved at waits and at the end; a crash in between re-runs the steps since the last save, whose
 * keys make them no-ops — and a branch re-run follows the way it went the first time (its step run
 * recorded the answer).
 */
export async function advance(enrollment: Stored<EnrollmentDoc>, journey: Stored<JourneyDoc> | undefined, member: Stored<MemberDoc> | undefined, ctx: TickContext): Promise<{ steps: number; exited: boolean } | null> {
  const enrollments = db.collection<EnrollmentDoc>(C.enrollments);
  const { now } = ctx;
  const claimed = await enrollments
    .where({ _id: enrollment._id, entryNo: enrollment.entryNo, stepId: enrollment.stepId, wakeAt: enrollment.wakeAt })
    .update({ data: { wakeAt: new Date(now.getTime() + LEASE_MS) } });
  if (claimed.stats.updated !== 1) return null;
  const save = (data: Partial<EnrollmentDoc>) => enrollments.where({ _id: enrollment._id, entryNo: enrollment.entryNo }).update({ data: { ...data, updatedAt: now } });

  if (!journey || !member) {
    await save({ status: 'done', stepId: null, wakeAt: null, exitReason: journey ? 'member_gone' : 'journey_gone' });
    return { steps: 0, exited: false };
  }
  if (journey.status === 'paused') {
    // Waits where it is; resuming the journey wakes it (setJourneyStatus).
    await save({ status: 'paused', wakeAt: null });
    return { steps: 0, exited: false };
  }
  const facts = memberFacts(member, ctx.ranks);
  const state: EnrollmentState = { entryNo: enrollment.entryNo, entryKey: enrollment.entryKey, enteredAt: enrollment.enteredAt, tierRank: enrollment.tierRank };
  const reason = exitReason(journey.definition, facts, state, ctx.ranks);
  if (reason) {
    await save({ status: 'exited', exitReason: reason, stepId: null, wakeAt: null });
    await closeRunTasks(enrollment.taskKeys, 'exited', now);
    return { steps: 0, exited: true };
  }

  const steps = journey.definition.steps;
  let stepId = enrollment.stepId;
  let dueAt = enrollment.stepDueAt;
  const taskKeys = [...enrollment.taskKeys];
  let ran = 0;
  while (stepId !== null) {
    const step = steps.find((s) => s.id === stepId);
    if (!step) break;
    const key = stepKey(journey._id, member._id, enrollment.entryNo, step.id);
    if (isWait(step)) {
      const ends = waitEnds(step, dueAt, facts);
      if (ends === null) {
        await save({ status: 'done', exitReason: 'no_date', stepId: null, wakeAt: null, taskKeys });
        return { steps: ran, exited: false };
      }
      await recordStep(key, journey._id, step.id, member._id, enrollment.entryNo, 'waited', now);
      const next = stepAfter(steps, step.id);
      if (next === null) break;
      if (ends.getTime() > now.getTime()) {
        await save({ stepId: next, stepDueAt: ends, wakeAt: ends, taskKeys });
        return { steps: ran, exited: false };
      }
      dueAt = ends;
      stepId = next;
      continue;
    }
    const result = await runEffect(step, key, journey, member, facts, enrollment, dueAt, ctx);
    if (result.taskKey && !taskKeys.includes(result.taskKey)) taskKeys.push(result.taskKey);
    ran++;
    stepId = step.type === 'branch' ? branchTarget(steps, step, result.result === 'true') : stepAfter(steps, step.id);
  }
  await save({ status: 'done', stepId: null, wakeAt: null, taskKeys });
  return { steps: ran, exited: false };
}

async function runEffect(
  step: Exclude<JourneyStep, { type: 'wait' | 'wait_until_time' | 'wait_until_date' }>,
  key: string,
  journey: Stored<JourneyDoc>,
  member: Stored<MemberDoc>,
  facts: ReturnType<typeof memberFacts>,
  enrollment: Stored<EnrollmentDoc>,
  dueAt: Date,
  ctx: TickContext,
): Promise<{ result: string; taskKey?: string }> {
  if (step.type === 'branch') {
    // The way a branch went is decided once: a re-run follows the recorded answer.
    const recorded = await getById<StepRunDoc>(C.stepRuns, key);
    if (recorded) return { result: recorded.result };
  }
  const outcome = await runStep(step, { journey, member, facts, key, entryKey: enrollment.entryKey, enteredAt: enrollment.enteredAt, dueAt, settings: ctx.settings, ranks: ctx.ranks, templates: ctx.templates, now: ctx.now });
  await recordStep(key, journey._id, step.id, member._id, enrollment.entryNo, outcome.result, ctx.now);
  return outcome;
}

async function recordStep(key: string, journeyId: string, stepId: string, memberId: string, entryNo: number, result: string, now: Date): Promise<void> {
  await insertOnce<StepRunDoc>(C.stepRuns, { _id: key, journeyId, stepId, memberId, entryNo, at: now, result });
}
