import { loadState } from '../../behaviors/load-state';
import { callStaff, toActionFailure } from '../../services/cloud';
import { formatShanghaiDateTime } from '../../shared/format/datetime';
import { formatFen } from '../../shared/format/money';
import type { PendingSaleView } from '../../shared/contracts/views';

/**
 * A manager's list of clerks' sales above the per-sale limit (staff.pendingSales, one call). Confirming
 * records the sale as the clerk's; declining closes it. Both are idempotent on the server, so a
 * double tap or a retry after a lost answer is harmless.
 */

interface SaleRow {
  approvalId: string;
  amountText: string;
  orderNo: string;
  who: string;
  staffName: string;
  categoriesText: string;
  requestedText: string;
}

type Data = {
  sales: SaleRow[];
  loaded: boolean;
  /** The row a confirm or decline is in flight for. */
  busyId: string;
};

type Methods = {
  onShow(): void;
  onApprove(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>): void;
  onDecline(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>): void;
  _reload(): void;
  _decide(approvalId: string, decision: 'approve' | 'decline'): void;
};

function toRow(sale: PendingSaleView): SaleRow {
  return {
    approvalId: sale.approvalId,
    amountText: formatFen(sale.amountFen),
    orderNo: sale.orderNo,
    who: `${sale.memberName || '会员'} ${sale.phoneMasked}`.trim(),
    staffName: sale.staffName,
    categoriesText: sale.categories.join(' · '),
    requestedText: formatShanghaiDateTime(sale.requestedAt),
  };
}

Component<Data, {}, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  data: {
    sales: [],
    loaded: false,
    busyId: '',
  },
  methods: {
    onShow() {
      this._reload();
    },

    _reload() {
      this._load(
        () => callStaff('pendingSales', {}),
        (view) => ({ loaded: true, sales: view.sales.map(toRow) }),
      );
    },

    onApprove(event) {
      const { id } = event.currentTarget.dataset;
      const sale = this.data.sales.find((row) => row.approvalId === id);
      if (!sale || this.data.busyId) return;
      wx.showModal({
        title: '确认这笔消费？',
        content: `${sale.staffName} 为 ${sale.who} 录入 ${sale.amountText}（订单 ${sale.orderNo}），确认后计入积分和成长值。`,
        confirmText: '确认记入',
        success: (result) => {
          if (result.confirm) this._decide(id, 'approve');
        },
      });
    },

    onDecline(event) {
      const { id } = event.currentTarget.dataset;
      if (this.data.busyId) return;
      wx.showModal({
        title: '驳回这笔消费？',
        content: '驳回后店员无法再用该订单号录入，如需录入请核对后换新订单号。',
        confirmText: '驳回',
        confirmColor: '#ee0a24',
        success: (result) => {
          if (result.confirm) this._decide(id, 'decline');
        },
      });
    },

    _decide(approvalId, decision) {
      this.setData({ busyId: approvalId });
      const call = decision === 'approve' ? callStaff('approveSale', { approvalId }) : callStaff('declineSale', { approvalId });
      call.then(
        () => {
          this.setData({ busyId: '', sales: this.data.sales.filter((row) => row.approvalId !== approvalId) });
          wx.showToast({ title: decision === 'approve' ? '已确认记入' : '已驳回', icon: 'none' });
        },
        (error: unknown) => {
          this.setData({ busyId: '' });
          wx.showModal({ title: '操作失败', content: toActionFailure(error).message, showCancel: false });
        },
      );
    },
  },
});
