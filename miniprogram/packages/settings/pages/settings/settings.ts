import { loadState } from '../../../../behaviors/load-state';
import { settingsView } from '../../behaviors/settings-view';
import { reloadOnReturn } from '../../../../behaviors/reload-on-return';
import { callAdmin } from '../../../../services/cloud';
import type { SettingsView } from '../../../../shared/contracts/settings-views';
import { expiryText } from '../../../../shared/rules/points-rules';
import type { VantEvent } from '../../../../types/vant-event';

/**
 * 设置 (admins): the brand (name, privacy-guide version, invite reward) edited here; tiers, points
 * rules and stores on their own pages; staff, coupons, journeys, messages, counter codes and the audit
 * log are the pages that already edit them — linked, not repeated. One settings call.
 */
interface StoreRow {
  storeId: string;
  name: string;
  detail: string;
  active: boolean;
}

type Data = {
  loaded: boolean;
  brandName: string;
  privacyVersion: string;
  referralRewardPoints: number;
  tiersText: string;
  pointsText: string;
  stores: StoreRow[];
  fieldErrors: Record<string, string>;
  saving: boolean;
};

type LinkEvent = WechatMiniprogram.BaseEvent<Record<string, never>, { url: string }>;

type Methods = {
  onBrandName(event: VantEvent<string>): void;
  onPrivacyVersion(event: VantEvent<string>): void;
  onReferral(event: VantEvent<number>): void;
  onSaveBrand(): void;
  onOpen(event: LinkEvent): void;
  _show(view: SettingsView): Partial<Data>;
};

Component<Data, {}, Methods, [typeof loadState, typeof settingsView, typeof reloadOnReturn], {}, true>({
  behaviors: [loadState, settingsView, reloadOnReturn],
  data: {
    loaded: false,
    brandName: '',
    privacyVersion: '',
    referralRewardPoints: 0,
    tiersText: '',
    pointsText: '',
    stores: [],
    fieldErrors: {},
    saving: false,
  },
  methods: {

    _show(view) {
      return {
        loaded: true,
        brandName: view.brandName,
        privacyVersion: view.privacyVersion,
        referralRewardPoints: view.referralRewardPoints,
        tiersText: view.tiers.map((tier) => `${tier.name} ${tier.threshold}`).join(' · '),
        pointsText: `每元 ${view.points.pointsPerYuan} 积分 · ${expiryText(view.points.pointsExpiryYears)}到期 · 入会礼 ${view.points.welcomePoints}`,
        stores: view.stores.map((store) => ({
          storeId: store.storeId,
          name: store.name,
          detail: `${store.storeId} · 员工 ${store.staff} 人${store.active ? '' : ' · 已停用'}`,
          active: store.active,
        })),
      };
    },

    onBrandName(event) {
      this.setData({ brandName: String(event.detail) });
    },

    onPrivacyVersion(event) {
      this.setData({ privacyVersion: String(event.detail).trim() });
    },

    onReferral(event) {
      this.setData({ referralRewardPoints: Number(event.detail) });
    },

    onSaveBrand() {
      if (this.data.saving) return;
      const { brandName, privacyVersion, referralRewardPoints } = this.data;
      this.setData({ saving: true, fieldErrors: {} });
      callAdmin('saveBrand', { brandName, privacyVersion, referralRewardPoints }).then(
        (view) => {
          this.setData({ saving: false, ...this._show(view) });
          wx.showToast({ title: '已保存', icon: 'success' });
        },
        (error: unknown) => this._formFailed(error, 'saving'),
      );
    },

    onOpen(event) {
      this._openForChange(event.currentTarget.dataset.url);
    },
  },
});
