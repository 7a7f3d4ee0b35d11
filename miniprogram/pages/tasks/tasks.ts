import { loadState } from '../../behaviors/load-state';
import { pagedList, type ListPage } from '../../behaviors/paged-list';
import { callCare } from '../../services/cloud';
import type { OutputOf } from '../../shared/contracts/action';
import type { CareContract } from '../../shared/contracts/care';
import type { TaskListView, TaskView } from '../../shared/contracts/care-views';
import { formatShanghaiDate } from '../../shared/format/datetime';
import { INTERACTION_OUTCOME_LABELS, TASK_CAUSE_TITLES } from '../../shared/rules/task-text';
import { handOffTask } from '../../stores/task-handoff';

/**
 * 待办: the clerk's follow-ups by 今天 / 逾期 / 即将 / 已处理, one care.tasks call per tab and page
 * (the open counts come with every answer). Each card carries the script to copy, 去处理 (the
 * care-note form, handed the task so it needs no call) and the customer's profile. Reloaded on every
 * show, so a task closed on care-note leaves the list when the clerk comes back.
 */

type Bucket = 'today' | 'overdue' | 'upcoming' | 'closed';

const TABS: Array<{ name: Bucket; label: string; empty: string }> = [
  { name: 'today', label: '今天', empty: '今天的待办都完成了' },
  { name: 'overdue', label: '逾期', empty: '没有逾期的待办，保持住' },
  { name: 'upcoming', label: '即将', empty: '近几天没有待办' },
  { name: 'closed', label: '已处理', empty: '还没有处理过的待办' },
];

interface TaskCard {
  taskId: string;
  memberId: string;
  name: string;
  phoneMasked: string;
  title: string;
  /** The cause when the title does not already say it (a manual task's own title). */
  causeText: string;
  script: string;
  dueText: string;
  overdue: boolean;
  closed: boolean;
  /** Closed tasks: 已完成 · 有意向, 已跳过, 已过期. */
  resultText: string;
}

type Data = {
  tab: Bucket;
  tabs: Array<{ name: Bucket; label: string; count: string }>;
  emptyText: string;
  tasks: TaskCard[];
};

type Answer = OutputOf<CareContract, 'tasks'>;

type TaskTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

type Methods = {
  onShow(): void;
  onSelectTab(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab: Bucket }>): void;
  onCopyScript(event: TaskTap): void;
  onHandle(event: TaskTap): void;
  onOpenProfile(event: TaskTap): void;
  _fetchPage(cursor: string | null): Promise<Answer>;
  _toPage(view: Answer, first: boolean): ListPage<TaskCard>;
  _rowsKey(): 'tasks';
};

type Instance = {
  /** The views behind the cards, to hand a task to care-note as the server sent it. */
  _views: Map<string, TaskView>;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** 今天 / 昨天 / 明天, else 12月5日 (with the year when it is not this year). */
function dayLabel(dueAt: string, now: Date): string {
  const day = formatShanghaiDate(dueAt);
  if (day === formatShanghaiDate(now)) return '今天';
  if (day === formatShanghaiDate(new Date(now.getTime() - DAY_MS))) return '昨天';
  if (day === formatShanghaiDate(new Date(now.getTime() + DAY_MS))) return '明天';
  const [year, month, date] = day.split('-');
  const short = `${Number(month)}月${Number(date)}日`;
  return year === formatShanghaiDate(now).slice(0, 4) ? short : `${year}年${short}`;
}

const CLOSED_TEXT: Record<TaskView['status'], string> = { open: '', done: '已完成', skipped: '已跳过', expired: '已过期' };

function toCard(task: TaskView, now: Date): TaskCard {
  const closed = task.status !== 'open';
  const overdue = !closed && task.bucket === 'overdue';
  // An open task in the today bucket is due today by the server's clock, whatever the phone's says.
  const label = !closed && task.bucket === 'today' ? '今天' : dayLabel(task.dueAt, now);
  const causeTitle = TASK_CAUSE_TITLES[task.cause];
  const outcome = task.status === 'done' && task.outcome ? ` · ${INTERACTION_OUTCOME_LABELS[task.outcome]}` : '';
  return {
    taskId: task.taskId,
    memberId: task.memberId,
    name: task.memberName || '顾客',
    phoneMasked: task.phoneMasked,
    title: task.title || causeTitle,
    causeText: task.cause === 'manual' || task.title !== causeTitle ? causeTitle : '',
    script: task.script,
    dueText: overdue ? `${label}到期 · 已逾期` : `${label}到期`,
    overdue,
    closed,
    resultText: closed ? `${CLOSED_TEXT[task.status]}${outcome}${task.closedAt ? ` · ${dayLabel(task.closedAt, now)}处理` : ''}` : '',
  };
}

function tabsWith(counts: TaskListView['counts'] | null): Data['tabs'] {
  return TABS.map(({ name, label }) => ({ name, label, count: counts && name !== 'closed' ? String(counts[name]) : '' }));
}

Component<Data, {}, Methods, [typeof loadState, typeof pagedList], Instance, true>({
  behaviors: [loadState, pagedList],
  data: {
    tab: 'today',
    tabs: tabsWith(null),
    emptyText: TABS[0].empty,
    tasks: [],
  },
  lifetimes: {
    created() {
      this._views = new Map();
    },
  },
  methods: {
    onShow() {
      this._reload();
    },

    onSelectTab(event) {
      const { tab } = event.currentTarget.dataset;
      if (tab === this.data.tab) return;
      const emptyText = TABS.find((t) => t.name === tab)?.empty ?? '';
      this._restart({ tab, emptyText });
    },

    _fetchPage(cursor) {
      return callCare('tasks', { bucket: this.data.tab, ...(cursor ? { cursor } : {}) });
    },

    _toPage(view, first) {
      const now = new Date();
      if (first) this._views = new Map();
      view.tasks.forEach((task) => this._views.set(task.taskId, task));
      return { rows: view.tasks.map((task) => toCard(task, now)), nextCursor: view.nextCursor, data: { tabs: tabsWith(view.counts) } };
    },

    _rowsKey() {
      return 'tasks';
    },

    onCopyScript(event) {
      const task = this._views.get(event.currentTarget.dataset.id);
      if (!task) return;
      // WeChat confirms the copy with its own toast.
      wx.setClipboardData({ data: task.script });
    },

    onHandle(event) {
      const task = this._views.get(event.currentTarget.dataset.id);
      if (!task) return;
      handOffTask(task);
      const name = encodeURIComponent(task.memberName || '顾客');
      wx.navigateTo({ url: `/pages/care-note/care-note?taskId=${encodeURIComponent(task.taskId)}&memberId=${encodeURIComponent(task.memberId)}&name=${name}` });
    },

    onOpenProfile(event) {
      const task = this._views.get(event.currentTarget.dataset.id);
      if (!task) return;
      wx.navigateTo({ url: `/pages/customer-profile/customer-profile?memberId=${encodeURIComponent(task.memberId)}` });
    },
  },
});
