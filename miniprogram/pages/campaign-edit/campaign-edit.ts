import { SEGMENT_LABELS } from '../../shared/rules/segments';
import { loadState } from '../../behaviors/load-state';
import { callAutomation, isLostAnswer, toActionFailure } from '../../services/cloud';
import type { AutomationOptionsView, OptionView } from '../../shared/contracts/automation-views';
import type { Audience } from '../../shared/rules/audience';
import { addDaysToDayKey, shanghaiDayKey } from '../../shared/time/shanghai';
import { getStaffProfile } from '../../stores/staff-profile';
import type { VantEvent } from '../../types/vant-event';
import { PendingRequests } from '../../utils/request-id';

/**
 * 新建活动: the audience (segments, tiers, tags, stores — a manager's is their store), a live count of
 * who it reaches and how many of them can be messaged, the coupon, whether to notify (only members who
 * subscribed are messaged) and to have clerks tell the others, then now or at a time. Loads the pick
 * lists in one automation.options call; the count is asked again (debounced) as the audience changes.
 */
const pending = new PendingRequests();
const COUNT_DELAY_MS = 300;

/** The segments, worded as everywhere else (shared/rules/segments.ts). */
const SEGMENTS: OptionView[] = Object.entries(SEGMENT_LABELS).map(([id, name]) => ({ id, name }));

type Part = keyof Audience;
interface Chip {
  id: string;
  name: string;
  on: boolean;
}

type Data = {
  name: string;
  segments: Chip[];
  tiers: Chip[];
  tags: Chip[];
  stores: Chip[];
  /** Stores are picked by admins; a manager's campaigns are their store's. */
  admin: boolean;
  storeFixed: string;
  coupons: OptionView[];
  couponIndex: number;
  notify: boolean;
  fallbackTasks: boolean;
  scheduled: boolean;
  sendDate: string;
  sendTime: string;
  today: string;
  countText: string;
  counting: boolean;
  fieldErrors: Record<string, string>;
  submitting: boolean;
  loaded: boolean;
};

type ChipTap = WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { part: Part; index: number }>;

type Methods = {
  onLoad(): void;
  onName(event: VantEvent<string>): void;
  onToggleChip(event: ChipTap): void;
  onCoupon(event: WechatMiniprogram.PickerChange): void;
  onNotify(event: VantEvent<boolean>): void;
  onFallbackTasks(event: VantEvent<boolean>): void;
  onSendNow(): void;
  onSchedule(): void;
  onSendDate(event: WechatMiniprogram.PickerChange): void;
  onSendTime(event: WechatMiniprogram.PickerChange): void;
  onSubmit(): void;
  _reload(): void;
  _audience(): Audience;
  _count(): void;
};

type Instance = { _countTimer: number | null; _countTicket: number };

const chips = (options: OptionView[]): Chip[] => options.map((o) => ({ ...o, on: false }));
const picked = (list: Chip[]) => list.filter((c) => c.on).map((c) => c.id);

