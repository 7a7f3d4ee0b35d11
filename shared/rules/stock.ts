/**
 * Stock across stores: how much a store has for a customer, and the product import. Pure: the CSV is
 * checked whole before anything is written, so a file with one bad line imports nothing.
 */
export type StockLevel = 'in_stock' | 'low' | 'out';

/** At or below this many available units a store shows 少量. */
export const LOW_STOCK = 3;

export function stockLevel(available: number): StockLevel {
  if (available <= 0) return 'out';
  return available <= LOW_STOCK ? 'low' : 'in_stock';
}

export const STOCK_LEVEL_TEXT: Record<StockLevel, string> = { in_stock: '有货', low: '少量', out: '无货' };

export interface ImportedProduct {
  sku: string;
  name: string;
  category: string;
  priceFen: number;
  pictureUrl: string;
  barcode: string;
  /** Units on hand per store id (stores not in the file keep what they have). */
  stock: Record<string, number>;
}

export type ImportResult = { ok: true; products: ImportedProduct[] } | { ok: false; errors: Array<{ line: number; message: string }> };

const FIXED = ['sku', 'name', 'category', 'price', 'picture', 'barcode'] as const;
const SKU = /^[0-9A-Za-z_-]{1,32}$/;
const PRICE = /^\d{1,7}(\.\d{1,2})?$/;

/** Splits one CSV line, honouring double quotes ("a, b" and "" inside quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  out.push(current.trim());
  return out;
}

/**
 * The products and per-store stock of a CSV whose header is `sku,name,category,price,picture,barcode`
 * followed by one column per store id (`S01,S02…`, units on hand). Every problem is reported with its
 * line number (1 = the header); any problem means nothing is imported.
 */
export function parseProductCsv(text: string, storeIds: ReadonlySet<string>): ImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: Array<{ line: number; message: string }> = [];
  const header = cells(lines[0] ?? '').map((h) => h.trim());
  FIXED.forEach((name, i) => {
    if (header[i]?.toLowerCase() !== name) errors.push({ line: 1, message: `第${i + 1}列应为 ${name}` });
  });
  const storeColumns = header.slice(FIXED.length);
  for (const store of storeColumns) if (!storeIds.has(store)) errors.push({ line: 1, message: `门店 ${store} 不存在` });
  if (errors.length) return { ok: false, errors };
  const products: ImportedProduct[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === '') return;
    const row = cells(raw);
    const problems: string[] = [];
    const [sku, name, category, price, picture, barcode] = row;
    if (row.length !== header.length) problems.push(`应有${header.length}列，实际${row.length}列`);
    if (!SKU.test(sku ?? '')) problems.push('SKU只能包含字母、数字、-和_，最多32位');
    else if (seen.has(sku)) problems.push(`SKU与第${seen.get(sku)}行重复`);
    if (!name || [...name].length > 40) problems.push('商品名称不能为空，最多40字');
    if ([...(category ?? '')].length > 20) problems.push('品类最多20字');
    if (!PRICE.test(price ?? '')) problems.push('价格应为元，最多两位小数');
    if (picture && !/^https:\/\/\S+$/.test(picture)) problems.push('图片地址应以 https:// 开头');
    if (barcode && !/^\d{8,14}$/.test(barcode)) problems.push('条码应为8–14位数字');
    const stock: Record<string, number> = {};
    storeColumns.forEach((store, i) => {
      const value = row[FIXED.length + i] ?? '';
      if (!/^\d{1,6}$/.test(value)) problems.push(`${store} 库存应为不小于0的整数`);
      else stock[store] = Number(value);
    });
    if (problems.length) {
      errors.push({ line, message: problems.join('；') });
      return;
    }
    seen.set(sku, line);
    const [yuan, cents = ''] = price.split('.');
    products.push({ sku, name, category: category ?? '', priceFen: Number(yuan) * 100 + Number(cents.padEnd(2, '0')), pictureUrl: picture ?? '', barcode: barcode ?? '', stock });
  });
  if (!products.length && !errors.length) errors.push({ line: 2, message: '文件中没有商品' });
  return errors.length ? { ok: false, errors } : { ok: true, products };
}
