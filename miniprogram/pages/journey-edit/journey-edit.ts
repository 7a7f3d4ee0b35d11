import { loadState } from '../../behaviors/load-state';
import { callAutomation, isLostAnswer, toActionFailure } from '../../services/cloud';
import type { JourneyEditorView, OptionView } from '../../shared/contracts/automation-views';
import { conditionText, entryText, stepSummary, type JourneyNames } from '../../shared/rules/journey-text';
import type { JourneyCondition, JourneyDefinition, JourneyEntry, JourneyStep, JourneyStepType } from '../../shared/rules/journeys';
import { MESSAGE_TEMPLATE_KEYS, MESSAGE_TEMPLATES } from '../../shared/rules/message-templates';
import { getStaffProfile } from '../../stores/staff-profile';
import type { VantEvent } from '../../types/vant-event';
import { PendingRequests } from '../../utils/request-id';
import { STEP_TYPES, blankStep, nextStepId } from './journey-steps';

/**
 * 旅程编辑: the entry, the steps (each with how many members reached it), exit, re-entry and the
 * conversion window, in one automation.journeyEditor call; 保存 sends the whole definition
 * (saveJourney, a new journey's request id kept across a lost answer). Steps keep their ids through
 * edits, so members waiting on a step stay on it. Problems the server finds show at their step.
 * Managers see the same screen read-only.
 */
const pending = new PendingRequests();

const ENTRY_KINDS: Array<{ kind: JourneyEntry['kind']; name: string }> = [
  { kind: 'joined', name: '入会' },
  { kind: 'purchased', name: '每次消费' },
  { kind: 'first_purchase', name: '首次消费' },
  { kind: 'tier_upgraded', name: '等级升级' },
  { kind: 'dormant', name: '成为沉睡客户' },
  { kind: 'birthday', name: '生日' },
  { kind: 'anniversary', name: '入会周年' },
  { kind: 'tag_added', name: '打上标签' },
];

const CONDITION_KINDS: Array<{ kind: JourneyCondition['kind']; name: string }> = [
  { kind: 'purchased_since_entry', name: '进入后已消费' },
  { kind: 'has_quota', name: '已订阅消息' },
  { kind: 'has_tag', name: '有标签' },
  { kind: 'segment_is', name: '客户分群' },
  { kind: 'tier_at_least', name: '等级不低于' },
];

const SEGMENTS = [
  { id: 'new', name: '新客户' },
  { id: 'active', name: '活跃' },
  { id: 'dormant', name: '沉睡' },
  { id: 'vip', name: 'VIP' },
  { id: 'regular', name: '普通' },
];

const TEMPLATES: OptionView[] = MESSAGE_TEMPLATE_KEYS.map((key) => ({ id: key, name: MESSAGE_TEMPLATES[key].title }));
const TASK_CAUSES: OptionView[] = [
  { id: 'thanks', name: '购后感谢' },
  { id: 'recommend', name: '购后推荐' },
  { id: 'revisit', name: '购后回访' },
  { id: 'journey', name: '自定义待办' },
];
const DATE_FIELDS: OptionView[] = [
  { id: 'birthday', name: '生日' },
  { id: 'joinedAt', name: '入会纪念日' },
];
const REENTRY: Array<{ kind: JourneyDefinition['reentry']['kind']; name: string }> = [
  { kind: 'never', name: '不再进入' },
  { kind: 'always', name: '每次满足都进入' },
  { kind: 'after_days', name: '间隔一段时间后' },
];

/** A step as the editor shows it: the step itself, what it reads as, its figure and its problem. */
type EditorStep = JourneyStep & { summary: string; typeName: string; reached: number; error: string; pick: number; pick2: number; paramOptions: OptionView[] };

type Data = {
  journeyId: string;
  editable: boolean;
  name: string;
  entryIndex: number;
  entry: JourneyEntry;
  entryText: string;
  steps: EditorStep[];
  exitOnPurchase: boolean;
  reentryIndex: number;
  reentryDays: number;
  conversionDays: number;
  statusText: string;
  figures: { entered: number; active: number; finished: number; exited: number; converted: number; conversionPercent: number } | null;
  fieldErrors: Record<string, string>;
  saving: boolean;
  loaded: boolean;
  stepTypes: typeof STEP_TYPES;
  entryKinds: typeof ENTRY_KINDS;
  conditionKinds: typeof CONDITION_KINDS;
  reentryKinds: typeof REENTRY;
  templates: OptionView[];
  taskCauses: OptionView[];
  dateFields: OptionView[];
  segments: OptionView[];
  coupons: OptionView[];
  tags: OptionView[];
  tiers: OptionView[];
  /** Per step: where a branch can jump (later steps, then 结束). */
  targets: OptionView[][];
  addingStep: boolean;
};

