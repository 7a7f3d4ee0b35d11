import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AutomationContract } from '../../../shared/contracts/automation';
import type { JourneyEditorView, JourneySummaryView, JourneyView } from '../../../shared/contracts/automation-views';
import { autoTagLabel, isAutoTag } from '../../../shared/rules/auto-tags';
import { entryText, stepSummary, type JourneyNames } from '../../../shared/rules/journey-text';
import { tagDirectory } from '../../../server/tag-directory';
import { _, db, type Stored } from '../../../server/cloud';
import { audit } from '../../../server/audit';
import type { RequestContext } from '../../../server/dispatch';
import { C, type EnrollmentDoc, type JourneyDoc, type StepRunDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { allJourneys, ensureBuiltIns, grantableTemplates, problemsOf } from '../../../server/journey-store';
import { getById } from '../../../server/queries';
import { requireRole } from '../../../server/roles';
import { options } from './options';

/** Counts of one journey's enrollments by status and converted, in one aggregation. */
async function counts(journeyIds: string[]): Promise<Map<string, { entered: number; active: number; finished: number; exited: number; converted: number }>> {
  const $ = db.command.aggregate;
  const { list } = await db
    .collection<EnrollmentDoc>(C.enrollments)
    .aggregate()
    .match({ journeyId: _.in(journeyIds) })
    .group({ _id: { journey: '$journeyId', status: '$status' }, n: $.sum(1), runs: $.sum('$entryNo'), converted: $.sum($.cond({ if: $.eq(['$convertedAt', null]), then: 0, else: 1 })) })
    .end();
  const result = new Map<string, { entered: number; active: number; finished: number; exited: number; converted: number }>();
  for (const row of list as Array<{ _id: { journey: string; status: string }; n: number; runs: number; converted: number }>) {
    const c = result.get(row._id.journey) ?? { entered: 0, active: 0, finished: 0, exited: 0, converted: 0 };
    c.entered += row.runs;
    if (row._id.status === 'active' || row._id.status === 'paused') c.active += row.n;
    if (row._id.status === 'done') c.finished += row.n;
    if (row._id.status === 'exited') c.exited += row.n;
    c.converted += row.converted;
    result.set(row._id.journey, c);
  }
  return result;
}

/** Tag and coupon names for the texts a journey reads as (both from caches or the call's own read). */
async function namesFor(grantable: Map<string, string>): Promise<JourneyNames> {
  const tags = await tagDirectory();
  return { tag: (id) => (isAutoTag(id) ? autoTagLabel(id) : (tags.get(id)?.name ?? '')), coupon: (id) => grantable.get(id) ?? '' };
}

function summary(journey: Stored<JourneyDoc>, c: { entered: number; active: number; converted: number } | undefined, grantable: Map<string, string>, names: JourneyNames): JourneySummaryView {
  return {
    id: journey._id,
    name: journey.definition.name,
    builtIn: journey.builtIn,
    status: journey.status,
    entryText: entryText(journey.definition.entry, names),
    stepCount: journey.definition.steps.length,
    active: c?.active ?? 0,
    entered: c?.entered ?? 0,
    converted: c?.converted ?? 0,
    problems: problemsOf(journey, grantable),
  };
}

export async function journeys(_input: unknown, ctx: RequestContext): Promise<{ journeys: JourneySummaryView[] }> {
  await requireRole(ctx.openid, ['manager', 'admin']);
  await ensureBuiltIns(ctx.now);
  const [list, grantable] = await Promise.all([allJourneys(), grantableTemplates()]);
  const [c, names] = await Promise.all([counts(list.map((j) => j._id)), namesFor(grantable)]);
  return { journeys: list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((j) => summary(j, c.get(j._id), grantable, names)) };
}

export async function journeyView(journey: Stored<JourneyDoc>): Promise<JourneyView> {
  const $ = db.command.aggregate;
  const [c, grantable, reached] = await Promise.all([
    counts([journey._id]),
    grantableTemplates(),
    db.collection<StepRunDoc>(C.stepRuns).aggregate().match({ journeyId: journey._id }).group({ _id: '$stepId', n: $.sum(1) }).end(),
  ]);
  const figures = c.get(journey._id) ?? { entered: 0, active: 0, finished: 0, exited: 0, converted: 0 };
  const names = await namesFor(grantable);
  const perStep = new Map((reached.list as Array<{ _id: string; n: number }>).map((r) => [r._id, r.n]));
  return {
    ...summary(journey, figures, grantable, names),
    definition: journey.definition,
    figures: {
      ...figures,
      conversionPercent: figures.entered ? Math.round((figures.converted * 100) / figures.entered) : 0,
      steps: journey.definition.steps.map((step) => ({ stepId: step.id, summary: stepSummary(step, names), reached: perStep.get(step.id) ?? 0 })),
    },
    updatedAt: journey.updatedAt.toISOString(),
  };
}

export async function journey(input: ParsedInputOf<AutomationContract, 'journey'>, ctx: RequestContext): Promise<JourneyView> {
  await requireRole(ctx.openid, ['manager', 'admin']);
  const found = await getById<JourneyDoc>(C.journeys, input.journeyId);
  if (!found) throw new AppError('JOURNEY_NOT_FOUND');
  return journeyView(found);
}

export async function journeyEditor(input: ParsedInputOf<AutomationContract, 'journeyEditor'>, ctx: RequestContext): Promise<JourneyEditorView> {
  const [found, pickLists] = await Promise.all([input.journeyId ? getById<JourneyDoc>(C.journeys, input.journeyId) : Promise.resolve(null), options({}, ctx)]);
  if (input.journeyId && !found) throw new AppError('JOURNEY_NOT_FOUND');
  return { journey: found ? await journeyView(found) : null, options: pickLists };
}

/**
 * Creates or edits a journey (admins). An active journey must be valid as saved; a paused one may be
 * saved with problems, shown on it, to finish later. A new journey's id is its request id, so a
 * retried create makes one journey.
 */
export async function saveJourney(input: ParsedInputOf<AutomationContract, 'saveJourney'>, ctx: RequestContext): Promise<JourneyView> {
  const staff = await requireRole(ctx.openid, ['admin']);
  const journeys = db.collection<JourneyDoc>(C.journeys);
  const id = input.journeyId ?? `j-${input.requestId}`;
  const existing = await getById<JourneyDoc>(C.journeys, id);
  if (input.journeyId && !existing) throw new AppError('JOURNEY_NOT_FOUND');
  const grantable = await grantableTemplates();
  const draft: JourneyDoc = existing
    ? { ...existing, definition: input.definition, updatedAt: ctx.now, updatedBy: staff._id }
    : { definition: input.definition, builtIn: null, status: 'paused', activeSince: null, createdAt: ctx.now, updatedAt: ctx.now, updatedBy: staff._id, requestId: input.requestId };
  const problems = problemsOf(draft, grantable);
  if (draft.status === 'active' && problems.length) throw new AppError('JOURNEY_INVALID', Object.fromEntries(problems.map((p) => [p.field, p.message])));
  if (existing) await journeys.doc(id).set({ data: stripId(draft) });
  else await journeys.doc(id).set({ data: draft });
  await audit(staff, { action: 'journey_change', detail: `${existing ? '修改' : '新建'}旅程「${input.definition.name}」` }, ctx.now);
  return journeyView({ ...draft, _id: id });
}

function stripId(doc: JourneyDoc & { _id?: string }): JourneyDoc {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/** Pauses or resumes; resuming wakes the members that waited, and only occasions from now on enter. */
export async function setJourneyStatus(input: ParsedInputOf<AutomationContract, 'setJourneyStatus'>, ctx: RequestContext): Promise<JourneyView> {
  const staff = await requireRole(ctx.openid, ['admin']);
  const found = await getById<JourneyDoc>(C.journeys, input.journeyId);
  if (!found) throw new AppError('JOURNEY_NOT_FOUND');
  if (input.status === found.status) return journeyView(found);
  if (input.status === 'active') {
    const problems = problemsOf(found, await grantableTemplates());
    if (problems.length) throw new AppError('JOURNEY_INVALID', Object.fromEntries(problems.map((p) => [p.field, p.message])));
  }
  const change = input.status === 'active' ? { status: 'active' as const, activeSince: ctx.now, updatedAt: ctx.now, updatedBy: staff._id } : { status: 'paused' as const, updatedAt: ctx.now, updatedBy: staff._id };
  await db.collection<JourneyDoc>(C.journeys).doc(found._id).update({ data: change });
  if (input.status === 'active') {
    await db.collection<EnrollmentDoc>(C.enrollments).where({ journeyId: found._id, status: 'paused' }).update({ data: { status: 'active', wakeAt: ctx.now } });
  }
  await audit(staff, { action: 'journey_change', detail: `${input.status === 'active' ? '启用' : '暂停'}旅程「${found.definition.name}」` }, ctx.now);
  return journeyView({ ...found, ...change });
}
