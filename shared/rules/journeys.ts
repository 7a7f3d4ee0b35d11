import type { MessageTemplateKey } from './message-templates';

/**
 * Journeys (营销 SOP): an entry that puts a member in, steps run one after another, exit conditions
 * checked at every wake-up, and a re-entry rule. A journey is data an admin edits; the engine
 * (journey-engine.ts) reads it, so nothing here knows about the database.
 *
 * Entries are sticky: once a member is in, the entry is never re-checked (a birthday journey does not
 * lose the member whose birthday passed while they waited). Steps have ids that survive edits, so an
 * enrollment waiting on step s3 continues at s3 after the admin inserts a step before it.
 */
export type JourneyEntry =
  | { kind: 'joined' }
  | { kind: 'purchased' }
  | { kind: 'first_purchase' }
  | { kind: 'tier_upgraded' }
  | { kind: 'dormant' }
  /** 'day': `daysBefore` days before the birthday; 'month': the 1st of the birth month. */
  | { kind: 'birthday'; when: 'day' | 'month'; daysBefore: number }
  | { kind: 'anniversary' }
  | { kind: 'tag_added'; tag: string };

export type JourneyEntryKind = JourneyEntry['kind'];

export type JourneyCondition =
  | { kind: 'purchased_since_entry' }
  | { kind: 'has_tag'; tag: string }
  | { kind: 'segment_is'; segment: 'new' | 'active' | 'dormant' | 'vip' | 'regular' }
  | { kind: 'tier_at_least'; tierId: string }
  | { kind: 'has_quota'; template: MessageTemplateKey };

export type TaskStepCause = 'thanks' | 'recommend' | 'revisit' | 'journey';

export type JourneyStep =
  | { id: string; type: 'wait'; days: number; hours: number }
  | { id: string; type: 'wait_until_time'; time: string }
  /** The next date `offsetDays` from the member's birthday (or join day), at `time`. */
  | { id: string; type: 'wait_until_date'; field: 'birthday' | 'joinedAt'; offsetDays: number; time: string }
  /** `text` fills the template's free-text keyword; no quota: a clerk task instead when `fallbackTask`. */
  | { id: string; type: 'message'; template: MessageTemplateKey; text: string; fallbackTask: boolean }
  | { id: string; type: 'coupon'; couponTemplateId: string; notify: boolean; fallbackTask: boolean; note: string }
  | { id: string; type: 'task'; cause: TaskStepCause; title: string; dueInDays: number }
  | { id: string; type: 'tag'; op: 'add' | 'remove'; tag: string }
  /** Goes on when the condition holds, else jumps to `elseGoto` (a step id, or 'end'). */
  | { id: string; type: 'branch'; condition: JourneyCondition; elseGoto: string };

export type JourneyStepType = JourneyStep['type'];

export type Reentry = { kind: 'never' } | { kind: 'always' } | { kind: 'after_days'; days: number };

export type BuiltInJourney = 'new_member' | 'after_purchase' | 'win_back' | 'birthday' | 'anniversary';

export interface JourneyDefinition {
  name: string;
  entry: JourneyEntry;
  steps: JourneyStep[];
  /** Any one holding at a wake-up ends the member's run (exited). */
  exit: JourneyCondition[];
  reentry: Reentry;
  /** A purchase within this many days of entering counts as a conversion. */
  conversionDays: number;
}

export const JOURNEY_LIMITS = { steps: 12, exits: 3, nameLength: 20, textLength: 20 } as const;

/**
 * The journeys a brand starts with. Coupon steps name a coupon template an admin picks; the defaults
 * leave it '' and the journey stays paused until one is set (validation says so).
 */
