import { loadState } from '../../behaviors/load-state';
import { pagedList, type ListPage } from '../../behaviors/paged-list';
import { subscribePrompt, type SubscribeState } from '../../behaviors/subscribe-prompt';
import type { SubscriptionView } from '../../shared/contracts/automation-views';
import type { MessageTemplateKey } from '../../shared/rules/message-templates';
import { callCoupons } from '../../services/cloud';
import type { WalletView } from '../../shared/contracts/views';
import { couponDisplay, type CouponDisplay } from '../../utils/coupon-display';

/**
 * 我的优惠券: 可用 / 已使用 / 已过期, each tab one coupons.wallet call (counts come with the first page);
 * a usable coupon opens its code for the clerk; links to the claim centre and the points exchange;
 * 到期提醒 asks (from the tap) for the coupon-expiring and coupon-arrived messages while she has none left.
 */
const REMINDERS: MessageTemplateKey[] = ['coupon_expiring', 'coupon_arrived'];

/** The 到期提醒 offer shows while one of its templates is offered and has no send left. */
function wantsReminder(subscriptions: SubscriptionView[]): boolean {
  return subscriptions.some((s) => REMINDERS.includes(s.key) && s.remaining === 0);
}

type Tab = WalletView['tab'];
const TABS: Array<{ name: Tab; label: string }> = [
  { name: 'unused', label: '可用' },
  { name: 'used', label: '已使用' },
  { name: 'expired', label: '已过期' },
];

type Data = {
  tab: Tab;
  tabs: Array<{ name: Tab; label: string; count: string }>;
  coupons: CouponDisplay[];
  offerReminder: boolean;
};

type Methods = {
  onShow(): void;
  onSelectTab(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab: Tab }>): void;
  onOpenCoupon(event: WechatMiniprogram.CustomEvent<{ id: string }>): void;
  onClaimCenter(): void;
  onExchange(): void;
  onRemind(): void;
  _fetchPage(cursor: string | null): Promise<WalletView>;
  _toPage(view: WalletView, first: boolean): ListPage<CouponDisplay>;
  _rowsKey(): 'coupons';
};

function tabsWith(counts: WalletView['counts']): Data['tabs'] {
  return TABS.map((tab) => ({ ...tab, count: counts ? String(counts[tab.name]) : '' }));
}

Component<Data, {}, Methods, [typeof loadState, typeof pagedList, typeof subscribePrompt], SubscribeState, true>({
  behaviors: [loadState, pagedList, subscribePrompt],
  data: {
    tab: 'unused',
    tabs: tabsWith(null),
    coupons: [],
    offerReminder: false,
  },
  methods: {
    onShow() {
      this._reload();
    },

    onSelectTab(event) {
      const { tab } = event.currentTarget.dataset;
      if (tab === this.data.tab) return;
      this._restart({ tab });
    },

    _fetchPage(cursor) {
      return callCoupons('wallet', { tab: this.data.tab, ...(cursor ? { cursor } : {}) });
    },

    _toPage(view, first) {
      const now = new Date();
      const rows = view.coupons.map((c) => couponDisplay(c, now));
      // The counts come with the first page only (null on later ones).
      if (first) this._subscriptions = view.subscriptions;
      return { rows, nextCursor: view.nextCursor, data: first ? { tabs: tabsWith(view.counts), offerReminder: wantsReminder(view.subscriptions) } : {} };
    },

    _rowsKey() {
      return 'coupons';
    },

    onOpenCoupon(event) {
      if (this.data.tab !== 'unused') return;
      wx.navigateTo({ url: `/pages/coupon/coupon?couponId=${encodeURIComponent(event.detail.id)}` });
    },

    onRemind() {
      this.setData({ offerReminder: false });
      void this._askSubscribe(REMINDERS);
    },

    onClaimCenter() {
      wx.navigateTo({ url: '/pages/claim-center/claim-center' });
    },

    onExchange() {
      wx.navigateTo({ url: '/pages/points-exchange/points-exchange' });
    },
  },
});
