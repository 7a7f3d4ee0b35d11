import { loadState } from '../../../../behaviors/load-state';
import { settingsView } from '../../behaviors/settings-view';
import { callAdmin } from '../../../../services/cloud';
import type { SettingsEffectView, SettingsView } from '../../../../shared/contracts/settings-views';
import type { TierDef } from '../../../../shared/rules/brand-settings';
import type { VantEvent } from '../../../../types/vant-event';
import { toRow, toTier, type TierRow } from './tier-form';

/**
 * 会员等级 (admins): each tier's name, thresholds, points multiplier and benefits. 预览影响 asks the
 * server what the edited ladder does to the members there are (who moves up at once, who falls at the
 * next review); only then can it be saved, and any edit after the preview asks for a new one.
 */

type Data = {
  loaded: boolean;
  rows: TierRow[];
  effect: SettingsEffectView | null;
  fieldErrors: Record<string, string>;
  busy: boolean;
};

type FieldEvent = Omit<VantEvent<string>, 'currentTarget'> & { currentTarget: { dataset: { index: number; field: keyof TierRow } } };
type IndexEvent = WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>;

type Methods = {
  onField(event: FieldEvent): void;
  onAdd(): void;
  onRemove(event: IndexEvent): void;
  onPreview(): void;
  onSave(): void;
  _show(view: SettingsView): Partial<Data>;
  _tiers(): TierDef[];
};

const NEW_TIER_COLOR = '#07C160';

Component<Data, {}, Methods, [typeof loadState, typeof settingsView], {}, true>({
  behaviors: [loadState, settingsView],
  data: { loaded: false, rows: [], effect: null, fieldErrors: {}, busy: false },
  methods: {

    _show(view) {
      const members = new Map(view.membersByTier.map((row) => [row.tierId, row.members]));
      return { loaded: true, rows: view.tiers.map((tier) => toRow(tier, members.get(tier.id) ?? 0)), effect: null, fieldErrors: {} };
    },

    _tiers() {
      return this.data.rows.map(toTier);
    },

    onField(event) {
      const { index, field } = event.currentTarget.dataset;
      this.setData({ [`rows[${index}].${field}`]: String(event.detail), effect: null });
    },

    onAdd() {
      const last = this.data.rows[this.data.rows.length - 1];
      const threshold = last ? Number(last.threshold) * 2 || 1000 : 0;
      const row = toRow({ id: `tier${Date.now().toString(36)}`, name: '', color: NEW_TIER_COLOR, threshold, keepThreshold: threshold, multiplierPermille: 1000, benefits: [] }, 0);
      this.setData({ rows: [...this.data.rows, row], effect: null });
    },

    onRemove(event) {
      const { index } = event.currentTarget.dataset;
      this.setData({ rows: this.data.rows.filter((_, i) => i !== Number(index)), effect: null });
    },

    onPreview() {
      if (this.data.busy) return;
      this.setData({ busy: true, fieldErrors: {} });
      callAdmin('previewTiers', { tiers: this._tiers() }).then(
        (effect) => {
          this.setData({ busy: false, effect });
          // The effect shows above the tiers: bring it into view.
          void wx.pageScrollTo({ scrollTop: 0, duration: 200 });
        },
        (error: unknown) => this._formFailed(error, 'busy'),
      );
    },

    onSave() {
      if (this.data.busy || !this.data.effect) return;
      this.setData({ busy: true, fieldErrors: {} });
      callAdmin('saveTiers', { tiers: this._tiers() }).then(
        (saved) => {
          this.setData({ busy: false, ...this._show(saved.settings), effect: saved.effect });
          const { upgraded, status } = saved.rollout;
          const title = status === 'running' ? '已保存，会员等级调整中' : upgraded ? `已保存，${upgraded} 位会员已升级` : '已保存';
          wx.showToast({ title, icon: status === 'running' ? 'none' : 'success' });
        },
        (error: unknown) => this._formFailed(error, 'busy'),
      );
    },
  },
});
