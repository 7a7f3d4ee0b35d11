import { z } from 'zod';
import { SEGMENTS } from './care';
import { action } from './action';
import { cursor, id, plainText, requestId } from './fields';
import type { AutomationOptionsView, CampaignView, JourneyEditorView, JourneySummaryView, JourneyView, MessageSettingsView } from './automation-views';
import { MESSAGE_TEMPLATE_KEYS } from '../rules/message-templates';
import { JOURNEY_LIMITS } from '../rules/journeys';

const template = z.enum(MESSAGE_TEMPLATE_KEYS, '请选择消息模板');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');
const stepId = z.string().regex(/^[A-Za-z0-9_-]{1,12}$/, '步骤编号无效');
const tag = z.string().min(1, '请选择标签').max(60, '标签无效');
const segment = z.enum(SEGMENTS, '请选择客户分群');
const wholeDays = (max: number, label: string) => z.number(`请输入${label}`).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(max, `${label}最多${max}`);

const condition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('purchased_since_entry') }),
  z.object({ kind: z.literal('has_tag'), tag }),
  z.object({ kind: z.literal('segment_is'), segment }),
  z.object({ kind: z.literal('tier_at_least'), tierId: id }),
  z.object({ kind: z.literal('has_quota'), template }),
], '请选择条件');

const entry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('joined') }),
  z.object({ kind: z.literal('purchased') }),
  z.object({ kind: z.literal('first_purchase') }),
  z.object({ kind: z.literal('tier_upgraded') }),
  z.object({ kind: z.literal('dormant') }),
  z.object({ kind: z.literal('birthday'), when: z.enum(['day', 'month'], '请选择生日发放时间'), daysBefore: wholeDays(30, '提前天数') }),
  z.object({ kind: z.literal('anniversary') }),
  z.object({ kind: z.literal('tag_added'), tag }),
], '请选择进入条件');

const text = plainText(JOURNEY_LIMITS.textLength, '消息内容').pipe(z.string().min(1, '请输入消息内容'));

const step = z.discriminatedUnion('type', [
  z.object({ id: stepId, type: z.literal('wait'), days: wholeDays(365, '等待天数'), hours: wholeDays(23, '等待小时') }),
  z.object({ id: stepId, type: z.literal('wait_until_time'), time: clock }),
  z.object({ id: stepId, type: z.literal('wait_until_date'), field: z.enum(['birthday', 'joinedAt'], '请选择日期'), offsetDays: z.number().int().min(-60).max(60), time: clock }),
  z.object({ id: stepId, type: z.literal('message'), template, text, fallbackTask: z.boolean() }),
  z.object({ id: stepId, type: z.literal('coupon'), couponTemplateId: id, notify: z.boolean(), fallbackTask: z.boolean(), note: plainText(20, '到账备注').default('') }),
  z.object({ id: stepId, type: z.literal('task'), cause: z.enum(['thanks', 'recommend', 'revisit', 'journey'], '请选择待办类型'), title: plainText(20, '待办标题').pipe(z.string().min(1, '请输入待办标题')), dueInDays: wholeDays(365, '到期天数') }),
  z.object({ id: stepId, type: z.literal('tag'), op: z.enum(['add', 'remove'], '请选择加或去标签'), tag }),
  z.object({ id: stepId, type: z.literal('branch'), condition, elseGoto: z.union([z.literal('end'), stepId]) }),
], '请选择步骤类型');

const reentry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('always') }),
  z.object({ kind: z.literal('after_days'), days: z.number().int().min(1, '间隔至少1天').max(3650) }),
], '请选择再次进入规则');

export const journeyDefinition = z.object({
  name: plainText(JOURNEY_LIMITS.nameLength, '旅程名称').pipe(z.string().min(1, '请输入旅程名称')),
  entry,
  steps: z.array(step).min(1, '至少需要一个步骤').max(JOURNEY_LIMITS.steps, `最多${JOURNEY_LIMITS.steps}个步骤`),
  exit: z.array(condition).max(JOURNEY_LIMITS.exits, `退出条件最多${JOURNEY_LIMITS.exits}个`),
  reentry,
  conversionDays: z.number().int().min(1, '转化天数至少1天').max(365, '转化天数最多365天'),
});

export const audience = z.object({
  segments: z.array(segment).max(5).default([]),
  tierIds: z.array(id).max(10).default([]),
  tags: z.array(tag).max(10).default([]),
  storeIds: z.array(id).max(50).default([]),
});

const templateIds = z.object(Object.fromEntries(MESSAGE_TEMPLATE_KEYS.map((key) => [key, z.string().max(64).optional()]))).strict();

export const messageSettingsInput = z.object({
  templateIds: templateIds.optional(),
  quietHours: z.object({ start: clock, end: clock }).nullable().optional(),
  cap: z.object({ perDay: z.number().int().min(0).max(10), perWeek: z.number().int().min(0).max(30) }).optional(),
  maxAttempts: z.number().int().min(1).max(8).optional(),
  staleAfterHours: z.number().int().min(1).max(336).optional(),
});

/**
 * The `automation` function: journeys (营销 SOP), campaigns and subscription-message settings. Journeys
 * and message settings are the admin's; campaigns a manager's (their store) or an admin's.
 */
export const automationContract = {
  /** Coupons, tiers, tags and stores the caller's editors offer (one call per editor screen). */
  options: action(z.object({}).default({})).returns<AutomationOptionsView>(),
  journeys: action(z.object({}).default({})).returns<{ journeys: JourneySummaryView[] }>(),
  journey: action(z.object({ journeyId: id })).returns<JourneyView>(),
  /** The editor's one call: the journey (none for a new one) and what its steps can pick from. */
  journeyEditor: action(z.object({ journeyId: id.optional() }).default({})).returns<JourneyEditorView>(),
  /** Creates (no journeyId) or edits a journey; an active one must have no problems. Idempotent by request id. */
  saveJourney: action(z.object({ journeyId: id.optional(), definition: journeyDefinition, requestId })).returns<JourneyView>(),
  /** Switches a journey on or off; members in a paused journey wait where they are. */
  setJourneyStatus: action(z.object({ journeyId: id, status: z.enum(['active', 'paused'], '请选择状态') })).returns<JourneyView>(),

  /** How many members an audience holds now (a manager's is their store). */
  audienceCount: action(z.object({ audience })).returns<{ count: number; withQuota: number }>(),
  campaigns: action(z.object({ cursor, limit: z.number().int().min(1).max(50).default(20) }).default({ limit: 20 })).returns<{ campaigns: CampaignView[]; nextCursor: string | null }>(),
  campaign: action(z.object({ campaignId: id })).returns<CampaignView>(),
  /** Schedules a campaign (sendAt null: now); idempotent by request id. */
  createCampaign: action(
    z.object({
      name: plainText(20, '活动名称').pipe(z.string().min(1, '请输入活动名称')),
      audience,
      couponTemplateId: id,
      notify: z.boolean().default(true),
      fallbackTasks: z.boolean().default(false),
      sendAt: z.string().datetime({ offset: true, message: '请选择发送时间' }).nullable().default(null),
      requestId,
    }),
  ).returns<CampaignView>(),
  /** A scheduled campaign can be cancelled until it starts. */
  cancelCampaign: action(z.object({ campaignId: id })).returns<CampaignView>(),

  messageSettings: action(z.object({}).default({})).returns<MessageSettingsView>(),
  updateMessageSettings: action(messageSettingsInput).returns<MessageSettingsView>(),
};

export type AutomationContract = typeof automationContract;
