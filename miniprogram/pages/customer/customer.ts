import { loadState } from '../../behaviors/load-state';
import { reloadOnReturn } from '../../behaviors/reload-on-return';
import { callStaff, toActionFailure } from '../../services/cloud';
import { formatShanghaiDateTime } from '../../shared/format/datetime';
import { formatFen } from '../../shared/format/money';
import type { CustomerView, PurchaseView } from '../../shared/contracts/views';
import { takeCustomer } from '../../stores/customer-handoff';
import { isManagerOrAdmin } from '../../stores/staff-profile';
import { formatCount, textColorOn, upgradeHint } from '../../utils/member-text';

/**
 * A customer as the clerk sees them after the scan: card, recent purchases (voidable) and the button
 * that records the sale. Shown straight from the view staff-home resolved; otherwise (opened again,
 * refreshed after a sale or a void) one staff.customer call.
 */

interface CustomerDisplay {
  name: string;
  phoneMasked: string;
  tierName: string;
  tierColor: string;
  tierTextColor: string;
  pointsText: string;
  growthText: string;
  upgradeText: string;
  homeStoreName: string;
  /** Something to check with the customer (their number went to its verified owner), or ''. */
  reviewNote: string;
}

interface PurchaseDisplay {
  purchaseId: string;
  orderNo: string;
  amountText: string;
  dateText: string;
  categoriesText: string;
  pointsText: string;
  staffText: string;
  voided: boolean;
}

function toCustomerDisplay(view: CustomerView): CustomerDisplay {
  return {
    name: view.name || '未填写姓名',
    phoneMasked: view.phoneMasked || '未绑定手机号',
    reviewNote: view.reviewNote ?? '',
    tierName: view.tier.name,
    tierColor: view.tier.color,
    tierTextColor: textColorOn(view.tier.color),
    pointsText: formatCount(view.pointsBalance),
    growthText: formatCount(view.growth),
    upgradeText: upgradeHint(view.nextTier),
    homeStoreName: view.homeStoreName,
  };
}

function toPurchaseDisplay(purchase: PurchaseView): PurchaseDisplay {
  return {
    purchaseId: purchase.purchaseId,
    orderNo: purchase.orderNo,
    amountText: formatFen(purchase.amountFen),
    dateText: formatShanghaiDateTime(purchase.paidAt),
    categoriesText: purchase.categories.join(' · '),
    pointsText: `+${formatCount(purchase.pointsEarned)} 积分`,
    staffText: [purchase.storeName, purchase.staffName].filter(Boolean).join(' · '),
    voided: purchase.status === 'voided',
  };
}

type Data = {
  customer: CustomerDisplay | null;
  /** Managers and admins may give this customer a coupon (补发). */
  manages: boolean;
  purchases: PurchaseDisplay[];
  voidingId: string;
};

type Props = {
  memberId: { type: StringConstructor; value: string };
};

type Methods = {
  onLoad(): void;
  onRecordPurchase(): void;
  onGrantCoupon(): void;
  onOpenProfile(): void;
  onVoidPurchase(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { purchaseId: string }>): void;
  _reload(): void;
  _show(view: CustomerView): WechatMiniprogram.IAnyObject;
  _void(purchase: PurchaseView): void;
};

type Instance = {
  _view: CustomerView | null;
};

Component<Data, Props, Methods, [typeof loadState, typeof reloadOnReturn], Instance, true>({
  behaviors: [loadState, reloadOnReturn],
  properties: {
    memberId: { type: String, value: '' },
  },
  data: {
    customer: null,
    manages: false,
    purchases: [],
    voidingId: '',
  },
  methods: {
    onLoad() {
      this._view = null;
      const handedOff = takeCustomer(this.data.memberId);
      if (handedOff) this.setData(this._show(handedOff));
      else this._reload();
    },

    _reload() {
      this._load(
        () => callStaff('customer', { memberId: this.data.memberId }),
        (view) => this._show(view),
      );
    },

    _show(view) {
      this._view = view;
      return { customer: toCustomerDisplay(view), purchases: view.recentPurchases.map(toPurchaseDisplay), manages: isManagerOrAdmin() };
    },

    onGrantCoupon() {
      const view = this._view;
      if (!view) return;
      wx.navigateTo({ url: `/pages/grant-coupon/grant-coupon?memberId=${encodeURIComponent(view.memberId)}&name=${encodeURIComponent(view.name)}` });
    },

    onOpenProfile() {
      wx.navigateTo({ url: `/pages/customer-profile/customer-profile?memberId=${encodeURIComponent(this.data.memberId)}` });
    },

    onRecordPurchase() {
      const view = this._view;
      if (!view) return;
      const query = `memberId=${encodeURIComponent(view.memberId)}&name=${encodeURIComponent(view.name)}&multiplier=${view.tier.multiplierPermille}`;
      this._openForChange(`/pages/record-purchase/record-purchase?${query}`);
    },

    onVoidPurchase(event) {
      const { purchaseId } = event.currentTarget.dataset;
      const purchase = this._view?.recentPurchases.find((item) => item.purchaseId === purchaseId);
      if (!purchase || this.data.voidingId) return;
      wx.showModal({
        title: '撤销这笔消费？',
        content: `订单 ${purchase.orderNo}（${formatFen(purchase.amountFen)}）撤销后将扣回 ${formatCount(purchase.pointsEarned)} 积分及相应成长值，且不可恢复。`,
        confirmText: '撤销',
        confirmColor: '#ee0a24',
        success: (result) => {
          if (result.confirm) this._void(purchase);
        },
      });
    },

    _void(purchase) {
      this.setData({ voidingId: purchase.purchaseId });
      callStaff('voidPurchase', { purchaseId: purchase.purchaseId, memberId: this.data.memberId, reason: '' }).then(
        (result) => {
          this.setData({ voidingId: '' });
          wx.showToast({ title: result.alreadyVoided ? '该消费已撤销' : `已撤销，扣回${result.pointsReversed}积分`, icon: 'none' });
          this._reload();
        },
        (error: unknown) => {
          this.setData({ voidingId: '' });
          wx.showModal({ title: '撤销失败', content: toActionFailure(error).message, showCancel: false });
        },
      );
    },
  },
});
