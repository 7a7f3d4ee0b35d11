import { z } from 'zod';
import { action } from './action';
import { id, plainText, requestId } from './fields';
import type { StockLevel } from '../rules/stock';

export interface StoreStockView {
  storeId: string;
  storeName: string;
  available: number;
  level: StockLevel;
  levelText: string;
}

export interface ProductStockView {
  sku: string;
  name: string;
  category: string;
  priceFen: number;
  pictureUrl: string;
  stores: StoreStockView[];
}

export type HoldStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';

export interface HoldView {
  id: string;
  kind: 'hold' | 'transfer';
  sku: string;
  productName: string;
  quantity: number;
  fromStoreName: string;
  pickupStoreName: string;
  memberName: string;
  requestedByName: string;
  status: HoldStatus;
  statusText: string;
  expiresAt: string | null;
  createdAt: string;
}

/** The `stock` function: products and stock in every store, holds and transfers between stores. */
export const stockContract = {
  /** By SKU or barcode (exact) or name; stock in every active store. Any staff. */
  search: action(z.object({ q: plainText(40, '搜索内容').pipe(z.string().min(1, '请输入商品名称、SKU或条码')) })).returns<{ products: ProductStockView[] }>(),
  /** Admins: the CSV (header sku,name,category,price,picture,barcode,<store ids…>) — all of it or nothing. */
  importProducts: action(z.object({ csv: z.string().min(1, '请上传CSV').max(2_000_000, '文件过大（最多2MB）') })).returns<{ products: number; stockRows: number }>(),
  /** Asks the store that has it to hold units for a customer (pickup there) or send them (transfer). Idempotent by request id. */
  requestHold: action(
    z.object({
      kind: z.enum(['hold', 'transfer'], '请选择留货或调货'),
      sku: id,
      quantity: z.number().int().min(1, '数量至少1件').max(50, '数量最多50件'),
      fromStoreId: id,
      memberId: id.optional(),
      days: z.number().int().min(1, '保留至少1天').max(14, '最多保留14天').default(3),
      requestId,
    }),
  ).returns<{ hold: HoldView }>(),
  /** The caller's store's requests: incoming (to decide) or outgoing (asked by it). */
  holds: action(z.object({ box: z.enum(['incoming', 'outgoing'], '请选择列表').default('incoming') }).default({ box: 'incoming' })).returns<{ holds: HoldView[] }>(),
  /** The store holding the stock accepts (units reserved, never below zero) or declines. */
  decideHold: action(z.object({ holdId: id, accept: z.boolean(), reason: plainText(50, '原因').default('') })).returns<{ hold: HoldView }>(),
};

export type StockContract = typeof stockContract;
