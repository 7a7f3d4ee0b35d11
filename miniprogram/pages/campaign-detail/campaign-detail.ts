import { loadState } from '../../behaviors/load-state';
import { callAutomation, toActionFailure } from '../../services/cloud';
import type { CampaignView } from '../../shared/contracts/automation-views';
import { formatFenShort } from '../../shared/format/money';
import { campaignRow, type CampaignRow } from '../../utils/campaign-text';

/**
 * 活动效果: who it went to, the coupon, and what it did — reached, granted, notified (sent messages),
 * clerk tasks made instead, redeemed, the redemption rate and the sales of the purchases that used its
 * coupons, by store and by clerk. One automation.campaign call; 取消 while it has not started.
 */
type Data = {
  campaign: (CampaignRow & { reached: number; notified: number; tasks: number; notifyText: string; status: CampaignView['status'] }) | null;
  byStore: Array<{ storeId: string; storeName: string; redeemed: number; salesText: string }>;
  byClerk: Array<{ staffId: string; name: string; redeemed: number; salesText: string }>;
  cancelling: boolean;
};

type Props = { campaignId: { type: StringConstructor; value: string } };

type Methods = {
  onLoad(): void;
  onCancel(): void;
  _reload(): void;
  _show(view: CampaignView): Partial<Data>;
};

Component<Data, Props, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  properties: { campaignId: { type: String, value: '' } },
  data: { campaign: null, byStore: [], byClerk: [], cancelling: false },
  methods: {
    onLoad() {
      this._reload();
    },

    _reload() {
      void this._load(() => callAutomation('campaign', { campaignId: this.data.campaignId }), (view) => this._show(view));
    },

    _show(view) {
      const f = view.figures;
      return {
        campaign: {
          ...campaignRow(view, new Date()),
          status: view.status,
          reached: f.reached,
          notified: f.notified,
          tasks: f.tasks,
          notifyText: view.notify ? (view.fallbackTasks ? '通知已订阅的会员，其余派待办给导购' : '通知已订阅的会员') : view.fallbackTasks ? '派待办给导购告知' : '只发券，不通知',
        },
        byStore: f.byStore.map((s) => ({ storeId: s.storeId, storeName: s.storeName, redeemed: s.redeemed, salesText: formatFenShort(s.salesFen) })),
        byClerk: f.byClerk.map((c) => ({ staffId: c.staffId, name: c.name, redeemed: c.redeemed, salesText: formatFenShort(c.salesFen) })),
      };
    },

    onCancel() {
      if (this.data.cancelling) return;
      wx.showModal({
        title: '取消活动',
        content: '取消后不会再发放，确定取消吗？',
        success: ({ confirm }) => {
          if (!confirm) return;
          this.setData({ cancelling: true });
          callAutomation('cancelCampaign', { campaignId: this.data.campaignId }).then(
            (view) => this.setData({ cancelling: false, ...this._show(view) }),
            (error: unknown) => {
              this.setData({ cancelling: false });
              wx.showToast({ title: toActionFailure(error).message, icon: 'none' });
            },
          );
        },
      });
    },
  },
});
