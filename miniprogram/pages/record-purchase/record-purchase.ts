import { loadState } from '../../behaviors/load-state';
import { PURCHASE_CATEGORIES } from '../../config/purchase';
import { callStaff, toActionFailure } from '../../services/cloud';
import { formatFen } from '../../shared/format/money';
import type { PurchaseResultView, SaleCouponView } from '../../shared/contracts/views';
import { couponDisplay, type CouponDisplay } from '../../utils/coupon-display';
import { applicableIds, blockedReason, previewSale, suggestCoupons } from '../../utils/sale-coupons';
import type { VantEvent } from '../../types/vant-event';
import { pressAmountKey, yuanToFen, type AmountKey } from '../../utils/amount';
import { formatCount } from '../../utils/member-text';
import { isValidOrderNo, suggestOrderNo } from '../../utils/order-no';
import { decodeQueryValue } from '../../utils/query';

/**
 * Recording a sale at the till: amount on the keypad, 确认, done. The order number comes prefilled
 * (the clerk overwrites it with the POS receipt number when there is one) so the fast path is three
 * taps after the scan. The customer's coupons come with the page (staff.saleCoupons, one call): the
 * best one for the amount is suggested as it is typed, others can be picked or a coupon code scanned,
 * and the amount payable and points are shown before 确认. One staff.recordPurchase call; the server
 * checks the coupons again and makes the sale idempotent per order.
 */

interface CouponRow {
  id: string;
  coupon: CouponDisplay;
  selected: boolean;
  /** Why it cannot go on this sale, or ''. */
  blocked: string;
}

interface ResultDisplay {
  amountText: string;
  /** '已优惠 ¥50.00，实付 ¥550.00', or '' without coupons. */
  savedText: string;
  orderNo: string;
  pointsText: string;
  balanceText: string;
  duplicate: boolean;
  upgraded: boolean;
  upgradeText: string;
  tierName: string;
}

function toResultDisplay(view: PurchaseResultView): ResultDisplay {
  return {
    amountText: formatFen(view.purchase.amountFen),
    savedText: view.purchase.discountFen > 0 ? `已优惠 ${formatFen(view.purchase.discountFen)}，实付 ${formatFen(view.purchase.paidFen)}` : '',
    orderNo: view.purchase.orderNo,
    pointsText: formatCount(view.purchase.pointsEarned),
    balanceText: formatCount(view.pointsBalance),
    duplicate: view.duplicate,
    upgraded: view.upgraded && !view.duplicate,
    upgradeText: `升级为 ${view.tierAfter.name}`,
    tierName: view.tierAfter.name,
  };
}

type Category = { name: string; selected: boolean };

type Data = {
  customerName: string;
  amountText: string;
  orderNo: string;
  categories: Category[];
  canSubmit: boolean;
  formError: string;
  result: ResultDisplay | null;
  couponRows: CouponRow[];
  couponsOpen: boolean;
  /** '应付 ¥550.00 · 已优惠 ¥50.00 · 积分 +660', once there is an amount. */
  previewText: string;
  couponProblem: string;
  couponError: string;
};

type Props = {
  memberId: { type: StringConstructor; value: string };
  name: { type: StringConstructor; value: string };
  /** The customer's tier multiplier in ‰, for the points preview. */
  multiplier: { type: StringConstructor; value: string };
};

type Methods = {
  onLoad(): void;
  onKeyPress(event: WechatMiniprogram.CustomEvent<{ key: AmountKey }>): void;
  onOrderNoInput(event: VantEvent<string>): void;
  onToggleCategory(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { index: number }>): void;
  onSubmit(): void;
  onDone(): void;
  onRecordAnother(): void;
  onToggleCoupons(): void;
  onPickCoupon(event: WechatMiniprogram.CustomEvent<{ id: string }>): void;
  onScanCoupon(): void;
  _fresh(): Partial<Data>;
  _loadCoupons(): void;
  _showCoupons(): void;
  _selectedIds(): string[];
};

type Instance = {
  _coupons: SaleCouponView[];
  _selected: string[];
  /** The clerk chose coupons by hand: stop suggesting. */
  _picked: boolean;
};

function amountOf(text: string): number {
  const fen = yuanToFen(text);
  return fen !== null && fen > 0 ? fen : 0;
}

