import { loadState } from '../../behaviors/load-state';
import { reloadOnReturn } from '../../behaviors/reload-on-return';
import { callCare, isLostAnswer, toActionFailure } from '../../services/cloud';
import type { HeatView, InteractionView, ProfileView, RfmView, TagDefinitionView, TagView, TaskBucket, TaskView } from '../../shared/contracts/care-views';
import type { CouponView, PurchaseView } from '../../shared/contracts/views';
import { formatShanghaiDate, formatShanghaiDateTime } from '../../shared/format/datetime';
import { formatFen } from '../../shared/format/money';
import { SEGMENT_LABELS } from '../../shared/rules/segments';
import { INTERACTION_KIND_LABELS, INTERACTION_OUTCOME_LABELS } from '../../shared/rules/task-text';
import type { VantEvent } from '../../types/vant-event';
import { couponDisplay } from '../../utils/coupon-display';
import { formatCount, textColorOn } from '../../utils/member-text';
import { PendingRequests } from '../../utils/request-id';

/**
 * A customer's 360° profile for staff, from one care.profile call: who they are, the heat index and
 * why, what they spend, segment and RFM, tags, open tasks, conversations, purchases and coupons.
 * From here: reveal the phone (managers), edit manual tags, log a conversation, add a task, adjust
 * points (managers). Everything the view shows is formatted once in `_show` so setData stays small.
 */

interface HeaderDisplay {
  name: string;
  phoneText: string;
  tierName: string;
  tierColor: string;
  tierTextColor: string;
  pointsText: string;
  growthText: string;
  servingStaffText: string;
  homeStoreName: string;
  /** 女 · 生日 12-14 · 2024-04-06 入会 */
  aboutText: string;
}

interface FigureDisplay {
  label: string;
  value: string;
}

interface RfmDisplay {
  letter: string;
  label: string;
  score: number;
  /** Five cells, the first `score` of them filled. */
  cells: Array<{ n: number; on: boolean }>;
}

interface HeatDisplay {
  score: number;
  level: 'hot' | 'warm' | 'cold';
  trend: Array<{ week: string; label: string; score: number; height: number; falling: boolean }>;
  parts: Array<{ key: string; label: string; pointsText: string; percent: number; text: string }>;
  summary: string;
}

interface TaskDisplay {
  taskId: string;
  title: string;
  dueText: string;
  bucket: TaskBucket;
  bucketText: string;
}

interface ProfileDisplay {
  header: HeaderDisplay;
  figures: FigureDisplay[];
  segment: string;
  segmentText: string;
  rfm: RfmDisplay[];
  heat: HeatDisplay;
  categories: Array<{ name: string; countText: string }>;
  purchases: Array<{ purchaseId: string; amountText: string; metaText: string; dateText: string; voided: boolean }>;
  coupons: Array<{ couponId: string; name: string; title: string; validity: string }>;
  interactions: Array<{ interactionId: string; kindText: string; outcomeText: string; note: string; metaText: string }>;
  can: ProfileView['can'];
}

const GENDER_TEXT: Record<ProfileView['gender'], string> = { male: '男', female: '女', unknown: '' };
const BUCKET_TEXT: Record<TaskBucket, string> = { overdue: '逾期', today: '今天', upcoming: '待跟进' };
const RFM_PARTS: Array<{ key: keyof RfmView; letter: string; label: string }> = [
  { key: 'r', letter: 'R', label: '最近消费' },
  { key: 'f', letter: 'F', label: '消费频次' },
  { key: 'm', letter: 'M', label: '消费金额' },
];

function heatLevel(score: number): HeatDisplay['level'] {
  if (score >= 70) return 'hot';
  if (score >= 40) return 'warm';
  return 'cold';
}

function toHeader(view: ProfileView, revealedPhone: string): HeaderDisplay {
  const about = [
    GENDER_TEXT[view.gender],
    view.birthday ? `生日 ${view.birthday.slice(5)}` : '',
    `${formatShanghaiDate(view.joinedAt)} 入会`,
  ].filter(Boolean);
  return {
    name: view.name || '未填写姓名',
    phoneText: revealedPhone || view.phoneMasked || '未绑定手机号',
    tierName: view.tier.name,
    tierColor: view.tier.color,
    tierTextColor: textColorOn(view.tier.color),
    pointsText: formatCount(view.pointsBalance),
    growthText: formatCount(view.growth),
    servingStaffText: view.servingStaffName || '未分配',
    homeStoreName: view.homeStoreName,
    aboutText: about.join(' · '),
  };
}

