import { loadState } from '../../behaviors/load-state';
import { callCoupons, isLostAnswer, toActionFailure } from '../../services/cloud';
import type { VantEvent } from '../../types/vant-event';
import { offerDisplay, type CouponDisplay } from '../../utils/coupon-display';
import { decodeQueryValue } from '../../utils/query';
import { PendingRequests } from '../../utils/request-id';

/**
 * A manager's 补发 from the customer page: the coupons being given out now (coupons.templates, one
 * call), one picked, a reason, then coupons.grant — recorded in the coupon's history with who and why.
 */

type Data = {
  customerName: string;
  options: Array<{ templateId: string; coupon: CouponDisplay; selected: boolean }>;
  loaded: boolean;
  reason: string;
  granting: boolean;
  formError: string;
};

type Props = {
  memberId: { type: StringConstructor; value: string };
  name: { type: StringConstructor; value: string };
};

type Methods = {
  onLoad(): void;
  onPick(event: WechatMiniprogram.CustomEvent<{ id: string }>): void;
  onReason(event: VantEvent<string>): void;
  onGrant(): void;
  _reload(): void;
};

type Instance = { _requests: PendingRequests };

Component<Data, Props, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  properties: {
    memberId: { type: String, value: '' },
    name: { type: String, value: '' },
  },
  data: { customerName: '', options: [], loaded: false, reason: '', granting: false, formError: '' },
  lifetimes: {
    created() {
      this._requests = new PendingRequests();
    },
  },
  methods: {
    onLoad() {
      this.setData({ customerName: decodeQueryValue(this.data.name) || '顾客' });
      this._reload();
    },

    _reload() {
      this._load(
        () => callCoupons('templates', { status: 'active' }),
        (view) => ({ loaded: true, options: view.templates.map((t) => ({ templateId: t.templateId, coupon: offerDisplay(t), selected: false })) }),
      );
    },

    onPick(event) {
      const { id } = event.detail;
      this.setData({ options: this.data.options.map((o) => ({ ...o, selected: o.templateId === id })), formError: '' });
    },

    onReason(event) {
      this.setData({ reason: event.detail, formError: '' });
    },

    onGrant() {
      const chosen = this.data.options.find((o) => o.selected);
      const reason = this.data.reason.trim();
      if (!chosen) return this.setData({ formError: '请选择要补发的券' });
      if (!reason) return this.setData({ formError: '请填写补发原因' });
      if (this.data.granting) return;
      const intent = `${chosen.templateId}:${reason}`;
      this.setData({ granting: true });
      this._requests.run(intent, (requestId) => callCoupons('grant', { memberId: this.data.memberId, templateId: chosen.templateId, reason, requestId }), isLostAnswer).then(
        () => {
          this.setData({ granting: false });
          wx.showToast({ title: '已补发', icon: 'none' });
          wx.navigateBack();
        },
        (error: unknown) => {
          const failure = toActionFailure(error);
          this.setData({ granting: false, formError: failure.headline });
        },
      );
    },
  },
});
