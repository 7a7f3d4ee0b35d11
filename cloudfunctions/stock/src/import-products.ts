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
import { getById, insertOnce, requireStaff } from '../../../server/queries';

/**
 * The admin's product import. The whole file is checked first (every bad line reported, by number):
 * one problem and nothing is written. A good file is written as products and stock rows by id, each
 * write saying the whole row, so an import cut short (a timeout) is finished by importing the same file
 * again. A stock row keeps the units held for customers: the file sets what is on hand, the holds stay
 * reserved (setOnHand).
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
      writes.push(() => setOnHand(p.sku, storeId, onHand, ctx.now));
    }
  }
  await forEachLimited(writes, 8, Number.POSITIVE_INFINITY, (write) => write().then(() => undefined));
  await audit(staff, { action: 'settings_change', detail: `导入商品 ${parsed.products.length} 个` }, ctx.now);
  return { products: parsed.products.length, stockRows: writes.length - parsed.products.length };
}

/** Reads of a row whose reserved units keep moving before the import gives up (each miss is someone else's progress). */
const MAX_STOCK_ATTEMPTS = 50;

/**
 * One store's row: on hand from the file, reserved as the holds left it, available the difference. A hold
 * accepted or released between the read and the write must not be lost, so the write is conditional on
 * the reserved units read (compare and set; a new row is added under its key, which fails if one appeared).
 */
async function setOnHand(sku: string, storeId: string, onHand: number, now: Date): Promise<void> {
  const id = `${sku}:${storeId}`;
  const rows = db.collection<StockDoc>(C.stock);
  for (let attempt = 0; attempt < MAX_STOCK_ATTEMPTS; attempt++) {
    const existing = await getById<StockDoc>(C.stock, id);
    if (!existing) {
      if (await insertOnce<StockDoc>(C.stock, { _id: id, sku, storeId, onHand, reserved: 0, available: onHand, updatedAt: now })) return;
      continue;
    }
    const available = Math.max(0, onHand - existing.reserved);
    // Already so (the same file again): no write, which also never meets an update that changes nothing and counts 0.
    if (existing.onHand === onHand && existing.available === available) return;
    const { stats } = await rows.where({ _id: id, reserved: existing.reserved }).update({ data: { onHand, available, updatedAt: now } });
    if (stats.updated === 1) return;
  }
  throw new AppError('BUSY');
}
