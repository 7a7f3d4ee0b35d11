import { loadState } from '../../../../behaviors/load-state';
import { settingsView } from '../../behaviors/settings-view';
import { callAdmin } from '../../../../services/cloud';
import type { PointsRules, SettingsEffectView, SettingsView } from '../../../../shared/contracts/settings-views';
import type { VantEvent } from '../../../../types/vant-event';

/**
 * 积分规则 (admins): points per yuan (before the tier's multiplier), how long points live and the
 * welcome points. 预览影响 says what the change means for the points members hold; then 确认保存.
 */
type Data = PointsRules & {
  loaded: boolean;
  effect: SettingsEffectView | null;
  fieldErrors: Record<string, string>;
  busy: boolean;
  expiryOptions: string[];
};

type Methods = {
  onPerYuan(event: VantEvent<number>): void;
  onExpiry(event: WechatMiniprogram.PickerChange): void;
  onWelcome(event: VantEvent<number>): void;
  onPreview(): void;
  onSave(): void;
  _show(view: SettingsView): Partial<Data>;
  _rules(): PointsRules;
};

/** Index = years after the year earned. */
const EXPIRY_OPTIONS = ['获得当年年底', '获得后第1年年底', '获得后第2年年底', '获得后第3年年底', '获得后第4年年底', '获得后第5年年底'];

Component<Data, {}, Methods, [typeof loadState, typeof settingsView], {}, true>({
  behaviors: [loadState, settingsView],
  data: { loaded: false, pointsPerYuan: 1, pointsExpiryYears: 1, welcomePoints: 0, effect: null, fieldErrors: {}, busy: false, expiryOptions: EXPIRY_OPTIONS },
  methods: {

    _show(view) {
      return { loaded: true, ...view.points };
    },

    _rules() {
      const { pointsPerYuan, pointsExpiryYears, welcomePoints } = this.data;
      return { pointsPerYuan, pointsExpiryYears, welcomePoints };
    },

    onPerYuan(event) {
      this.setData({ pointsPerYuan: Number(event.detail), effect: null });
    },

    onExpiry(event) {
      this.setData({ pointsExpiryYears: Number(event.detail.value), effect: null });
    },

    onWelcome(event) {
      this.setData({ welcomePoints: Number(event.detail), effect: null });
    },

    onPreview() {
      if (this.data.busy) return;
      this.setData({ busy: true, fieldErrors: {} });
      callAdmin('previewPointsRules', this._rules()).then(
        (effect) => this.setData({ busy: false, effect }),
        (error: unknown) => this._formFailed(error, 'busy'),
      );
    },

    onSave() {
      if (this.data.busy || !this.data.effect) return;
      this.setData({ busy: true, fieldErrors: {} });
      callAdmin('savePointsRules', this._rules()).then(
        (saved) => {
          this.setData({ busy: false, ...this._show(saved.settings), effect: saved.effect });
          wx.showToast({ title: '已保存', icon: 'success' });
        },
        (error: unknown) => this._formFailed(error, 'busy'),
      );
    },
  },
});