Component<Data, Props, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  properties: {
    memberId: { type: String, value: '' },
    name: { type: String, value: '' },
    multiplier: { type: String, value: '1000' },
  },
  data: {
    customerName: '',
    amountText: '',
    orderNo: '',
    categories: [],
    canSubmit: false,
    formError: '',
    result: null,
    couponRows: [],
    couponsOpen: false,
    previewText: '',
    couponProblem: '',
    couponError: '',
  },
  lifetimes: {
    created() {
      this._coupons = [];
      this._selected = [];
      this._picked = false;
    },
  },
  methods: {
    onLoad() {
      this.setData({ customerName: decodeQueryValue(this.data.name) || '顾客', ...this._fresh() });
      this._loadCoupons();
    },

    _loadCoupons() {
      callStaff('saleCoupons', { memberId: this.data.memberId }).then(
        (view) => {
          this._coupons = view.coupons;
          this._showCoupons();
        },
        // The sale goes on without coupons; the clerk can still scan one.
        (error: unknown) => this.setData({ couponError: toActionFailure(error).message }),
      );
    },

    /** Re-derives the rows, the suggestion (until the clerk picks) and the preview for the current amount. */
    _showCoupons() {
      const amountFen = amountOf(this.data.amountText);
      this._selected = this._picked ? applicableIds(this._coupons, this._selected, amountFen) : amountFen ? suggestCoupons(this._coupons, amountFen) : [];
      const now = new Date();
      const preview = previewSale(this._coupons, this._selected, amountFen, Number(this.data.multiplier) || 1000);
      this.setData({
        couponRows: this._coupons.map((c) => ({
          id: c.coupon.couponId,
          coupon: couponDisplay(c.coupon, now),
          selected: this._selected.includes(c.coupon.couponId),
          blocked: amountFen ? blockedReason(c, amountFen) : (c.unavailable ?? ''),
        })),
        previewText: amountFen ? `应付 ${formatFen(preview.paidFen)}${preview.discountFen ? ` · 已优惠 ${formatFen(preview.discountFen)}` : ''} · 积分 +${formatCount(preview.points)}` : '',
        couponProblem: preview.problem,
      });
    },

    _selectedIds() {
      return applicableIds(this._coupons, this._selected, amountOf(this.data.amountText));
    },

    onToggleCoupons() {
      this.setData({ couponsOpen: !this.data.couponsOpen });
    },

    onPickCoupon(event) {
      const { id } = event.detail;
      const row = this.data.couponRows.find((r) => r.id === id);
      if (!row || row.blocked) return;
      this._picked = true;
      this._selected = this._selected.includes(id) ? this._selected.filter((x) => x !== id) : [...this._selected, id];
      this._showCoupons();
    },

    onScanCoupon() {
      this.setData({ couponError: '' });
      wx.scanCode({
        onlyFromCamera: false,
        scanType: ['qrCode'],
        success: (scan) => {
          callStaff('resolveCouponCode', { token: scan.result.trim() }).then(
            ({ coupon, memberId }) => {
              if (memberId !== this.data.memberId) {
                this.setData({ couponError: '这张券不属于该顾客' });
                return;
              }
              if (!this._coupons.some((c) => c.coupon.couponId === coupon.couponId)) this._coupons = [{ coupon, discountFen: 0, unavailable: null }, ...this._coupons];
              this._picked = true;
              // One money-off coupon per sale: the scanned one replaces another of its kind.
              const others = this._selected.filter((id) => {
                const held = this._coupons.find((c) => c.coupon.couponId === id);
                return held && (held.coupon.rule.kind === 'gift') !== (coupon.rule.kind === 'gift');
              });
              this._selected = [coupon.couponId, ...others];
              this.setData({ couponsOpen: true });
              this._showCoupons();
            },
            (error: unknown) => this.setData({ couponError: toActionFailure(error).message }),
          );
        },
        fail: (error) => {
          if (!/cancel/i.test(error.errMsg)) this.setData({ couponError: '扫码失败，请重试' });
        },
      });
    },

    _fresh() {
      return {
        amountText: '',
        orderNo: suggestOrderNo(new Date()),
        categories: PURCHASE_CATEGORIES.map((name) => ({ name, selected: false })),
        canSubmit: false,
        formError: '',
        result: null,
      };
    },

    onKeyPress(event) {
      const amountText = pressAmountKey(this.data.amountText, event.detail.key);
      const fen = yuanToFen(amountText);
      this.setData({ amountText, canSubmit: fen !== null && fen > 0, formError: '' });
      this._showCoupons();
    },

    onOrderNoInput(event) {
      this.setData({ orderNo: event.detail.trim(), formError: '' });
    },

    onToggleCategory(event) {
      const { index } = event.currentTarget.dataset;
      const category = this.data.categories[index];
      if (!category) return;
      this.setData({ [`categories[${index}].selected`]: !category.selected });
    },

    onSubmit() {
      const { amountText, orderNo, categories, loading } = this.data;
      if (loading) return;
      const amountFen = yuanToFen(amountText);
      if (amountFen === null || amountFen <= 0) {
        this.setData({ formError: '请输入消费金额' });
        return;
      }
      if (this.data.couponProblem) {
        this.setData({ formError: this.data.couponProblem });
        return;
      }
      if (!isValidOrderNo(orderNo)) {
        this.setData({ formError: orderNo ? '订单号只能包含字母、数字、-和_，最多40位' : '请输入订单号' });
        return;
      }
      this._load(
        () =>
          callStaff('recordPurchase', {
            memberId: this.data.memberId,
            amountFen,
            orderNo,
            categories: categories.filter((category) => category.selected).map((category) => category.name),
            couponIds: this._selectedIds(),
          }),
        (view) => ({ result: toResultDisplay(view) }),
      );
    },

    /** Back to the customer, which reloads to show the new purchase and balance. */
    onDone() {
      wx.navigateBack();
    },

    onRecordAnother() {
      this._picked = false;
      this.setData(this._fresh());
      this._loadCoupons();
    },
  },
});
