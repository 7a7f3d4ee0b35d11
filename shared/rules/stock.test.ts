import { parseProductCsv, stockLevel } from './stock';

const stores = new Set(['S01', 'S02']);

describe('product import', () => {
  test('a good file: products with prices in fen and stock per store', () => {
    const csv = ['sku,name,category,price,picture,barcode,S01,S02', 'TS-001,"羊绒围巾, 灰",配饰,399,https://img.example.com/1.jpg,6901234567890,12,0', 'TS-002,针织开衫,上装,459.5,,,3,8', ''].join('\n');
    const result = parseProductCsv(csv, stores);
    expect(result).toEqual({
      ok: true,
      products: [
        { sku: 'TS-001', name: '羊绒围巾, 灰', category: '配饰', priceFen: 39_900, pictureUrl: 'https://img.example.com/1.jpg', barcode: '6901234567890', stock: { S01: 12, S02: 0 } },
        { sku: 'TS-002', name: '针织开衫', category: '上装', priceFen: 45_950, pictureUrl: '', barcode: '', stock: { S01: 3, S02: 8 } },
      ],
    });
  });
  test('bad lines are reported by line number and nothing is imported', () => {
    const csv = ['sku,name,category,price,picture,barcode,S01', 'A1,好的,上装,10,,,1', 'A 2,,上装,abc,ftp://x,12,-1', 'A1,重复,上装,10,,,1'].join('\n');
    const result = parseProductCsv(csv, stores);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(result.errors[0].message).toContain('SKU只能包含');
    expect(result.errors[0].message).toContain('价格应为元');
    expect(result.errors[0].message).toContain('S01 库存应为');
    expect(result.errors[1].message).toBe('SKU与第2行重复');
  });
  test('a header naming an unknown store, or in the wrong order', () => {
    expect(parseProductCsv('sku,name,category,price,picture,barcode,S09\n', stores)).toEqual({ ok: false, errors: [{ line: 1, message: '门店 S09 不存在' }] });
    expect(parseProductCsv('name,sku,category,price,picture,barcode\n', stores).ok).toBe(false);
  });
  test('levels: 0 无货, up to 3 少量, more 有货', () => {
    expect([0, 1, 3, 4].map(stockLevel)).toEqual(['out', 'low', 'low', 'in_stock']);
  });
});
