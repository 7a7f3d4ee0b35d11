import { loadState } from '../../behaviors/load-state';
import { callCoupons, isLostAnswer, toActionFailure } from '../../services/cloud';
import { offerRow, type OfferRow } from '../../utils/coupon-display';
import { PendingRequests } from '../../utils/request-id';

/** 领券中心: the coupons a member can claim now (coupons.claimCenter, one call); a tap claims one. */

type Data = {
  offers: OfferRow[];
  loaded: boolean;
  claimingId: string;
};

type Methods = {
  onShow(): void;
  onClaim(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>): void;
  onOpenWallet(): void;
  _reload(): void;
};

type Instance = { _requests: PendingRequests };

Component<Data, {}, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  data: { offers: [], loaded: false, claimingId: '' },
  lifetimes: {
    created() {
      this._requests = new PendingRequests();
    },
  },
  methods: {
    onShow() {
      this._reload();
    },

    _reload() {
      this._load(
        () => callCoupons('claimCenter', {}),
        (view) => ({ loaded: true, offers: view.offers.map(offerRow) }),
      );
    },

    onClaim(event) {
      const { id } = event.currentTarget.dataset;
      if (this.data.claimingId) return;
      this.setData({ claimingId: id });
      this._requests.run(id, (requestId) => callCoupons('claim', { templateId: id, requestId }), isLostAnswer).then(
        () => {
          this.setData({ claimingId: '' });
          wx.showToast({ title: '领取成功，已放入卡包', icon: 'none' });
          this._reload();
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          this.setData({ claimingId: '' });
          wx.showToast({ title: failure.message, icon: 'none' });
          if (failure.code !== 'NETWORK') this._reload();
        },
      );
    },

    onOpenWallet() {
      wx.navigateTo({ url: '/pages/coupons/coupons' });
    },
  },
});
