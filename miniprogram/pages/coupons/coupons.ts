import { loadState } from '../../behaviors/load-state';
import { callCoupons, toActionFailure } from '../../services/cloud';
import type { WalletView } from '../../shared/contracts/views';
import { couponDisplay, type CouponDisplay } from '../../utils/coupon-display';

/**
 * 我的优惠券: 可用 / 已使用 / 已过期, each tab one coupons.wallet call (counts come with the first page);
 * a usable coupon opens its code for the clerk; links to the claim centre and the points exchange.
 */

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
  loaded: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string;
};

type Methods = {
  onShow(): void;
  onReachBottom(): void;
  onSelectTab(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab: Tab }>): void;
  onOpenCoupon(event: WechatMiniprogram.CustomEvent<{ id: string }>): void;
  onClaimCenter(): void;
  onExchange(): void;
  onLoadMore(): void;
  _reload(): void;
};

type Instance = { _cursor: string | null };

function tabsWith(counts: WalletView['counts']): Data['tabs'] {
  return TABS.map((tab) => ({ ...tab, count: counts ? String(counts[tab.name]) : '' }));
}

Component<Data, {}, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  data: {
    tab: 'unused',
    tabs: tabsWith(null),
    coupons: [],
    loaded: false,
    hasMore: false,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onShow() {
      this._reload();
    },

    onReachBottom() {
      this.onLoadMore();
    },

    onSelectTab(event) {
      const { tab } = event.currentTarget.dataset;
      if (tab === this.data.tab) return;
      this.setData({ tab, coupons: [], loaded: false });
      this._reload();
    },

    _reload() {
      this._cursor = null;
      const { tab } = this.data;
      const now = new Date();
      this._load(
        () => callCoupons('wallet', { tab }),
        (view) => {
          this._cursor = view.nextCursor;
          return { loaded: true, tabs: tabsWith(view.counts), coupons: view.coupons.map((c) => couponDisplay(c, now)), hasMore: view.nextCursor !== null, moreError: '' };
        },
      );
    },

    onLoadMore() {
      const cursor = this._cursor;
      if (!cursor || this.data.loadingMore || this.data.loading) return;
      this.setData({ loadingMore: true, moreError: '' });
      const now = new Date();
      callCoupons('wallet', { tab: this.data.tab, cursor }).then(
        (view) => {
          this._cursor = view.nextCursor;
          const start = this.data.coupons.length;
          const appended: WechatMiniprogram.IAnyObject = {};
          view.coupons.forEach((coupon, index) => {
            appended[`coupons[${start + index}]`] = couponDisplay(coupon, now);
          });
          this.setData({ ...appended, loadingMore: false, hasMore: view.nextCursor !== null });
        },
        (error: unknown) => this.setData({ loadingMore: false, moreError: toActionFailure(error).message }),
      );
    },

    onOpenCoupon(event) {
      if (this.data.tab !== 'unused') return;
      wx.navigateTo({ url: `/pages/coupon/coupon?couponId=${encodeURIComponent(event.detail.id)}` });
    },

    onClaimCenter() {
      wx.navigateTo({ url: '/pages/claim-center/claim-center' });
    },

    onExchange() {
      wx.navigateTo({ url: '/pages/points-exchange/points-exchange' });
    },
  },
});
