import { callCare, isLostAnswer, toActionFailure } from '../../services/cloud';
import type { InteractionKind, InteractionOutcome } from '../../shared/contracts/care-views';
import { INTERACTION_KIND_LABELS, INTERACTION_OUTCOME_LABELS } from '../../shared/rules/task-text';
import { takeTask } from '../../stores/task-handoff';
import type { VantEvent } from '../../types/vant-event';
import { decodeQueryValue } from '../../utils/query';
import { PendingRequests } from '../../utils/request-id';

/**
 * One form for both ways a clerk records contact with a customer: closing a follow-up task (taskId
 * given: 已完成 with how it went, or 跳过 → care.completeTask, which records the interaction in the same
 * step) or logging a call, chat, visit or complaint on its own (→ care.logInteraction, idempotent by
 * a request id kept across retries). The task's title and script come from the task list through
 * stores/task-handoff, so opening the form costs no call.
 */

const KINDS: InteractionKind[] = ['call', 'wechat', 'visit', 'complaint'];
const OUTCOMES: InteractionOutcome[] = ['reached', 'no_answer', 'interested', 'not_interested', 'resolved', 'follow_up'];

type Status = 'done' | 'skipped';
type Field = 'kind' | 'outcome' | 'note';

type Data = {
  customerName: string;
  /** Completing a task (else logging an interaction). */
  forTask: boolean;
  taskTitle: string;
  taskScript: string;
  status: Status;
  kinds: Array<{ value: InteractionKind; label: string }>;
  outcomes: Array<{ value: InteractionOutcome; label: string }>;
  kind: InteractionKind;
  outcome: InteractionOutcome | '';
  note: string;
  errors: Partial<Record<Field, string>>;
  formError: string;
  saving: boolean;
};

type Props = {
  taskId: { type: StringConstructor; value: string };
  memberId: { type: StringConstructor; value: string };
  name: { type: StringConstructor; value: string };
};

type ChipTap<V> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { value: V }>;

type Methods = {
  onLoad(): void;
  onStatus(event: ChipTap<Status>): void;
  onKind(event: ChipTap<InteractionKind>): void;
  onOutcome(event: ChipTap<InteractionOutcome>): void;
  onNote(event: VantEvent<string>): void;
  onCopyScript(): void;
  onSubmit(): void;
  _save(): Promise<unknown>;
};

type Instance = { _requests: PendingRequests };

const FIELDS: Field[] = ['kind', 'outcome', 'note'];

Component<Data, Props, Methods, [], Instance, true>({
  properties: {
    taskId: { type: String, value: '' },
    memberId: { type: String, value: '' },
    name: { type: String, value: '' },
  },
  data: {
    customerName: '',
    forTask: false,
    taskTitle: '',
    taskScript: '',
    status: 'done',
    kinds: KINDS.map((value) => ({ value, label: INTERACTION_KIND_LABELS[value] })),
    outcomes: OUTCOMES.map((value) => ({ value, label: INTERACTION_OUTCOME_LABELS[value] })),
    // Most follow-ups are phone calls: one tap fewer for the common case.
    kind: 'call',
    outcome: '',
    note: '',
    errors: {},
    formError: '',
    saving: false,
  },
  lifetimes: {
    created() {
      this._requests = new PendingRequests();
    },
  },
  methods: {
    onLoad() {
      const { taskId } = this.data;
      const task = taskId ? takeTask(taskId) : null;
      const forTask = taskId !== '';
      this.setData({
        forTask,
        customerName: decodeQueryValue(this.data.name) || task?.memberName || '顾客',
        taskTitle: task ? task.title : forTask ? '处理待办' : '',
        taskScript: task ? task.script : '',
      });
      wx.setNavigationBarTitle({ title: forTask ? '处理待办' : '记录沟通' });
    },

    onStatus(event) {
      this.setData({ status: event.currentTarget.dataset.value, errors: {}, formError: '' });
    },

    onKind(event) {
      this.setData({ kind: event.currentTarget.dataset.value, 'errors.kind': '', formError: '' });
    },

    onOutcome(event) {
      this.setData({ outcome: event.currentTarget.dataset.value, 'errors.outcome': '', formError: '' });
    },

    onNote(event) {
      this.setData({ note: event.detail, 'errors.note': '', formError: '' });
    },

    onCopyScript() {
      if (this.data.taskScript) wx.setClipboardData({ data: this.data.taskScript });
    },

    onSubmit() {
      if (this.data.saving) return;
      const skipping = this.data.forTask && this.data.status === 'skipped';
      if (!skipping && !this.data.outcome) {
        this.setData({ errors: { outcome: '请选择沟通结果' }, formError: '' });
        return;
      }
      this.setData({ saving: true, errors: {}, formError: '' });
      this._save().then(
        () => {
          this.setData({ saving: false });
          wx.showToast({ title: !this.data.forTask ? '已记录' : skipping ? '已跳过' : '已完成', icon: 'success' });
          wx.navigateBack();
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          const fields = failure.fields ?? {};
          const errors: Data['errors'] = {};
          for (const field of FIELDS) if (fields[field]) errors[field] = fields[field];
          // A refused field the form does not show (an id) still needs its message somewhere.
          const shown = Object.keys(errors).length > 0;
          const other = Object.entries(fields).find(([field]) => !FIELDS.includes(field as Field));
          this.setData({ saving: false, errors, formError: other ? other[1] : shown ? '' : failure.message });
        },
      );
    },

    _save() {
      const { taskId, memberId, status, kind, outcome, note } = this.data;
      const text = note.trim();
      if (this.data.forTask) {
        // Closing a task twice answers it as closed, so a retry needs no request id.
        if (status === 'skipped') return callCare('completeTask', { taskId, status, note: text });
        return callCare('completeTask', { taskId, status, kind, outcome: outcome as InteractionOutcome, note: text });
      }
      // The same content retried after a lost answer is the same request; a changed form is a new one.
      const intent = JSON.stringify([memberId, kind, outcome, text]);
      return this._requests.run(intent, (requestId) => callCare('logInteraction', { memberId, kind, outcome: outcome as InteractionOutcome, note: text, requestId }), isLostAnswer);
    },
  },
});
