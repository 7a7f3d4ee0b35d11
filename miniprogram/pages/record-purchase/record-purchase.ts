import { loadState } from '../../behaviors/load-state';
import { PURCHASE_CATEGORIES } from '../../config/purchase';
import { callStaff } from '../../services/cloud';
import { formatFen } from '../../shared/format/money';
import type { PurchaseResultView } from '../../shared/contracts/views';
import type { VantEvent } from '../../types/vant-event';
import { pressAmountKey, yuanToFen, type AmountKey } from '../../utils/amount';
import { formatCount } from '../../utils/member-text';
import { isValidOrderNo, suggestOrderNo } from '../../utils/order-no';
import { decodeQueryValue } from '../../utils/query';

/**
 * Recording a sale at the till: amount on the keypad, 确认, done. The order number comes prefilled
 * (the clerk overwrites it with the POS receipt number when there is one) so the fast path is three
 * taps after the scan. One staff.recordPurchase call; the server makes it idempotent per order.
 */

interface ResultDisplay {
  amountText: string;
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
};

type Props = {
  memberId: { type: StringConstructor; value: string };
  name: { type: StringConstructor; value: string };
};

type Methods = {
  onLoad(): void;
  onKeyPress(event: WechatMiniprogram.CustomEvent<{ key: AmountKey }>): void;
  onOrderNoInput(event: VantEvent<string>): void;
  onToggleCategory(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { index: number }>): void;
  onSubmit(): void;
  onDone(): void;
  onRecordAnother(): void;
  _fresh(): Partial<Data>;
};

Component<Data, Props, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  properties: {
    memberId: { type: String, value: '' },
    name: { type: String, value: '' },
  },
  data: {
    customerName: '',
    amountText: '',
    orderNo: '',
    categories: [],
    canSubmit: false,
    formError: '',
    result: null,
  },
  methods: {
    onLoad() {
      this.setData({ customerName: decodeQueryValue(this.data.name) || '顾客', ...this._fresh() });
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
          }),
        (view) => ({ result: toResultDisplay(view) }),
      );
    },

    /** Back to the customer, which reloads to show the new purchase and balance. */
    onDone() {
      wx.navigateBack();
    },

    onRecordAnother() {
      this.setData(this._fresh());
    },
  },
});
