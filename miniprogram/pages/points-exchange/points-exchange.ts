import { loadState } from '../../behaviors/load-state';
import { callCoupons, isLostAnswer, toActionFailure } from '../../services/cloud';
import { offerRow, type OfferRow } from '../../utils/coupon-display';
import { formatCount } from '../../utils/member-text';
import { PendingRequests } from '../../utils/request-id';

/**
 * 积分兑换: coupons for points (coupons.exchangeList, one call), each with its cost and what is left;
 * a confirm dialog, then one exchange that spends the points and grants the coupon together.
 */

interface ExchangeRow extends OfferRow {
  cost: number;
  costText: string;
  affordable: boolean;
}

type Data = {
  balanceText: string;
  offers: ExchangeRow[];
  loaded: boolean;
  exchangingId: string;
};

type Methods = {
  onShow(): void;
  onExchange(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>): void;
  _reload(): void;
  _exchange(templateId: string): void;
};

type Instance = { _requests: PendingRequests };

Component<Data, {}, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  data: { balanceText: '', offers: [], loaded: false, exchangingId: '' },
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
        () => callCoupons('exchangeList', {}),
        (view) => ({
          loaded: true,
          balanceText: formatCount(view.pointsBalance),
          offers: view.offers.map((offer) => {
            const cost = offer.pointsCost ?? 0;
            const affordable = cost <= view.pointsBalance;
            const row = offerRow(offer);
            return { ...row, cost, costText: `${formatCount(cost)} 积分`, affordable, note: row.note || (affordable ? row.left : '积分不足') };
          }),
        }),
      );
    },

    onExchange(event) {
      const { id } = event.currentTarget.dataset;
      const offer = this.data.offers.find((row) => row.templateId === id);
      if (!offer || this.data.exchangingId) return;
      wx.showModal({
        title: '确认兑换？',
        content: `将使用 ${offer.costText} 兑换「${offer.coupon.name}」，兑换后积分不退回。`,
        confirmText: '兑换',
        success: (result) => {
          if (result.confirm) this._exchange(id);
        },
      });
    },

    _exchange(templateId) {
      this.setData({ exchangingId: templateId });
      this._requests.run(templateId, (requestId) => callCoupons('exchange', { templateId, requestId }), isLostAnswer).then(
        (result) => {
          this.setData({ exchangingId: '', balanceText: formatCount(result.pointsBalance) });
          wx.showToast({ title: '兑换成功，已放入卡包', icon: 'none' });
          this._reload();
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          this.setData({ exchangingId: '' });
          wx.showModal({ title: '兑换未成功', content: failure.message, showCancel: false });
        },
      );
    },
  },
});