function toFigures(figures: ProfileView['figures']): FigureDisplay[] {
  return [
    { label: '累计消费', value: formatFen(figures.lifetimeSpendFen) },
    { label: '近12月消费', value: formatFen(figures.spend12mFen) },
    { label: '到店次数', value: `${formatCount(figures.visits)} 次` },
    { label: '客单价', value: figures.visits ? formatFen(figures.averageTicketFen) : '—' },
    { label: '最近消费', value: figures.lastPurchaseAt ? formatShanghaiDate(figures.lastPurchaseAt) : '尚未消费' },
  ];
}

function toRfm(rfm: RfmView | null): RfmDisplay[] {
  if (!rfm) return [];
  return RFM_PARTS.map(({ key, letter, label }) => ({ letter, label, score: rfm[key], cells: [1, 2, 3, 4, 5].map((n) => ({ n, on: n <= rfm[key] })) }));
}

function toHeat(heat: HeatView): HeatDisplay {
  return {
    score: heat.score,
    level: heatLevel(heat.score),
    trend: heat.trend.map((point, index) => ({
      week: point.week,
      label: point.week.slice(point.week.indexOf('W')),
      score: point.score,
      // A bar never vanishes, so a week scored 0 still reads as a week.
      height: Math.max(4, Math.min(100, point.score)),
      falling: index > 0 && point.score < heat.trend[index - 1]!.score,
    })),
    parts: heat.parts.map((part) => ({
      key: part.key,
      label: part.label,
      pointsText: `${part.points}/${part.max}`,
      percent: part.max > 0 ? Math.round((part.points / part.max) * 100) : 0,
      text: part.text,
    })),
    summary: heat.summary,
  };
}

function toPurchase(purchase: PurchaseView) {
  return {
    purchaseId: purchase.purchaseId,
    amountText: formatFen(purchase.paidFen),
    metaText: [purchase.categories.join('、'), purchase.storeName, purchase.staffName].filter(Boolean).join(' · '),
    dateText: formatShanghaiDateTime(purchase.paidAt),
    voided: purchase.status === 'voided',
  };
}

function toCoupon(coupon: CouponView, now: Date) {
  const display = couponDisplay(coupon, now);
  return { couponId: coupon.couponId, name: display.name, title: display.title, validity: display.validity };
}

function toInteraction(interaction: InteractionView) {
  return {
    interactionId: interaction.interactionId,
    kindText: INTERACTION_KIND_LABELS[interaction.kind],
    outcomeText: INTERACTION_OUTCOME_LABELS[interaction.outcome],
    note: interaction.note,
    metaText: [formatShanghaiDateTime(interaction.at), interaction.staffName, interaction.storeName].filter(Boolean).join(' · '),
  };
}

function toTask(task: TaskView): TaskDisplay {
  return { taskId: task.taskId, title: task.title, dueText: `${formatShanghaiDate(task.dueAt)} 到期`, bucket: task.bucket, bucketText: BUCKET_TEXT[task.bucket] };
}

function toTags(tags: TagView[]): TagView[] {
  // Automatic tags first: they describe the customer; manual ones are the staff's notes.
  return [...tags.filter((tag) => tag.auto), ...tags.filter((tag) => !tag.auto)].map(({ id, name, auto }) => ({ id, name, auto }));
}

/** 'YYYY-MM-DD' in Shanghai, `days` from now: the task date picker's default and lower bound. */
function shanghaiDayFromNow(days: number): string {
  return formatShanghaiDate(new Date(Date.now() + days * 24 * 60 * 60 * 1000));
}

type Data = {
  profile: ProfileDisplay | null;
  tags: TagView[];
  tasks: TaskDisplay[];
  phoneRevealable: boolean;
  phoneRevealed: boolean;
  revealing: boolean;
  /** The tag editor (a bottom popup). */
  tagsOpen: boolean;
  tagOptions: Array<{ id: string; name: string; scopeText: string }>;
  tagSelection: string[];
  tagsLoading: boolean;
  tagsError: string;
  savingTags: boolean;
  /** The new-task popup. */
  taskOpen: boolean;
  taskTitle: string;
  taskDate: string;
  taskMinDate: string;
  taskError: string;
  creatingTask: boolean;
};

