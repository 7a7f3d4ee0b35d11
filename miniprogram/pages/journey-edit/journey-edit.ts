import { loadState } from '../../behaviors/load-state';
import { callAutomation, isLostAnswer, toActionFailure } from '../../services/cloud';
import type { JourneyEditorView, JourneyView, OptionView } from '../../shared/contracts/automation-views';
import { entryText, stepSummary, type JourneyNames } from '../../shared/rules/journey-text';
import { JOURNEY_LIMITS, type JourneyCondition, type JourneyDefinition, type JourneyEntry, type JourneyStep, type JourneyStepType } from '../../shared/rules/journeys';
import { getStaffProfile } from '../../stores/staff-profile';
import type { VantEvent } from '../../types/vant-event';
import { PendingRequests } from '../../utils/request-id';
import {
  CONDITION_KINDS,
  TEMPLATES,
  blankCondition,
  branchSummary,
  conditionLabel,
  conditionParam,
  fieldError,
  indexIn,
  normalizeFields,
  paramOptions,
  targetLabel,
  withParam,
  type PickLists,
} from './journey-conditions';
import { STEP_TYPES, blankStep, nextStepId } from './journey-steps';

/**
 * 旅程编辑: the entry, the steps (each with how many members reached it), exit conditions, re-entry and
 * the conversion window, in one automation.journeyEditor call; 保存 sends the whole definition
 * (saveJourney, its request id kept across a lost answer, so a retried new journey is made once).
 * Steps keep their ids through edits, so members waiting on a step stay on it. Problems — the server's
 * field errors, or those a saved journey still has — show at their field or step. Managers read only.
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
type EditorStep = JourneyStep & { summary: string; reached: number; error: string; pick: number; pick2: number; paramOptions: OptionView[]; targetText: string };

/** An exit condition as its row shows it. */
interface ExitRow {
  label: string;
  pick: number;
  pick2: number;
  paramOptions: OptionView[];
  error: string;
}

/** Problems placed at the editor's fields (steps carry their own). */
interface Errors {
  name: string;
  entry: string;
  steps: string;
  exit: string;
  reentry: string;
  conversionDays: string;
}

const NO_ERRORS: Errors = { name: '', entry: '', steps: '', exit: '', reentry: '', conversionDays: '' };

type Data = {
  journeyId: string;
  editable: boolean;
  name: string;
  entryIndex: number;
  entry: JourneyEntry;
  entryText: string;
  entryTagIndex: number;
  steps: EditorStep[];
  exits: ExitRow[];
  canAddExit: boolean;
  reentryIndex: number;
  reentryDays: number;
  conversionDays: number;
  statusText: string;
  figures: { entered: number; active: number; finished: number; exited: number; converted: number; conversionPercent: number } | null;
  errors: Errors;
  saving: boolean;
  loaded: boolean;
  stepTypes: typeof STEP_TYPES;
  entryKinds: typeof ENTRY_KINDS;
  conditionKinds: typeof CONDITION_KINDS;
  reentryKinds: typeof REENTRY;
  templates: OptionView[];
  taskCauses: OptionView[];
  dateFields: OptionView[];
  coupons: OptionView[];
  tags: OptionView[];
  /** Per step: where a branch can jump (later steps, then 结束). */
  targets: OptionView[][];
  addingStep: boolean;
};

