import { loadState } from '../../behaviors/load-state';
import { callStock, isLostAnswer, toActionFailure } from '../../services/cloud';
import type { ProductStockView } from '../../shared/contracts/stock';
import { formatFenShort } from '../../shared/format/money';
import { getStaffProfile } from '../../stores/staff-profile';
import type { VantEvent } from '../../types/vant-event';
import { PendingRequests } from '../../utils/request-id';

/**
 * 库存查询: a product by name, SKU or scanned barcode, with 有货 / 少量 / 无货 and the units in every
 * store (one stock.search call); 留货 asks a store to hold units for a customer, 调货 to send them here
 * (stock.requestHold, a request id kept across a lost answer). The other store accepts in 调货/留货.
 */
const pending = new PendingRequests();

interface Row {
  sku: string;
  name: string;
  meta: string;
  stores: Array<{ storeId: string; storeName: string; available: number; level: string; levelText: string; mine: boolean }>;
}

type Data = {
  q: string;
  products: Row[];
  searched: boolean;
  asking: { sku: string; name: string; storeId: string; storeName: string; kind: 'hold' | 'transfer'; max: number } | null;
  quantity: number;
  days: number;
  submitting: boolean;
};

type StoreTap = WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { sku: string; store: string; kind: 'hold' | 'transfer' }>;

type Methods = {
  onInput(event: VantEvent<string>): void;
  onSearch(): void;
  onScan(): void;
  onAsk(event: StoreTap): void;
  onQuantity(event: VantEvent<number>): void;
  onDays(event: VantEvent<number>): void;
  onCloseAsk(): void;
  onSubmit(): void;
  _search(q: string): void;
};

function toRow(product: ProductStockView, myStore: string): Row {
  return {
    sku: product.sku,
    name: product.name,
    meta: `${product.sku} · ${product.category || '未分类'} · ${formatFenShort(product.priceFen)}`,
    stores: product.stores.map((s) => ({ ...s, mine: s.storeId === myStore })),
  };
}

Component<Data, {}, Methods, [typeof loadState], {}, true>({
  behaviors: [loadState],
  data: { q: '', products: [], searched: false, asking: null, quantity: 1, days: 3, submitting: false },
  methods: {
    onInput(event) {
      this.setData({ q: event.detail });
    },

    onSearch() {
      const q = this.data.q.trim();
      if (q) this._search(q);
    },

    onScan() {
      wx.scanCode({
        scanType: ['barCode', 'qrCode'],
        success: ({ result }) => {
          this.setData({ q: result });
          this._search(result);
        },
      });
    },

    _search(q) {
      const mine = getStaffProfile()?.storeId ?? '';
      void this._load(
        () => callStock('search', { q }),
        (view) => ({ searched: true, products: view.products.map((p) => toRow(p, mine)) }),
      );
    },

    onAsk(event) {
      const { sku, store, kind } = event.currentTarget.dataset;
      const product = this.data.products.find((p) => p.sku === sku);
      const at = product?.stores.find((s) => s.storeId === store);
      if (!product || !at || at.available <= 0) return;
      this.setData({ asking: { sku, name: product.name, storeId: store, storeName: at.storeName, kind, max: Math.min(50, at.available) }, quantity: 1, days: 3 });
    },

    onQuantity(event) {
      this.setData({ quantity: Number(event.detail) });
    },

    onDays(event) {
      this.setData({ days: Number(event.detail) });
    },

    onCloseAsk() {
      this.setData({ asking: null });
    },

    onSubmit() {
      const asking = this.data.asking;
      if (!asking || this.data.submitting) return;
      this.setData({ submitting: true });
      const input = { kind: asking.kind, sku: asking.sku, quantity: this.data.quantity, fromStoreId: asking.storeId, days: this.data.days };
      pending.run(`${asking.kind}:${asking.sku}:${asking.storeId}`, (requestId) => callStock('requestHold', { ...input, requestId }), isLostAnswer).then(
        () => {
          this.setData({ submitting: false, asking: null });
          wx.showToast({ title: asking.kind === 'hold' ? '已发出留货申请' : '已发出调货申请', icon: 'success' });
        },
        (error: unknown) => {
          this.setData({ submitting: false });
          wx.showToast({ title: toActionFailure(error).message, icon: 'none' });
        },
      );
    },
  },
});