type StepEvent<T> = Omit<VantEvent<T>, 'currentTarget'> & { currentTarget: { dataset: { index: number; field: string } } };
type StepTap = WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { index: number; field?: string; value?: string }>;

type Props = { journeyId: { type: StringConstructor; value: string } };

type Methods = {
  onLoad(): void;
  onName(event: VantEvent<string>): void;
  onEntryKind(event: WechatMiniprogram.PickerChange): void;
  onEntryNumber(event: VantEvent<number>): void;
  onEntryWhen(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { when: 'day' | 'month' }>): void;
  onEntryTag(event: WechatMiniprogram.PickerChange): void;
  onStepNumber(event: StepEvent<number>): void;
  onStepText(event: StepEvent<string>): void;
  onStepSwitch(event: StepEvent<boolean>): void;
  onStepPick(event: WechatMiniprogram.PickerChange<WechatMiniprogram.IAnyObject, { index: number; field: string; list: string }>): void;
  onStepTime(event: WechatMiniprogram.PickerChange<WechatMiniprogram.IAnyObject, { index: number; field: string }>): void;
  onBranchKind(event: WechatMiniprogram.PickerChange<WechatMiniprogram.IAnyObject, { index: number }>): void;
  onBranchParam(event: WechatMiniprogram.PickerChange<WechatMiniprogram.IAnyObject, { index: number }>): void;
  onBranchTarget(event: WechatMiniprogram.PickerChange<WechatMiniprogram.IAnyObject, { index: number }>): void;
  onTagOp(event: StepTap): void;
  onMoveUp(event: StepTap): void;
  onMoveDown(event: StepTap): void;
  onRemoveStep(event: StepTap): void;
  onAddStep(): void;
  onCloseAddStep(): void;
  onPickStepType(event: WechatMiniprogram.CustomEvent<{ type: JourneyStepType }>): void;
  onExitOnPurchase(event: VantEvent<boolean>): void;
  onReentry(event: WechatMiniprogram.PickerChange): void;
  onReentryDays(event: VantEvent<number>): void;
  onConversionDays(event: VantEvent<number>): void;
  onSave(): void;
  _reload(): void;
  _show(view: JourneyEditorView): WechatMiniprogram.IAnyObject;
  _setSteps(steps: JourneyStep[], extra?: WechatMiniprogram.IAnyObject): void;
  _patchStep(index: number, patch: Partial<JourneyStep>): void;
  _paramOptions(condition: JourneyCondition): OptionView[];
  _names(): JourneyNames;
  _definition(): JourneyDefinition;
};

type Instance = { _reached: Map<string, number>; _otherExits: JourneyCondition[] };

const ALL_LISTS = ['templates', 'taskCauses', 'dateFields', 'segments', 'coupons', 'tags', 'tiers'] as const;

/** The index of `id` in a pick list (0 when absent, so the picker shows its first choice). */
function indexIn(list: OptionView[], id: string | undefined): number {
  return Math.max(0, list.findIndex((option) => option.id === id));
}

function plainStep(step: EditorStep | JourneyStep): JourneyStep {
  const { summary: _s, typeName: _t, reached: _r, error: _e, pick: _p, pick2: _p2, paramOptions: _o, ...rest } = step as EditorStep;
  return rest as JourneyStep;
}

