import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { StockContract } from '../../../shared/contracts/stock';
import { parseProductCsv } from '../../../shared/rules/stock';
import { audit } from '../../../server/audit';
import { db } from '../../../server/cloud';
import { storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type ProductDoc, type StockDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { forEachLimited } from '../../../server/concurrency';
import { getById, requireStaff } from '../../../server/queries';

/**
 * The admin's product import. The whole file is checked first (every bad line reported, by number):
 * one problem and nothing is written. A good file is written as products and stock rows by id — set,
 * not add — so an import cut short (a timeout) is finished by importing the same file again. A stock
 * row keeps the units held for customers: the file sets what is on hand, the holds stay reserved.
 */
export async function importProducts(input: ParsedInputOf<StockContract, 'importProducts'>, ctx: RequestContext): Promise<{ products: number; stockRows: number }> {
  const staff = await requireStaff(ctx.openid);
  if (staff.role !== 'admin') throw new AppError('FORBIDDEN');
  const stores = await storeDirectory();
  const parsed = parseProductCsv(input.csv, new Set(stores.keys()));
  if (!parsed.ok) throw new AppError('IMPORT_INVALID', Object.fromEntries(parsed.errors.slice(0, 50).map((e) => [`第${e.line}行`, e.message])));
  const writes: Array<() => Promise<unknown>> = [];
  for (const p of parsed.products) {
    const doc: ProductDoc = { name: p.name, category: p.category, priceFen: p.priceFen, pictureUrl: p.pictureUrl, barcode: p.barcode, updatedAt: ctx.now };
    writes.push(() => db.collection<ProductDoc>(C.products).doc(p.sku).set({ data: doc }));
    for (const [storeId, onHand] of Object.entries(p.stock)) {
      writes.push(async () => {
        const id = `${p.sku}:${storeId}`;
        const existing = await getById<StockDoc>(C.stock, id);
        const reserved = existing?.reserved ?? 0;
        await db.collection<StockDoc>(C.stock).doc(id).set({ data: { sku: p.sku, storeId, onHand, reserved, available: Math.max(0, onHand - reserved), updatedAt: ctx.now } });
      });
    }
  }
  await forEachLimited(writes, 8, Number.POSITIVE_INFINITY, (write) => write().then(() => undefined));
  await audit(staff, { action: 'settings_change', detail: `导入商品 ${parsed.products.length} 个` }, ctx.now);
  return { products: parsed.products.length, stockRows: writes.length - parsed.products.length };
}
