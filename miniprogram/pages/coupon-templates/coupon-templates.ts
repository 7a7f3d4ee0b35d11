import { loadState } from '../../behaviors/load-state';
import { callCoupons, toActionFailure } from '../../services/cloud';
import { formatFen } from '../../shared/format/money';
import type { CouponTemplateView } from '../../shared/contracts/views';
import { handOffTemplate } from '../../stores/template-handoff';
import { offerDisplay, type CouponDisplay } from '../../utils/coupon-display';

/**
 * A manager's coupon designs (coupons.templates, one call): status, given and left, and what can be
 * done next — publish, pause, resume, end, add stock, see the figures, edit a draft, make a new one.
 */

const STATUS_TEXT: Record<CouponTemplateView['status'], string> = { draft: '草稿', active: '发放中', paused: '已暂停', ended: '已结束' };

interface TemplateRow {
  templateId: string;
  coupon: CouponDisplay;
  status: CouponTemplateView['status'];
  statusText: string;
  figures: string;
  editable: boolean;
  stockLimited: boolean;
}

type TapEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; to?: 'active' | 'paused' | 'ended' }>;

type Data = { rows: TemplateRow[]; loaded: boolean; busyId: string };

type Methods = {
  onShow(): void;
  onCreate(): void;
  onEdit(event: TapEvent): void;
  onSetStatus(event: TapEvent): void;
  onAddStock(event: TapEvent): void;
  onStats(event: TapEvent): void;
  _reload(): void;
  _act(templateId: string, call: () => Promise<unknown>, done: string): void;
};

type Instance = { _views: CouponTemplateView[] };

function row(view: CouponTemplateView): TemplateRow {
  return {
    templateId: view.templateId,
    coupon: offerDisplay(view),
    status: view.status,
    statusText: STATUS_TEXT[view.status],
    figures: `已发 ${view.issued} 张${view.remaining === null ? ' · 不限量' : ` · 剩余 ${view.remaining} 张`}${view.pointsCost ? ` · ${view.pointsCost}积分兑换` : ''}${view.claimable ? ' · 领券中心' : ''}`,
    editable: view.editable,
    stockLimited: view.limits.totalStock !== null && view.status !== 'ended',
  };
}

Component<Data, {}, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  data: { rows: [], loaded: false, busyId: '' },
  lifetimes: {
    created() {
      this._views = [];
    },
  },
  methods: {
    onShow() {
      this._reload();
    },

    _reload() {
      this._load(
        () => callCoupons('templates', {}),
        (view) => {
          this._views = view.templates;
          return { loaded: true, rows: view.templates.map(row) };
        },
      );
    },

    onCreate() {
      wx.navigateTo({ url: '/pages/coupon-template-edit/coupon-template-edit' });
    },

    onEdit(event) {
      const view = this._views.find((v) => v.templateId === event.currentTarget.dataset.id);
      if (!view) return;
      handOffTemplate(view);
      wx.navigateTo({ url: `/pages/coupon-template-edit/coupon-template-edit?templateId=${encodeURIComponent(view.templateId)}` });
    },

    onSetStatus(event) {
      const { id, to } = event.currentTarget.dataset;
      if (!to) return;
      const words = { active: '发布后券的规则不能再修改', paused: '暂停后顾客暂时不能领取', ended: '结束后不能再发放，已发出的券仍可使用' }[to];
      wx.showModal({
        title: { active: '发布这张券？', paused: '暂停发放？', ended: '结束这张券？' }[to],
        content: words,
        success: (result) => {
          if (result.confirm) this._act(id, () => callCoupons('setTemplateStatus', { templateId: id, status: to }), '已更新');
        },
      });
    },

    onAddStock(event) {
      const { id } = event.currentTarget.dataset;
      wx.showModal({
        title: '追加库存',
        editable: true,
        placeholderText: '追加的张数',
        success: (result) => {
          const units = Number((result as { content?: string }).content);
          if (!result.confirm) return;
          if (!Number.isInteger(units) || units < 1) {
            wx.showToast({ title: '请输入正整数', icon: 'none' });
            return;
          }
          this._act(id, () => callCoupons('addStock', { templateId: id, units }), `已追加 ${units} 张`);
        },
      });
    },

    onStats(event) {
      const { id } = event.currentTarget.dataset;
      callCoupons('templateStats', { templateId: id }).then(
        (stats) => {
          const stores = stats.perStore.map((s) => `${s.storeName} 核销 ${s.used} 张、带动 ${formatFen(s.attributedSalesFen)}`).join('\n');
          wx.showModal({
            title: '券的数据',
            content: `已发 ${stats.granted} 张，已核销 ${stats.used} 张（${Math.round(stats.redemptionRate * 100)}%），带动消费 ${formatFen(stats.attributedSalesFen)}${stores ? `\n${stores}` : ''}`,
            showCancel: false,
          });
        },
        (error: unknown) => wx.showToast({ title: toActionFailure(error).message, icon: 'none' }),
      );
    },

    _act(templateId, call, done) {
      if (this.data.busyId) return;
      this.setData({ busyId: templateId });
      call().then(
        () => {
          this.setData({ busyId: '' });
          wx.showToast({ title: done, icon: 'none' });
          this._reload();
        },
        (error: unknown) => {
          this.setData({ busyId: '' });
          wx.showModal({ title: '操作失败', content: toActionFailure(error).message, showCancel: false });
        },
      );
    },
  },
});