Component<Data, {}, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  data: {
    name: '',
    segments: chips(SEGMENTS),
    tiers: [],
    tags: [],
    stores: [],
    admin: false,
    storeFixed: '',
    coupons: [],
    couponIndex: -1,
    notify: true,
    fallbackTasks: false,
    scheduled: false,
    sendDate: '',
    sendTime: '10:00',
    today: '',
    countText: '',
    counting: false,
    fieldErrors: {},
    submitting: false,
    loaded: false,
  },
  lifetimes: {
    created() {
      this._countTimer = null;
      this._countTicket = 0;
    },
    detached() {
      if (this._countTimer !== null) clearTimeout(this._countTimer);
    },
  },
  methods: {
    onLoad() {
      const today = shanghaiDayKey(new Date()).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
      const tomorrow = addDaysToDayKey(shanghaiDayKey(new Date()), 1).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
      this.setData({ today, sendDate: tomorrow, admin: getStaffProfile()?.role === 'admin' });
      this._reload();
    },

    _reload() {
      void this._load(
        () => callAutomation('options', {}),
        (options: AutomationOptionsView) => ({
          loaded: true,
          tiers: chips(options.tiers),
          tags: chips(options.tags),
          stores: this.data.admin ? chips(options.stores) : [],
          storeFixed: this.data.admin ? '' : (options.stores[0]?.name ?? getStaffProfile()?.storeName ?? ''),
          coupons: options.coupons,
        }),
      ).then((options) => {
        if (options) this._count();
      });
    },

    _audience() {
      return { segments: picked(this.data.segments) as Audience['segments'], tierIds: picked(this.data.tiers), tags: picked(this.data.tags), storeIds: picked(this.data.stores) };
    },

    /** The live count, a moment after the last change; an answer to an older audience is dropped. */
    _count() {
      if (this._countTimer !== null) clearTimeout(this._countTimer);
      const ticket = ++this._countTicket;
      this.setData({ counting: true });
      this._countTimer = setTimeout(() => {
        this._countTimer = null;
        callAutomation('audienceCount', { audience: this._audience() }).then(
          ({ count, withQuota }) => {
            if (ticket !== this._countTicket) return;
            this.setData({ counting: false, countText: `共 ${count} 位会员，其中 ${withQuota} 位可接收到账通知` });
          },
          (error: unknown) => {
            if (ticket !== this._countTicket) return;
            this.setData({ counting: false, countText: toActionFailure(error).message });
          },
        );
      }, COUNT_DELAY_MS) as unknown as number;
    },

    onName(event) {
      this.setData({ name: event.detail });
    },

    onToggleChip(event) {
      const { part, index } = event.currentTarget.dataset;
      const key = part === 'tierIds' ? 'tiers' : part === 'storeIds' ? 'stores' : part;
      const list = this.data[key as 'segments' | 'tiers' | 'tags' | 'stores'];
      if (!list[index]) return;
      this.setData({ [`${key}[${index}].on`]: !list[index].on });
      this._count();
    },

    onCoupon(event) {
      this.setData({ couponIndex: Number(event.detail.value) });
    },

    onNotify(event) {
      this.setData({ notify: event.detail === true });
    },

    onFallbackTasks(event) {
      this.setData({ fallbackTasks: event.detail === true });
    },

    onSendNow() {
      this.setData({ scheduled: false });
    },

    onSchedule() {
      this.setData({ scheduled: true });
    },

    onSendDate(event) {
      this.setData({ sendDate: String(event.detail.value) });
    },

    onSendTime(event) {
      this.setData({ sendTime: String(event.detail.value) });
    },

    onSubmit() {
      if (this.data.submitting) return;
      const coupon = this.data.coupons[this.data.couponIndex];
      const errors: Record<string, string> = {};
      if (!this.data.name.trim()) errors.name = '请输入活动名称';
      if (!coupon) errors.couponTemplateId = '请选择优惠券';
      const sendAt = this.data.scheduled ? `${this.data.sendDate}T${this.data.sendTime}:00+08:00` : null;
      if (sendAt && !(new Date(sendAt).getTime() > Date.now())) errors.sendAt = '发送时间须晚于现在';
      if (Object.keys(errors).length) {
        this.setData({ fieldErrors: errors });
        wx.showToast({ title: Object.values(errors)[0], icon: 'none' });
        return;
      }
      const input = {
        name: this.data.name.trim(),
        audience: this._audience(),
        couponTemplateId: coupon.id,
        notify: this.data.notify,
        fallbackTasks: this.data.fallbackTasks,
        // Shanghai wall clock, sent with its offset.
        sendAt,
      };
      this.setData({ submitting: true, fieldErrors: {} });
      pending.run('campaign', (requestId) => callAutomation('createCampaign', { ...input, requestId }), isLostAnswer).then(
        (campaign) => {
          this.setData({ submitting: false });
          wx.redirectTo({ url: `/pages/campaign-detail/campaign-detail?campaignId=${encodeURIComponent(campaign.id)}` });
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          // audience.tags.0 → audience: the builder shows one line under the audience.
          const fields = Object.fromEntries(Object.entries(failure.fields ?? {}).map(([field, message]) => [field.split('.')[0], message]));
          this.setData({ submitting: false, fieldErrors: fields });
          wx.showToast({ title: failure.headline, icon: 'none' });
        },
      );
    },
  },
});
