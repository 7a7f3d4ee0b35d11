import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { ProductStockView, StockContract } from '../../../shared/contracts/stock';
import { STOCK_LEVEL_TEXT, stockLevel } from '../../../shared/rules/stock';
import { _, db, type Stored } from '../../../server/cloud';
import { storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type ProductDoc, type StockDoc } from '../../../server/documents';
import { requireStaff } from '../../../server/queries';

const LIMIT = 20;

/**
 * A product by SKU or barcode (exact), else by name, with its stock in every active store: three
 * requests (the caller, the products, their stock), whatever the number of stores.
 */
export async function search(input: ParsedInputOf<StockContract, 'search'>, ctx: RequestContext): Promise<{ products: ProductStockView[] }> {
  await requireStaff(ctx.openid);
  const q = input.q.trim();
  const exact = /^[0-9A-Za-z_-]+$/.test(q);
  const escaped = q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const { data: products } = await db
    .collection<ProductDoc>(C.products)
    .where(exact ? _.or([{ _id: q }, { barcode: q }, { name: db.RegExp({ regexp: escaped, options: 'i' }) }]) : { name: db.RegExp({ regexp: escaped, options: 'i' }) })
    .limit(LIMIT)
    .get();
  if (!products.length) return { products: [] };
  const [{ data: stock }, stores] = await Promise.all([
    db.collection<StockDoc>(C.stock).where({ sku: _.in(products.map((p) => p._id)) }).limit(1000).get(),
    storeDirectory(),
  ]);
  const active = [...stores.values()].filter((s) => s.active);
  return {
    products: products.map((p: Stored<ProductDoc>) => ({
      sku: p._id,
      name: p.name,
      category: p.category,
      priceFen: p.priceFen,
      pictureUrl: p.pictureUrl,
      stores: active.map((store) => {
        const available = stock.find((s) => s.sku === p._id && s.storeId === store._id)?.available ?? 0;
        const level = stockLevel(available);
        return { storeId: store._id, storeName: store.name, available, level, levelText: STOCK_LEVEL_TEXT[level] };
      }),
    })),
  };
}
