import type { BrandSettings } from '../shared/rules/brand-settings';
import { conditionHolds, taskStepKey, type MemberFacts } from '../shared/rules/journey-engine';
import type { JourneyStep } from '../shared/rules/journeys';
import { _, db, type Stored } from './cloud';
import { grantCoupon } from './coupon-grant';
import { names } from './directory';
import { C, type CouponTemplateDoc, type JourneyDoc, type MemberDoc, type MessageDoc } from './documents';
import { isAppError } from './errors';
import { newId } from './ids';
import { alreadyTold } from './campaigns';
import { couponArrived, journeyMessage } from './message-causes';
import { enqueue, newMessage } from './outbox';
import { getById } from './queries';
import { quotaOf } from './subscriptions';
import { taskOwnerFor } from './task-owner';
import { addTaskOnce, openTask } from './tasks';

/**
 * What one step of a run does. Every effect carries the step's key — the coupon's grant key, the
 * message's id, the task's id — so running a step again (an overlapping run, a retry after a timeout)
 * finds its effect made and makes nothing new.
 */
export interface StepContext {
  journey: Stored<JourneyDoc>;
  member: Stored<MemberDoc>;
  facts: MemberFacts;
  key: string;
  entryKey: string;
  enteredAt: Date;
  /** When the step became due on schedule. */
  dueAt: Date;
  settings: BrandSettings;
  ranks: Map<string, number>;
  templates: Map<string, Stored<CouponTemplateDoc> | null>;
  now: Date;
}

export interface StepResult {
  result: string;
  /** A task it made (closed if the run exits before it is done). */
  taskKey?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function runStep(step: Exclude<JourneyStep, { type: 'wait' | 'wait_until_time' | 'wait_until_date' }>, ctx: StepContext): Promise<StepResult> {
  switch (step.type) {
    case 'message':
      return sendMessageStep(step, ctx);
    case 'coupon':
      return grantCouponStep(step, ctx);
    case 'task':
      return taskStep(step, ctx);
    case 'tag':
      return tagStep(step, ctx);
    case 'branch':
      return { result: conditionHolds(step.condition, ctx.facts, ctx.enteredAt, ctx.ranks) ? 'true' : 'false' };
  }
}

async function fallbackTask(ctx: StepContext, title: string, note: string): Promise<StepResult> {
  const task = openTask(ctx.member, { key: ctx.key, cause: 'journey', dueAt: ctx.now, owner: await taskOwnerFor(ctx.member), createdBy: 'system', title, note, journeyId: ctx.journey._id }, ctx.settings, ctx.now);
  await addTaskOnce(task);
  return { result: 'fallback_task', taskKey: ctx.key };
}

async function sendMessageStep(step: Extract<JourneyStep, { type: 'message' }>, ctx: StepContext): Promise<StepResult> {
  if (ctx.settings.messages.templateIds[step.template] === '') return { result: 'template_off' };
  if (quotaOf(ctx.member, step.template) === 0) {
    // A repeat of the step after its message used the last acceptance: it was sent, nothing to fall back on.
    if (await getById<MessageDoc>(C.messages, ctx.key)) return { result: 'queued' };
    return step.fallbackTask ? fallbackTask(ctx, '转告消息', step.text) : { result: 'no_quota' };
  }
  const store = (await names({ stores: [ctx.member.homeStoreId] })).store(ctx.member.homeStoreId);
  const fallback = step.fallbackTask ? { title: '转告消息', cause: 'journey' as const } : null;
  await enqueue(newMessage(ctx.member, journeyMessage(ctx.key, step.template, step.text, store, ctx.now, { journeyId: ctx.journey._id, fallback }), ctx.settings, ctx.now));
  return { result: 'queued' };
}

async function templateFor(ctx: StepContext, id: string): Promise<Stored<CouponTemplateDoc> | null> {
  if (!ctx.templates.has(id)) ctx.templates.set(id, await getById<CouponTemplateDoc>(C.couponTemplates, id));
  return ctx.templates.get(id) ?? null;
}

async function grantCouponStep(step: Extract<JourneyStep, { type: 'coupon' }>, ctx: StepContext): Promise<StepResult> {
  const template = await templateFor(ctx, step.couponTemplateId);
  if (!template) return { result: 'no_template' };
  let outcome;
  try {
    outcome = await grantCoupon(
      { template, memberId: ctx.member._id, grantKey: ctx.key, slotKey: null, source: 'journey', by: 'system', reason: ctx.journey.definition.name, now: ctx.now, origin: { journeyId: ctx.journey._id } },
      newId(),
    );
  } catch (error) {
    if (isAppError(error) && ['OUT_OF_STOCK', 'TEMPLATE_NOT_ACTIVE', 'TEMPLATE_NOT_FOUND'].includes(error.code)) return { result: 'no_stock' };
    throw error;
  }
  if ('slotTaken' in outcome) return { result: 'no_stock' };
  if (!step.notify) return { result: 'granted' };
  const coupon = outcome.coupon;
  if (!outcome.created && (await alreadyTold(coupon._id))) return { result: 'granted_notified' };
  if (quotaOf(ctx.member, 'coupon_arrived') === 0 || ctx.settings.messages.templateIds.coupon_arrived === '') {
    return step.fallbackTask ? { ...(await fallbackTask(ctx, `告知到账：${template.name}`.slice(0, 20), step.note)), result: 'granted_task' } : { result: 'granted' };
  }
  const fallback = step.fallbackTask ? { title: `告知到账：${template.name}`.slice(0, 20), cause: 'journey' as const } : null;
  await enqueue(newMessage(ctx.member, couponArrived(coupon, step.note, { journeyId: ctx.journey._id, fallback }), ctx.settings, ctx.now));
  return { result: 'granted_notified' };
}

async function taskStep(step: Extract<JourneyStep, { type: 'task' }>, ctx: StepContext): Promise<StepResult> {
  const key = taskStepKey(step, ctx.journey.definition.entry, ctx.entryKey, ctx.key);
  const dueAt = new Date(ctx.dueAt.getTime() + step.dueInDays * DAY_MS);
  const purchaseId = ctx.journey.definition.entry.kind === 'purchased' ? ctx.entryKey : null;
  const task = openTask(
    ctx.member,
    { key, cause: step.cause, dueAt, purchaseId, owner: await taskOwnerFor(ctx.member), createdBy: 'system', title: step.cause === 'journey' ? step.title : '', journeyId: ctx.journey._id },
    ctx.settings,
    ctx.now,
  );
  await addTaskOnce(task);
  return { result: 'task', taskKey: key };
}

async function tagStep(step: Extract<JourneyStep, { type: 'tag' }>, ctx: StepContext): Promise<StepResult> {
  if (step.tag.startsWith('auto:')) return { result: 'auto_tag' };
  // A tag change may start another journey (tag_added): the member is due for a look.
  const change = step.op === 'add' ? _.addToSet(step.tag) : _.pull(step.tag);
  await db.collection<MemberDoc>(C.members).doc(ctx.member._id).update({ data: { manualTags: change, journeyDueAt: ctx.now } });
  return { result: step.op === 'add' ? 'tagged' : 'untagged' };
}
