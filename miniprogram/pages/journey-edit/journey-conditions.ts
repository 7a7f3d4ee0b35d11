import { SEGMENT_LABELS } from '../../shared/rules/segments';
import type { OptionView } from '../../shared/contracts/automation-views';
import { conditionText, type JourneyNames } from '../../shared/rules/journey-text';
import type { JourneyCondition, JourneyStep } from '../../shared/rules/journeys';
import { MESSAGE_TEMPLATE_KEYS, MESSAGE_TEMPLATES } from '../../shared/rules/message-templates';

/** The conditions a branch or an exit can test, in the order of their pickers. */
export const CONDITION_KINDS: Array<{ kind: JourneyCondition['kind']; name: string }> = [
  { kind: 'purchased_since_entry', name: '进入后已消费' },
  { kind: 'has_quota', name: '已订阅消息' },
  { kind: 'has_tag', name: '有标签' },
  { kind: 'segment_is', name: '客户分群' },
  { kind: 'tier_at_least', name: '等级不低于' },
];

/** The segments, worded as everywhere else (shared/rules/segments.ts). */
export const SEGMENTS: OptionView[] = Object.entries(SEGMENT_LABELS).map(([id, name]) => ({ id, name }));

export const TEMPLATES: OptionView[] = MESSAGE_TEMPLATE_KEYS.map((key) => ({ id: key, name: MESSAGE_TEMPLATES[key].title }));

/** What the editor's pickers offer that comes from the server (automation.journeyEditor's options). */
export interface PickLists {
  tags: OptionView[];
  tiers: OptionView[];
}

/** A condition of `kind` with a first sensible value (the tier above the entry tier, the first tag). */
export function blankCondition(kind: JourneyCondition['kind'], lists: PickLists): JourneyCondition {
  switch (kind) {
    case 'has_tag':
      return { kind, tag: lists.tags[0]?.id ?? '' };
    case 'segment_is':
      return { kind, segment: 'active' };
    case 'tier_at_least':
      return { kind, tierId: lists.tiers[1]?.id ?? lists.tiers[0]?.id ?? '' };
    case 'has_quota':
      return { kind, template: 'store_notice' };
    default:
      return { kind };
  }
}

/** The value a condition holds ('' for 进入后已消费). */
export function conditionParam(condition: JourneyCondition): string {
  switch (condition.kind) {
    case 'has_tag':
      return condition.tag;
    case 'segment_is':
      return condition.segment;
    case 'tier_at_least':
      return condition.tierId;
    case 'has_quota':
      return condition.template;
    default:
      return '';
  }
}

/** The same condition holding another value. */
export function withParam(condition: JourneyCondition, value: string): JourneyCondition {
  switch (condition.kind) {
    case 'has_tag':
      return { kind: condition.kind, tag: value };
    case 'segment_is':
      return { kind: condition.kind, segment: value as typeof condition.segment };
    case 'tier_at_least':
      return { kind: condition.kind, tierId: value };
    case 'has_quota':
      return { kind: condition.kind, template: value as typeof condition.template };
    default:
      return condition;
  }
}

/** What a condition's value is picked from (none for 进入后已消费). */
export function paramOptions(condition: JourneyCondition, lists: PickLists): OptionView[] {
  switch (condition.kind) {
    case 'has_tag':
      return lists.tags;
    case 'segment_is':
      return SEGMENTS;
    case 'tier_at_least':
      return lists.tiers;
    case 'has_quota':
      return TEMPLATES;
    default:
      return [];
  }
}

/** The index of `id` in a pick list (0 when absent, so the picker shows its first choice). */
export function indexIn(list: OptionView[], id: string | undefined): number {
  return Math.max(0, list.findIndex((option) => option.id === id));
}

/** A condition as the editor reads it: tiers by name (the shared text knows only their ids). */
export function conditionLabel(condition: JourneyCondition, names: JourneyNames, lists: PickLists): string {
  if (condition.kind === 'tier_at_least') return `等级不低于${lists.tiers.find((t) => t.id === condition.tierId)?.name ?? condition.tierId}`;
  return conditionText(condition, names);
}

/** Where a branch goes otherwise, by the step's place rather than its id: 第4步 / 结束旅程. */
export function targetLabel(elseGoto: string, steps: ReadonlyArray<Pick<JourneyStep, 'id'>>): string {
  if (elseGoto === 'end') return '结束旅程';
  const index = steps.findIndex((s) => s.id === elseGoto);
  return index < 0 ? '请选择' : `跳到第${index + 1}步`;
}

/** A branch's headline: 如果已订阅「门店服务通知」，否则跳到第4步. */
export function branchSummary(step: Extract<JourneyStep, { type: 'branch' }>, steps: ReadonlyArray<Pick<JourneyStep, 'id'>>, names: JourneyNames, lists: PickLists): string {
  return `如果${conditionLabel(step.condition, names, lists)}，否则${step.elseGoto === 'end' ? '结束' : targetLabel(step.elseGoto, steps)}`;
}

/**
 * The server's field paths (zod's `definition.steps.2.text`, or a problem's `steps.2`) without the
 * `definition.` the save input puts before them.
 */
export function normalizeFields(fields: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields ?? {})) {
    const key = field.replace(/^definition\./, '');
    out[key] ??= message;
  }
  return out;
}

/** The first message among fields equal to `prefix` or under it (`exit` → exit.0.tag, exit). */
export function fieldError(fields: Record<string, string>, prefix: string): string {
  const found = Object.entries(fields).find(([field]) => field === prefix || field.startsWith(`${prefix}.`));
  return found?.[1] ?? '';
}