function conditionParam(condition: JourneyCondition): string {
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

Component<Data, Props, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  properties: { journeyId: { type: String, value: '' } },
  data: {
    journeyId: '',
    editable: false,
    name: '',
    entryIndex: 0,
    entry: { kind: 'joined' },
    entryText: entryText({ kind: 'joined' }),
    steps: [],
    exitOnPurchase: true,
    reentryIndex: 0,
    reentryDays: 90,
    conversionDays: 14,
    statusText: '',
    figures: null,
    fieldErrors: {},
    saving: false,
    loaded: false,
    stepTypes: STEP_TYPES,
    entryKinds: ENTRY_KINDS,
    conditionKinds: CONDITION_KINDS,
    reentryKinds: REENTRY,
    templates: TEMPLATES,
    taskCauses: TASK_CAUSES,
    dateFields: DATE_FIELDS,
    segments: SEGMENTS,
    coupons: [],
    tags: [],
    tiers: [],
    targets: [],
    addingStep: false,
  },
  lifetimes: {
    created() {
      this._reached = new Map();
      this._otherExits = [];
    },
  },
  methods: {
    onLoad() {
      this.setData({ editable: getStaffProfile()?.role === 'admin' });
      this._reload();
    },

    _reload() {
      const journeyId = this.data.journeyId;
      void this._load(() => callAutomation('journeyEditor', journeyId ? { journeyId } : {}), (view) => this._show(view));
    },

    _show(view) {
      const { journey, options } = view;
      const lists = { coupons: options.coupons, tags: options.tags, tiers: options.tiers };
      if (!journey) {
        const steps: JourneyStep[] = [blankStep('wait', 's1')];
        Object.assign(this.data, lists);
        this._setSteps(steps);
        return { ...lists, loaded: true, name: '', statusText: '新旅程保存后为暂停状态，检查无误后在列表中启用' };
      }
      const definition = journey.definition;
      this._reached = new Map(journey.figures.steps.map((s) => [s.stepId, s.reached]));
      this._otherExits = definition.exit.filter((c) => c.kind !== 'purchased_since_entry');
      Object.assign(this.data, lists);
      this._setSteps(definition.steps);
      const fieldErrors = Object.fromEntries(journey.problems.map((p) => [p.field, p.message]));
      this._setSteps(definition.steps, { fieldErrors });
      return {
        ...lists,
        loaded: true,
        name: definition.name,
        entry: definition.entry,
        entryIndex: ENTRY_KINDS.findIndex((k) => k.kind === definition.entry.kind),
        entryText: entryText(definition.entry, this._names()),
        exitOnPurchase: definition.exit.some((c) => c.kind === 'purchased_since_entry'),
        reentryIndex: REENTRY.findIndex((r) => r.kind === definition.reentry.kind),
        reentryDays: definition.reentry.kind === 'after_days' ? definition.reentry.days : 90,
        conversionDays: definition.conversionDays,
        statusText: `${journey.status === 'active' ? '运行中' : '已暂停'}${this._otherExits.length ? ` · 另有退出条件：${this._otherExits.map((c) => conditionText(c, this._names())).join('、')}` : ''}`,
        figures: journey.figures,
        fieldErrors,
      };
    },

    /** Steps as shown (summary, figure, pick indices, the branch targets), in one setData. */
    _setSteps(steps, extra = {}) {
      const errors: Record<string, string> = (extra.fieldErrors as Record<string, string> | undefined) ?? this.data.fieldErrors;
      const names = this._names();
      const shown: EditorStep[] = steps.map((raw, index) => {
        const step = plainStep(raw);
        let pick = 0;
        let pick2 = 0;
        let paramOptions: OptionView[] = [];
        if (step.type === 'message') pick = indexIn(TEMPLATES, step.template);
        if (step.type === 'coupon') pick = indexIn(this.data.coupons, step.couponTemplateId);
        if (step.type === 'task') pick = indexIn(TASK_CAUSES, step.cause);
        if (step.type === 'tag') pick = indexIn(this.data.tags, step.tag);
        if (step.type === 'wait_until_date') pick = indexIn(DATE_FIELDS, step.field);
        if (step.type === 'branch') {
          pick = Math.max(0, CONDITION_KINDS.findIndex((k) => k.kind === step.condition.kind));
          const param = conditionParam(step.condition);
          paramOptions = this._paramOptions(step.condition);
          pick2 = indexIn(paramOptions, param);
        }
        const error = Object.entries(errors).find(([field]) => new RegExp(`^(definition\\.)?steps\\.${index}(\\.|$)`).test(field))?.[1] ?? '';
        return { ...step, summary: stepSummary(step, names), typeName: STEP_TYPES.find((t) => t.type === step.type)!.name, reached: this._reached.get(step.id) ?? 0, error, pick, pick2, paramOptions } as EditorStep;
      });
      const targets = shown.map((_step, index) => [...shown.slice(index + 1).map((s, i) => ({ id: s.id, name: `第${index + i + 2}步 ${s.summary}` })), { id: 'end', name: '结束旅程' }]);
      this.setData({ steps: shown, targets, ...extra });
    },

    _names() {
      const name = (list: OptionView[]) => (id: string) => list.find((option) => option.id === id)?.name ?? '';
      return { tag: name(this.data.tags), coupon: name(this.data.coupons) };
    },

    /** What a branch condition's value is picked from (none for 进入后已消费). */
    _paramOptions(condition) {
      switch (condition.kind) {
        case 'has_tag':
          return this.data.tags;
        case 'segment_is':
          return SEGMENTS;
        case 'tier_at_least':
          return this.data.tiers;
        case 'has_quota':
          return TEMPLATES;
        default:
          return [];
      }
    },

    _patchStep(index, patch) {
      const steps = this.data.steps.map((s) => plainStep(s));
      steps[index] = { ...steps[index], ...patch } as JourneyStep;
      this._setSteps(steps);
    },

    onName(event) {
      this.setData({ name: event.detail });
    },

    onEntryKind(event) {
      const index = Number(event.detail.value);
      const kind = ENTRY_KINDS[index].kind;
      const entry: JourneyEntry =
        kind === 'birthday' ? { kind, when: 'day', daysBefore: 0 } : kind === 'tag_added' ? { kind, tag: this.data.tags[0]?.id ?? '' } : ({ kind } as JourneyEntry);
      this.setData({ entryIndex: index, entry, entryText: entryText(entry, this._names()) });
    },

    onEntryNumber(event) {
      if (this.data.entry.kind !== 'birthday') return;
      const entry = { ...this.data.entry, daysBefore: Number(event.detail) };
      this.setData({ entry, entryText: entryText(entry) });
    },

    onEntryWhen(event) {
      if (this.data.entry.kind !== 'birthday') return;
      const entry = { ...this.data.entry, when: event.currentTarget.dataset.when };
      this.setData({ entry, entryText: entryText(entry) });
    },

    onEntryTag(event) {
      const tag = this.data.tags[Number(event.detail.value)];
      if (!tag) return;
      const entry: JourneyEntry = { kind: 'tag_added', tag: tag.id };
      this.setData({ entry, entryText: entryText(entry, this._names()) });
    },

    onStepNumber(event) {
      const { index, field } = event.currentTarget.dataset;
      this._patchStep(index, { [field]: Number(event.detail) } as Partial<JourneyStep>);
    },

    onStepText(event) {
      const { index, field } = event.currentTarget.dataset;
      this._patchStep(index, { [field]: event.detail } as Partial<JourneyStep>);
    },

    onStepSwitch(event) {
      const { index, field } = event.currentTarget.dataset;
      this._patchStep(index, { [field]: event.detail === true } as Partial<JourneyStep>);
    },

    onStepPick(event) {
      const { index, field, list } = event.currentTarget.dataset;
      const options = this.data[list as (typeof ALL_LISTS)[number]] as OptionView[];
      const picked = options?.[Number(event.detail.value)];
      if (picked) this._patchStep(index, { [field]: picked.id } as Partial<JourneyStep>);
    },

    onStepTime(event) {
      const { index, field } = event.currentTarget.dataset;
      this._patchStep(index, { [field]: String(event.detail.value) } as Partial<JourneyStep>);
    },

    onBranchKind(event) {
      const { index } = event.currentTarget.dataset;
      const kind = CONDITION_KINDS[Number(event.detail.value)].kind;
      const condition: JourneyCondition =
        kind === 'has_tag'
          ? { kind, tag: this.data.tags[0]?.id ?? '' }
          : kind === 'segment_is'
            ? { kind, segment: 'active' }
            : kind === 'tier_at_least'
              ? { kind, tierId: this.data.tiers[1]?.id ?? this.data.tiers[0]?.id ?? '' }
              : kind === 'has_quota'
                ? { kind, template: 'store_notice' }
                : { kind };
      this._patchStep(index, { condition } as Partial<JourneyStep>);
    },

    onBranchParam(event) {
      const { index } = event.currentTarget.dataset;
      const step = this.data.steps[index];
      if (step.type !== 'branch') return;
      const picked = step.paramOptions[Number(event.detail.value)];
      if (!picked) return;
      const c = step.condition;
      const condition: JourneyCondition =
        c.kind === 'has_tag'
          ? { kind: c.kind, tag: picked.id }
          : c.kind === 'segment_is'
            ? { kind: c.kind, segment: picked.id as typeof c.segment }
            : c.kind === 'tier_at_least'
              ? { kind: c.kind, tierId: picked.id }
              : c.kind === 'has_quota'
                ? { kind: c.kind, template: picked.id as typeof c.template }
                : c;
      this._patchStep(index, { condition } as Partial<JourneyStep>);
    },

    onBranchTarget(event) {
      const { index } = event.currentTarget.dataset;
      const target = this.data.targets[index]?.[Number(event.detail.value)];
      if (target) this._patchStep(index, { elseGoto: target.id } as Partial<JourneyStep>);
    },

    onTagOp(event) {
      const { index, value } = event.currentTarget.dataset;
      this._patchStep(index, { op: value === 'remove' ? 'remove' : 'add' } as Partial<JourneyStep>);
    },

    onMoveUp(event) {
      const { index } = event.currentTarget.dataset;
      if (index <= 0) return;
      const steps = this.data.steps.map((s) => plainStep(s));
      [steps[index - 1], steps[index]] = [steps[index], steps[index - 1]];
      this._setSteps(steps);
    },

    onMoveDown(event) {
      const { index } = event.currentTarget.dataset;
      if (index >= this.data.steps.length - 1) return;
      const steps = this.data.steps.map((s) => plainStep(s));
      [steps[index], steps[index + 1]] = [steps[index + 1], steps[index]];
      this._setSteps(steps);
    },

    onRemoveStep(event) {
      const { index } = event.currentTarget.dataset;
      this._setSteps(this.data.steps.filter((_s, i) => i !== index).map((s) => plainStep(s)));
    },

    onAddStep() {
      this.setData({ addingStep: true });
    },

    onCloseAddStep() {
      this.setData({ addingStep: false });
    },

    onPickStepType(event) {
      const steps = this.data.steps.map((s) => plainStep(s));
      const step = blankStep(event.detail.type, nextStepId(steps), { coupon: this.data.coupons[0]?.id ?? '', tag: this.data.tags[0]?.id ?? '' });
      this._setSteps([...steps, step], { addingStep: false });
    },

    onExitOnPurchase(event) {
      this.setData({ exitOnPurchase: event.detail === true });
    },

    onReentry(event) {
      this.setData({ reentryIndex: Number(event.detail.value) });
    },

    onReentryDays(event) {
      this.setData({ reentryDays: Number(event.detail) });
    },

    onConversionDays(event) {
      this.setData({ conversionDays: Number(event.detail) });
    },

    _definition() {
      const kind = REENTRY[this.data.reentryIndex].kind;
      return {
        name: this.data.name.trim(),
        entry: this.data.entry,
        steps: this.data.steps.map((s) => plainStep(s)),
        exit: [...(this.data.exitOnPurchase ? [{ kind: 'purchased_since_entry' } as const] : []), ...this._otherExits],
        reentry: kind === 'after_days' ? { kind, days: this.data.reentryDays } : { kind },
        conversionDays: this.data.conversionDays,
      };
    },

    onSave() {
      if (this.data.saving || !this.data.editable) return;
      const journeyId = this.data.journeyId;
      const definition = this._definition();
      this.setData({ saving: true, fieldErrors: {} });
      pending
        .run(`journey:${journeyId || 'new'}`, (requestId) => callAutomation('saveJourney', { ...(journeyId ? { journeyId } : {}), definition, requestId }), isLostAnswer)
        .then(
          (journey) => {
            this.setData({ saving: false, journeyId: journey.id });
            wx.showToast({ title: '已保存', icon: 'success' });
            wx.navigateBack({ delta: 1 });
          },
          (error: unknown) => {
            const failure = toActionFailure(error);
            this._setSteps(this.data.steps.map((s) => plainStep(s)), { saving: false, fieldErrors: failure.fields ?? {} });
            wx.showToast({ title: failure.fields ? failure.message : failure.message, icon: 'none' });
          },
        );
    },
  },
});