type Props = {
  memberId: { type: StringConstructor; value: string };
};

type Methods = {
  onLoad(): void;
  onRevealPhone(): void;
  onEditTags(): void;
  onCloseTags(): void;
  onTagsChange(event: VantEvent<string[]>): void;
  onRetryTagOptions(): void;
  onSaveTags(): void;
  onNewTask(): void;
  onCloseTask(): void;
  onTaskTitle(event: VantEvent<string>): void;
  onTaskDate(event: WechatMiniprogram.PickerChange): void;
  onCreateTask(): void;
  onOpenTask(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { taskId: string }>): void;
  onLogInteraction(): void;
  onAdjustPoints(): void;
  _reload(): void;
  _show(view: ProfileView): WechatMiniprogram.IAnyObject;
  _loadTagOptions(): void;
};

type Instance = {
  _view: ProfileView | null;
  /** The full number once revealed, kept across a reload of the same customer. */
  _phone: string;
  _tagDefinitions: TagDefinitionView[] | null;
  _requests: PendingRequests;
};

Component<Data, Props, Methods, [typeof loadState, typeof reloadOnReturn], Instance, true>({
  behaviors: [loadState, reloadOnReturn],
  properties: {
    memberId: { type: String, value: '' },
  },
  data: {
    profile: null,
    tags: [],
    tasks: [],
    phoneRevealable: false,
    phoneRevealed: false,
    revealing: false,
    tagsOpen: false,
    tagOptions: [],
    tagSelection: [],
    tagsLoading: false,
    tagsError: '',
    savingTags: false,
    taskOpen: false,
    taskTitle: '',
    taskDate: '',
    taskMinDate: '',
    taskError: '',
    creatingTask: false,
  },
  lifetimes: {
    created() {
      this._view = null;
      this._phone = '';
      this._tagDefinitions = null;
      this._requests = new PendingRequests();
    },
  },
  methods: {
    onLoad() {
      this._reload();
    },

    _reload() {
      this._load(
        () => callCare('profile', { memberId: this.data.memberId }),
        (view) => this._show(view),
      );
    },

    _show(view) {
      this._view = view;
      const now = new Date();
      const profile: ProfileDisplay = {
        header: toHeader(view, this._phone),
        figures: toFigures(view.figures),
        segment: view.segment,
        segmentText: SEGMENT_LABELS[view.segment],
        rfm: toRfm(view.rfm),
        heat: toHeat(view.heat),
        categories: view.preferredCategories.map((category) => ({ name: category.name, countText: `${category.count}次` })),
        purchases: view.purchases.map(toPurchase),
        coupons: view.coupons.map((coupon) => toCoupon(coupon, now)),
        interactions: view.interactions.map(toInteraction),
        can: view.can,
      };
      return {
        profile,
        tags: toTags(view.tags),
        tasks: view.openTasks.map(toTask),
        phoneRevealable: view.phoneRevealable && !this._phone,
        phoneRevealed: Boolean(this._phone),
      };
    },

    onRevealPhone() {
      if (this.data.revealing || !this._view) return;
      this.setData({ revealing: true });
      callCare('revealPhone', { memberId: this._view.memberId }).then(
        ({ phone }) => {
          this._phone = phone;
          this.setData({ revealing: false, 'profile.header.phoneText': phone, phoneRevealable: false, phoneRevealed: true });
        },
        (error: unknown) => {
          this.setData({ revealing: false });
          wx.showToast({ title: toActionFailure(error).message, icon: 'none' });
        },
      );
    },

    onEditTags() {
      const view = this._view;
      if (!view?.can.editTags) return;
      this.setData({ tagsOpen: true, tagsError: '', tagSelection: view.tags.filter((tag) => !tag.auto).map((tag) => tag.id) });
      if (!this._tagDefinitions) this._loadTagOptions();
    },

    _loadTagOptions() {
      this.setData({ tagsLoading: true, tagsError: '' });
      callCare('tagDefinitions', {}).then(
        ({ tags }) => {
          this._tagDefinitions = tags;
          this.setData({ tagsLoading: false, tagOptions: tags.map((tag) => ({ id: tag.id, name: tag.name, scopeText: tag.storeId ? '本店' : '品牌' })) });
        },
        (error: unknown) => this.setData({ tagsLoading: false, tagsError: toActionFailure(error).message }),
      );
    },

    onRetryTagOptions() {
      this._loadTagOptions();
    },

    onCloseTags() {
      this.setData({ tagsOpen: false });
    },

    onTagsChange(event) {
      this.setData({ tagSelection: event.detail, tagsError: '' });
    },

    onSaveTags() {
      const view = this._view;
      const definitions = this._tagDefinitions;
      if (!view || !definitions || this.data.savingTags) return;
      // A manual tag this editor cannot show (another store's) is kept rather than silently dropped.
      const offered = new Set(definitions.map((tag) => tag.id));
      const hidden = view.tags.filter((tag) => !tag.auto && !offered.has(tag.id)).map((tag) => tag.id);
      const tagIds = [...this.data.tagSelection.filter((id) => offered.has(id)), ...hidden];
      this.setData({ savingTags: true, tagsError: '' });
      callCare('setTags', { memberId: view.memberId, tagIds }).then(
        ({ tags }) => {
          // The newest view (a reload may have answered meanwhile), copied: answers are never mutated.
          if (this._view) this._view = { ...this._view, tags };
          this.setData({ savingTags: false, tagsOpen: false, tags: toTags(tags) });
          wx.showToast({ title: '标签已保存', icon: 'none' });
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          this.setData({ savingTags: false, tagsError: failure.fields ? Object.values(failure.fields)[0]! : failure.message });
        },
      );
    },

    onNewTask() {
      if (!this._view) return;
      this.setData({ taskOpen: true, taskTitle: '', taskDate: shanghaiDayFromNow(1), taskMinDate: shanghaiDayFromNow(0), taskError: '' });
    },

    onCloseTask() {
      this.setData({ taskOpen: false });
    },

    onTaskTitle(event) {
      this.setData({ taskTitle: event.detail, taskError: '' });
    },

    onTaskDate(event) {
      this.setData({ taskDate: String(event.detail.value), taskError: '' });
    },

    onCreateTask() {
      const view = this._view;
      const title = this.data.taskTitle.trim();
      const dueDate = this.data.taskDate;
      if (!view || this.data.creatingTask) return;
      if (!title) return this.setData({ taskError: '请输入待办标题' });
      if (!dueDate) return this.setData({ taskError: '请选择到期日期' });
      this.setData({ creatingTask: true, taskError: '' });
      // The same title and date after a lost answer is the same request: the server answers the task it made.
      this._requests.run(`${title}|${dueDate}`, (requestId) => callCare('createTask', { memberId: view.memberId, title, dueDate, requestId }), isLostAnswer).then(
        ({ task }) => {
          if (this._view) this._view = { ...this._view, openTasks: [...this._view.openTasks, task] };
          this.setData({ creatingTask: false, taskOpen: false, [`tasks[${this.data.tasks.length}]`]: toTask(task) });
          wx.showToast({ title: '已新建待办', icon: 'none' });
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          this.setData({ creatingTask: false, taskError: failure.fields ? Object.values(failure.fields)[0]! : failure.message });
        },
      );
    },

    onOpenTask(event) {
      const view = this._view;
      if (!view) return;
      const { taskId } = event.currentTarget.dataset;
      this._openForChange(`/pages/care-note/care-note?taskId=${encodeURIComponent(taskId)}&memberId=${encodeURIComponent(view.memberId)}`);
    },

    onLogInteraction() {
      const view = this._view;
      if (!view) return;
      this._openForChange(`/pages/care-note/care-note?memberId=${encodeURIComponent(view.memberId)}&name=${encodeURIComponent(view.name)}`);
    },

    onAdjustPoints() {
      const view = this._view;
      if (!view?.can.adjustPoints) return;
      const query = `memberId=${encodeURIComponent(view.memberId)}&name=${encodeURIComponent(view.name)}&balance=${view.pointsBalance}`;
      this._openForChange(`/pages/adjust-points/adjust-points?${query}`);
    },
  },
});