type StepEvent<T> = Omit<VantEvent<T>, 'currentTarget'> & { currentTarget: { dataset: { index: number; field: string } } };
type StepTap = WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { index: number; field?: string; value?: string }>;
type IndexPick = WechatMiniprogram.PickerChange<WechatMiniprogram.IAnyObject, { index: number }>;

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
  onTaskCause(event: IndexPick): void;
  onBranchKind(event: IndexPick): void;
  onBranchParam(event: IndexPick): void;
  onBranchTarget(event: IndexPick): void;
  onTagOp(event: StepTap): void;
  onMoveUp(event: StepTap): void;
  onMoveDown(event: StepTap): void;
  onRemoveStep(event: StepTap): void;
  onAddStep(): void;
  onCloseAddStep(): void;
  onPickStepType(event: WechatMiniprogram.CustomEvent<{ type: JourneyStepType }>): void;
  onExitKind(event: IndexPick): void;
  onExitParam(event: IndexPick): void;
  onRemoveExit(event: StepTap): void;
  onAddExit(): void;
  onReentry(event: WechatMiniprogram.PickerChange): void;
  onReentryDays(event: VantEvent<number>): void;
  onConversionDays(event: VantEvent<number>): void;
  onSave(): void;
  _reload(): void;
  _show(view: JourneyEditorView): WechatMiniprogram.IAnyObject;
  _journeyData(journey: JourneyView | null): WechatMiniprogram.IAnyObject;
  _stepsData(steps: JourneyStep[]): WechatMiniprogram.IAnyObject;
  _exitsData(exits: JourneyCondition[]): WechatMiniprogram.IAnyObject;
  _errorsData(fields: Record<string, string>): WechatMiniprogram.IAnyObject;
  _setSteps(steps: JourneyStep[], extra?: WechatMiniprogram.IAnyObject): void;
  _setExits(exits: JourneyCondition[]): void;
  _placeErrors(fields: Record<string, string>, extra?: WechatMiniprogram.IAnyObject): void;
  _patchStep(index: number, patch: Partial<JourneyStep>): void;
  _names(): JourneyNames;
  _definition(): JourneyDefinition;
};

type Instance = {
  _reached: Map<string, number>;
  /** The steps and exits as plain definition parts (the shown ones carry display fields). */
  _steps: JourneyStep[];
  _exits: JourneyCondition[];
  _lists: PickLists;
  _coupons: OptionView[];
  /** The server's problems by field (without `definition.`), placed at fields and steps. */
  _fields: Record<string, string>;
};

function plainStep(step: EditorStep | JourneyStep): JourneyStep {
  const { summary: _s, reached: _r, error: _e, pick: _p, pick2: _p2, paramOptions: _o, targetText: _t, ...rest } = step as EditorStep;
  return rest as JourneyStep;
}

const CONDITION_OPTIONS: OptionView[] = CONDITION_KINDS.map((k) => ({ id: k.kind, name: k.name }));

