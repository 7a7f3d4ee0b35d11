/** Stock across stores: the CSV import (all or nothing), lookup in every store, holds under contention, expiry. */
import { failed, ok, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();
let seq = 0;
const requestId = () => `req-${String(++seq).padStart(6, '0')}`;

const CSV = ['sku,name,category,price,picture,barcode,S01,S02', 'CS-001,羊绒围巾,配饰,399,,6901234567890,2,10', 'CS-002,针织开衫,上装,459.50,,,0,3'].join('\n');

async function stockOf(id: string) {
  return ((await t.db.collection('stock').doc(id).get()) as unknown as { data: { onHand: number; reserved: number; available: number } }).data;
}

test('an import with bad lines reports them by line and writes nothing; a good one imports all; only admins', async () => {
  const bad = await t.stock('o-admin')('importProducts', { csv: `${CSV}\nCS 3,,上装,abc,,,1,1` });
  expect(failed(bad)).toBe('IMPORT_INVALID');
  expect(bad.ok ? null : bad.error.fields).toEqual({ 第4行: expect.stringContaining('SKU只能包含') });
  expect(((await t.db.collection('products').count()) as { total: number }).total).toBe(0);
  expect(failed(await t.stock('o-manager')('importProducts', { csv: CSV }))).toBe('FORBIDDEN');
  expect(ok(await t.stock('o-admin')('importProducts', { csv: CSV }))).toEqual({ products: 2, stockRows: 4 });
  // Importing the same file again is the same state.
  ok(await t.stock('o-admin')('importProducts', { csv: CSV }));
  expect(await stockOf('CS-001:S02')).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
});

test('a clerk finds a product by name, SKU or barcode with its stock in every store', async () => {
  const byName = ok(await t.stock('o-clerk1')('search', { q: '围巾' }));
  expect(byName.products.map((p) => p.sku)).toEqual(['CS-001']);
  expect(byName.products[0].stores.map((s) => [s.storeId, s.available, s.levelText])).toEqual([
    ['S01', 2, '少量'],
    ['S02', 10, '有货'],
  ]);
  expect(ok(await t.stock('o-clerk1')('search', { q: '6901234567890' })).products[0].sku).toBe('CS-001');
  expect(ok(await t.stock('o-clerk1')('search', { q: 'CS-002' })).products[0].stores[0].levelText).toBe('无货');
});

test('fifty holds asked for the last ten units, accepted at once by the other store: ten succeed, stock never below zero', async () => {
  ok(await t.stock('o-admin')('importProducts', { csv: ['sku,name,category,price,picture,barcode,S02', 'CS-009,限量托特包,配饰,899,,,10'].join('\n') }));
  const asked = await Promise.all(Array.from({ length: 50 }, () => t.stock('o-clerk1')('requestHold', { kind: 'hold', sku: 'CS-009', quantity: 1, fromStoreId: 'S02', days: 3, requestId: requestId() })));
  const ids = asked.map((a) => ok(a).hold.id);
  const decided = await Promise.all(ids.map((holdId) => t.stock('o-clerk2')('decideHold', { holdId, accept: true })));
  expect(decided.filter((d) => d.ok)).toHaveLength(10);
  expect(decided.filter((d) => !d.ok).map((d) => failed(d))).toEqual(Array(40).fill('STOCK_NOT_ENOUGH'));
  expect(await stockOf('CS-009:S02')).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
  // Deciding twice, or from another store, changes nothing.
  expect(failed(await t.stock('o-clerk2')('decideHold', { holdId: ids[0], accept: false }))).toBe('HOLD_DECIDED');
  expect(failed(await t.stock('o-manager')('decideHold', { holdId: ids[0], accept: true }))).toBe('HOLD_OTHER_STORE');
  const incoming = ok(await t.stock('o-clerk2')('holds', { box: 'incoming' }));
  expect(incoming.holds.filter((h) => h.status === 'accepted')).toHaveLength(10);
});

test('an import racing the acceptance of holds keeps every reserved unit: on hand from the file, reserved from the holds', async () => {
  const csv = (onHand: number) => ['sku,name,category,price,picture,barcode,S02', `CS-010,羊毛贝雷帽,配饰,199,,,${onHand}`].join('\n');
  ok(await t.stock('o-admin')('importProducts', { csv: csv(20) }));
  const asked = await Promise.all(Array.from({ length: 20 }, () => t.stock('o-clerk1')('requestHold', { kind: 'hold', sku: 'CS-010', quantity: 1, fromStoreId: 'S02', days: 3, requestId: requestId() })));
  // Each acceptance side by side with an import of a different count (so every import writes): twenty races.
  for (const [i, a] of asked.entries()) {
    const [decided] = await Promise.all([t.stock('o-clerk2')('decideHold', { holdId: ok(a).hold.id, accept: true }), t.stock('o-admin')('importProducts', { csv: csv(30 + (i % 2)) })]);
    ok(decided);
  }
  const row = await stockOf('CS-010:S02');
  expect([30, 31]).toContain(row.onHand);
  expect(row).toMatchObject({ reserved: 20, available: row.onHand - 20 });
});

test('a repeated request is the same hold; an accepted hold lapses and gives its units back once', async () => {
  const first = ok(await t.stock('o-clerk1')('requestHold', { kind: 'transfer', sku: 'CS-001', quantity: 2, fromStoreId: 'S02', days: 1, requestId: 'hold-again-01' }));
  const again = ok(await t.stock('o-clerk1')('requestHold', { kind: 'transfer', sku: 'CS-001', quantity: 2, fromStoreId: 'S02', days: 1, requestId: 'hold-again-01' }));
  expect(again.hold.id).toBe(first.hold.id);
  expect(first.hold.pickupStoreName).toBe('旗舰店');
  ok(await t.stock('o-clerk2')('decideHold', { holdId: first.hold.id, accept: true }));
  expect(await stockOf('CS-001:S02')).toMatchObject({ reserved: 2, available: 8 });
  await t.cloud.client.advanceClock('25h');
  await Promise.all([t.cloud.client.trigger('care-jobs'), t.cloud.client.trigger('care-jobs')]);
  expect(await stockOf('CS-001:S02')).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
  expect(ok(await t.stock('o-clerk1')('holds', { box: 'outgoing' })).holds.find((h) => h.id === first.hold.id)?.status).toBe('expired');
});