export function builtInJourneys(coupons: { invitation: string; birthday: string; winBack: string; anniversary: string }): Record<BuiltInJourney, JourneyDefinition> {
  return {
    new_member: {
      name: '新会员欢迎',
      entry: { kind: 'joined' },
      steps: [
        { id: 's1', type: 'wait', days: 3, hours: 0 },
        { id: 's2', type: 'message', template: 'store_notice', text: '本周新品已到店，欢迎来店试穿', fallbackTask: false },
        { id: 's3', type: 'wait', days: 4, hours: 0 },
        { id: 's4', type: 'coupon', couponTemplateId: coupons.invitation, notify: true, fallbackTask: true, note: '新会员到店礼券已到账' },
      ],
      exit: [{ kind: 'purchased_since_entry' }],
      reentry: { kind: 'never' },
      conversionDays: 14,
    },
    after_purchase: {
      name: '购后关怀',
      entry: { kind: 'purchased' },
      steps: [
        { id: 's1', type: 'task', cause: 'thanks', title: '购后感谢', dueInDays: 1 },
        { id: 's2', type: 'task', cause: 'recommend', title: '搭配推荐', dueInDays: 7 },
        { id: 's3', type: 'task', cause: 'revisit', title: '回访', dueInDays: 30 },
      ],
      exit: [],
      reentry: { kind: 'always' },
      conversionDays: 30,
    },
    win_back: {
      name: '沉睡唤醒',
      entry: { kind: 'dormant' },
      steps: [
        { id: 's1', type: 'wait_until_time', time: '10:00' },
        { id: 's2', type: 'coupon', couponTemplateId: coupons.winBack, notify: true, fallbackTask: true, note: '好久不见，回店礼券已到账' },
      ],
      exit: [{ kind: 'purchased_since_entry' }],
      reentry: { kind: 'after_days', days: 90 },
      conversionDays: 30,
    },
    birthday: {
      name: '生日礼遇',
      entry: { kind: 'birthday', when: 'day', daysBefore: 0 },
      steps: [
        { id: 's1', type: 'wait_until_time', time: '10:00' },
        { id: 's2', type: 'coupon', couponTemplateId: coupons.birthday, notify: true, fallbackTask: true, note: '生日快乐！生日礼券已到账' },
      ],
      exit: [],
      reentry: { kind: 'always' },
      conversionDays: 30,
    },
    anniversary: {
      name: '入会周年礼',
      entry: { kind: 'anniversary' },
      steps: [
        { id: 's1', type: 'wait_until_time', time: '10:00' },
        { id: 's2', type: 'coupon', couponTemplateId: coupons.anniversary, notify: true, fallbackTask: false, note: '入会周年快乐，周年礼券已到账' },
      ],
      exit: [],
      reentry: { kind: 'always' },
      conversionDays: 30,
    },
  };
}

export interface JourneyProblem {
  field: string;
  message: string;
}

/**
 * What keeps a journey from running as written, in Chinese for the editor. `couponTemplateIds` are the
 * templates that exist and can be granted; a journey with problems can be saved paused, never active.
 */
export function journeyProblems(journey: JourneyDefinition, couponTemplateIds: ReadonlySet<string>): JourneyProblem[] {
  const problems: JourneyProblem[] = [];
  if (!journey.steps.length) problems.push({ field: 'steps', message: '至少需要一个步骤' });
  const ids = new Set<string>();
  journey.steps.forEach((step, index) => {
    const field = `steps.${index}`;
    if (ids.has(step.id)) problems.push({ field, message: `步骤编号重复：${step.id}` });
    ids.add(step.id);
    if (step.type === 'wait' && step.days * 24 + step.hours <= 0) problems.push({ field, message: '等待时长须大于0' });
    if (step.type === 'coupon' && !couponTemplateIds.has(step.couponTemplateId)) problems.push({ field, message: '请选择一张可发放的优惠券' });
    if (step.type === 'branch' && step.elseGoto !== 'end') {
      const target = journey.steps.findIndex((s) => s.id === step.elseGoto);
      if (target < 0) problems.push({ field, message: '条件不满足时跳转的步骤不存在' });
      // Only forward: a journey always ends, and no member loops through the same step twice in one run.
      else if (target <= index) problems.push({ field, message: '只能跳转到后面的步骤' });
    }
  });
  const last = journey.steps[journey.steps.length - 1];
  if (last && (last.type === 'wait' || last.type === 'wait_until_time' || last.type === 'wait_until_date')) {
    problems.push({ field: `steps.${journey.steps.length - 1}`, message: '最后一步不能是等待' });
  }
  if (journey.reentry.kind === 'after_days' && !(journey.reentry.days >= 1)) problems.push({ field: 'reentry', message: '再次进入的间隔至少1天' });
  return problems;
}