const statusLine = (journey: JourneyView) => (journey.status === 'active' ? '运行中' : `已暂停${journey.problems.length ? ' · 按提示补充后可在旅程列表中启用' : ''}`);

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
    entryTagIndex: 0,
    steps: [],
    exits: [],
    canAddExit: true,
    reentryIndex: 0,
    reentryDays: 90,
    conversionDays: 14,
    statusText: '',
    figures: null,
    errors: NO_ERRORS,
    saving: false,
    loaded: false,
    stepTypes: STEP_TYPES,
    entryKinds: ENTRY_KINDS,
    conditionKinds: CONDITION_KINDS,
    reentryKinds: REENTRY,
    templates: TEMPLATES,
    taskCauses: TASK_CAUSES,
    dateFields: DATE_FIELDS,
    coupons: [],
    tags: [],
    targets: [],
    addingStep: false,
  },
  lifetimes: {
    created() {
      this._reached = new Map();
      this._steps = [];
      this._exits = [];
      this._lists = { tags: [], tiers: [] };
      this._coupons = [];
      this._fields = {};
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
      this._lists = { tags: options.tags, tiers: options.tiers };
      this._coupons = options.coupons;
      const lists = { loaded: true, coupons: options.coupons, tags: options.tags };
      if (!journey) {
        this._steps = [blankStep('wait', 's1')];
        this._exits = [{ kind: 'purchased_since_entry' }];
        return { ...lists, ...this._journeyData(null), statusText: '新旅程保存后为暂停状态，检查无误后在旅程列表中启用' };
      }
      return { ...lists, ...this._journeyData(journey) };
    },

    /** The journey's whole form (with none, the blank form's steps and exits) as one setData payload. */
    _journeyData(journey) {
      if (!journey) return { ...this._errorsData({}), ...this._stepsData(this._steps), ...this._exitsData(this._exits) };
      const d = journey.definition;
      this._reached = new Map(journey.figures.steps.map((s) => [s.stepId, s.reached]));
      const placed = { ...this._errorsData(normalizeFields(Object.fromEntries(journey.problems.map((p) => [p.field, p.message])))), ...this._stepsData(d.steps), ...this._exitsData(d.exit) };
      return {
        ...placed,
        journeyId: journey.id,
        name: d.name,
        entry: d.entry,
        entryIndex: Math.max(0, ENTRY_KINDS.findIndex((k) => k.kind === d.entry.kind)),
        entryText: entryText(d.entry, this._names()),
        entryTagIndex: d.entry.kind === 'tag_added' ? indexIn(this._lists.tags, d.entry.tag) : 0,
        reentryIndex: Math.max(0, REENTRY.findIndex((r) => r.kind === d.reentry.kind)),
        reentryDays: d.reentry.kind === 'after_days' ? d.reentry.days : 90,
        conversionDays: d.conversionDays,
        statusText: statusLine(journey),
        figures: journey.figures,
      };
    },

    /** Steps as shown (summary, figure, pick indices, problem, branch targets). */
    _stepsData(steps) {
      this._steps = steps;
      const names = this._names();
      const lists = this._lists;
      const shown: EditorStep[] = steps.map((step, index) => {
        let pick = 0;
        let pick2 = 0;
        let options: OptionView[] = [];
        let summary = stepSummary(step, names);
        let targetText = '';
        if (step.type === 'message') pick = indexIn(TEMPLATES, step.template);
        if (step.type === 'coupon') pick = indexIn(this._coupons, step.couponTemplateId);
        if (step.type === 'task') pick = indexIn(TASK_CAUSES, step.cause);
        if (step.type === 'tag') pick = indexIn(lists.tags, step.tag);
        if (step.type === 'wait_until_date') pick = indexIn(DATE_FIELDS, step.field);
        if (step.type === 'branch') {
          pick = indexIn(CONDITION_OPTIONS, step.condition.kind);
          options = paramOptions(step.condition, lists);
          pick2 = indexIn(options, conditionParam(step.condition));
          summary = branchSummary(step, steps, names, lists);
          targetText = targetLabel(step.elseGoto, steps);
        }
        const error = fieldError(this._fields, `steps.${index}`);
        return { ...step, summary, reached: this._reached.get(step.id) ?? 0, error, pick, pick2, paramOptions: options, targetText } as EditorStep;
      });
      const targets = shown.map((_step, index) => [...shown.slice(index + 1).map((s, i) => ({ id: s.id, name: `第${index + i + 2}步 ${s.summary}` })), { id: 'end', name: '结束旅程' }]);
      return { steps: shown, targets };
    },

    _exitsData(exits) {
      this._exits = exits;
      const names = this._names();
      const rows: ExitRow[] = exits.map((condition, index) => {
        const options = paramOptions(condition, this._lists);
        return {
          label: conditionLabel(condition, names, this._lists),
          pick: indexIn(CONDITION_OPTIONS, condition.kind),
          pick2: indexIn(options, conditionParam(condition)),
          paramOptions: options,
          error: fieldError(this._fields, `exit.${index}`),
        };
      });
      return { exits: rows, canAddExit: exits.length < JOURNEY_LIMITS.exits };
    },

    /** The problems by field, kept for the steps and exits; those of the form's own fields placed here. */
    _errorsData(fields) {
      this._fields = fields;
      const errors: Errors = {
        name: fieldError(fields, 'name'),
        entry: fieldError(fields, 'entry'),
        // `steps` itself (至少需要一个步骤); a step's own problem shows on it.
        steps: fields.steps ?? '',
        exit: fields.exit ?? '',
        reentry: fieldError(fields, 'reentry'),
        conversionDays: fieldError(fields, 'conversionDays'),
      };
      return { errors };
    },

    _setSteps(steps, extra = {}) {
      this.setData({ ...this._stepsData(steps), ...extra });
    },

    _setExits(exits) {
      this.setData(this._exitsData(exits));
    },

    _placeErrors(fields, extra = {}) {
      this.setData({ ...this._errorsData(fields), ...this._stepsData(this._steps), ...this._exitsData(this._exits), ...extra });
    },

    _names() {
      const name = (list: OptionView[]) => (id: string) => list.find((option) => option.id === id)?.name ?? '';
      return { tag: name(this._lists.tags), coupon: name(this._coupons) };
    },

    _patchStep(index, patch) {
      if (!this.data.editable) return;
      const steps = [...this._steps];
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
      this.setData({ entryIndex: index, entry, entryTagIndex: 0, entryText: entryText(entry, this._names()) });
    },

    onEntryNumber(event) {
      if (this.data.entry.kind !== 'birthday') return;
      const entry = { ...this.data.entry, daysBefore: Number(event.detail) };
      this.setData({ entry, entryText: entryText(entry) });
    },

    onEntryWhen(event) {
      if (this.data.entry.kind !== 'birthday' || !this.data.editable) return;
      const entry = { ...this.data.entry, when: event.currentTarget.dataset.when };
      this.setData({ entry, entryText: entryText(entry) });
    },

    onEntryTag(event) {
      const index = Number(event.detail.value);
      const tag = this.data.tags[index];
      if (!tag) return;
      const entry: JourneyEntry = { kind: 'tag_added', tag: tag.id };
      this.setData({ entry, entryTagIndex: index, entryText: entryText(entry, this._names()) });
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
      const options = (list === 'templates' ? TEMPLATES : list === 'dateFields' ? DATE_FIELDS : list === 'coupons' ? this.data.coupons : list === 'tags' ? this.data.tags : []) as OptionView[];
      const picked = options[Number(event.detail.value)];
      if (picked) this._patchStep(index, { [field]: picked.id } as Partial<JourneyStep>);
    },

    onStepTime(event) {
      const { index, field } = event.currentTarget.dataset;
      this._patchStep(index, { [field]: String(event.detail.value) } as Partial<JourneyStep>);
    },

    /** A new cause brings its usual title, unless the admin wrote one of their own. */
    onTaskCause(event) {
      const { index } = event.currentTarget.dataset;
      const step = this._steps[index];
      const cause = TASK_CAUSES[Number(event.detail.value)];
      if (!step || step.type !== 'task' || !cause) return;
      const usual = TASK_CAUSES.some((c) => c.name === step.title) || !step.title.trim();
      this._patchStep(index, { cause: cause.id, ...(usual ? { title: cause.id === 'journey' ? '' : cause.name } : {}) } as Partial<JourneyStep>);
    },

    onBranchKind(event) {
      const { index } = event.currentTarget.dataset;
      const kind = CONDITION_KINDS[Number(event.detail.value)]?.kind;
      if (kind) this._patchStep(index, { condition: blankCondition(kind, this._lists) } as Partial<JourneyStep>);
    },

    onBranchParam(event) {
      const { index } = event.currentTarget.dataset;
      const step = this._steps[index];
      if (!step || step.type !== 'branch') return;
      const picked = paramOptions(step.condition, this._lists)[Number(event.detail.value)];
      if (picked) this._patchStep(index, { condition: withParam(step.condition, picked.id) } as Partial<JourneyStep>);
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
      if (index <= 0 || !this.data.editable) return;
      const steps = [...this._steps];
      [steps[index - 1], steps[index]] = [steps[index], steps[index - 1]];
      this._setSteps(steps);
    },

    onMoveDown(event) {
      const { index } = event.currentTarget.dataset;
      if (index >= this._steps.length - 1 || !this.data.editable) return;
      const steps = [...this._steps];
      [steps[index], steps[index + 1]] = [steps[index + 1], steps[index]];
      this._setSteps(steps);
    },

    onRemoveStep(event) {
      const { index } = event.currentTarget.dataset;
      if (!this.data.editable) return;
      this._setSteps(this._steps.filter((_s, i) => i !== index));
    },

    onAddStep() {
      if (this._steps.length >= JOURNEY_LIMITS.steps) {
        wx.showToast({ title: `最多${JOURNEY_LIMITS.steps}个步骤`, icon: 'none' });
        return;
      }
      this.setData({ addingStep: true });
    },

    onCloseAddStep() {
      this.setData({ addingStep: false });
    },

    onPickStepType(event) {
      const step = blankStep(event.detail.type, nextStepId(this._steps), { coupon: this.data.coupons[0]?.id ?? '', tag: this.data.tags[0]?.id ?? '' });
      this._setSteps([...this._steps, step], { addingStep: false });
    },

    onExitKind(event) {
      const { index } = event.currentTarget.dataset;
      const kind = CONDITION_KINDS[Number(event.detail.value)]?.kind;
      if (!kind || !this.data.editable) return;
      const exits = [...this._exits];
      exits[index] = blankCondition(kind, this._lists);
      this._setExits(exits);
    },

    onExitParam(event) {
      const { index } = event.currentTarget.dataset;
      const condition = this._exits[index];
      const picked = condition && paramOptions(condition, this._lists)[Number(event.detail.value)];
      if (!picked || !this.data.editable) return;
      const exits = [...this._exits];
      exits[index] = withParam(condition, picked.id);
      this._setExits(exits);
    },

    onRemoveExit(event) {
      const { index } = event.currentTarget.dataset;
      if (!this.data.editable) return;
      this._setExits(this._exits.filter((_c, i) => i !== index));
    },

    onAddExit() {
      if (!this.data.editable || this._exits.length >= JOURNEY_LIMITS.exits) return;
      // 进入后已消费 first: the usual reason to stop nudging someone.
      const kind = this._exits.some((c) => c.kind === 'purchased_since_entry') ? 'has_tag' : 'purchased_since_entry';
      this._setExits([...this._exits, blankCondition(kind, this._lists)]);
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
        steps: this._steps.map((s) => plainStep(s)),
        exit: this._exits,
        reentry: kind === 'after_days' ? { kind, days: this.data.reentryDays } : { kind },
        conversionDays: this.data.conversionDays,
      };
    },

    onSave() {
      if (this.data.saving || !this.data.editable) return;
      const journeyId = this.data.journeyId;
      const definition = this._definition();
      this.setData({ saving: true });
      pending
        .run(`journey:${journeyId || 'new'}`, (requestId) => callAutomation('saveJourney', { ...(journeyId ? { journeyId } : {}), definition, requestId }), isLostAnswer)
        .then(
          (journey) => {
            if (!journey.problems.length) {
              this.setData({ saving: false, journeyId: journey.id });
              wx.showToast({ title: '已保存', icon: 'success' });
              wx.navigateBack({ delta: 1 });
              return;
            }
            // Saved paused with something still missing: stay and show where.
            this._placeErrors(normalizeFields(Object.fromEntries(journey.problems.map((p) => [p.field, p.message]))), { saving: false, journeyId: journey.id, statusText: statusLine(journey) });
            wx.showToast({ title: '已保存，请按提示补充后再启用', icon: 'none' });
          },
          (error: unknown) => {
            const failure = toActionFailure(error);
            const fields = normalizeFields(failure.fields);
            this._placeErrors(fields, { saving: false });
            // A field problem says more than the code's general message.
            wx.showToast({ title: Object.values(fields)[0] ?? failure.message, icon: 'none' });
          },
        );
    },
  },
});
