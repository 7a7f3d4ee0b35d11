import { loadState } from '../../behaviors/load-state';
import { callStock, toActionFailure } from '../../services/cloud';
import type { HoldView } from '../../shared/contracts/stock';

/**
 * 调货/留货: 待我处理 (requests to the caller's store: 接受 reserves the units, 拒绝 declines) and 我发起的
 * (the caller's own, with their status). One stock.holds call per tab.
 */
type Box = 'incoming' | 'outgoing';

type Data = { box: Box; holds: Array<HoldView & { deciding: boolean }> };

type Methods = {
  onLoad(): void;
  onBox(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { box: Box }>): void;
  onDecide(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { index: number; accept: string }>): void;
  _reload(): void;
};

Component<Data, {}, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  data: { box: 'incoming', holds: [] },
  methods: {
    onLoad() {
      this._reload();
    },

    _reload() {
      void this._load(
        () => callStock('holds', { box: this.data.box }),
        (view) => ({ holds: view.holds.map((h) => ({ ...h, deciding: false })) }),
      );
    },

    onBox(event) {
      const box = event.currentTarget.dataset.box;
      if (box === this.data.box) return;
      this.setData({ box, holds: [] });
      this._reload();
    },

    onDecide(event) {
      const { index, accept } = event.currentTarget.dataset;
      const hold = this.data.holds[index];
      if (!hold || hold.deciding || hold.status !== 'pending') return;
      this.setData({ [`holds[${index}].deciding`]: true });
      callStock('decideHold', { holdId: hold.id, accept: accept === 'yes' }).then(
        ({ hold: decided }) => this.setData({ [`holds[${index}]`]: { ...decided, deciding: false } }),
        (error: unknown) => {
          wx.showToast({ title: toActionFailure(error).message, icon: 'none' });
          this._reload();
        },
      );
    },
  },
});
