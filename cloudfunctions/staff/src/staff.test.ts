/** The `staff` function end to end: purchases, idempotency, concurrency, voids, roles. */
import { failed, ledgerSum as sumOfLedger, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();
let memberId: string;
const clerk = () => t.staff('o-clerk1');

beforeAll(async () => {
  memberId = ok(await t.member('o-buyer')('join', { scene: 's=S01', consent, phone: { number: '13811112222' } })).card.memberId;
});

const ledgerSum = (id: string) => sumOfLedger(t, id);

async function memberDoc(id: string) {
  return ((await t.db.collection('members').doc(id).get()) as unknown as { data: Record<string, any> }).data;
}

test('staff actions refuse shoppers and disabled staff', async () => {
  expect(failed(await t.staff('o-buyer')('recordPurchase', { memberId, amountFen: 100, orderNo: 'X1' }))).toBe('NOT_STAFF');
  expect(failed(await t.staff('o-gone')('recordPurchase', { memberId, amountFen: 100, orderNo: 'X1' }))).toBe('STAFF_DISABLED');
  expect(ok(await t.staff('o-gone')('me'))).toBeNull();
  expect(ok(await t.staff('o-buyer')('me'))).toBeNull();
  expect(ok(await clerk()('me'))).toMatchObject({ name: '李导购', role: 'clerk', storeId: 'S01', storeName: '旗舰店' });
});

test('a purchase earns points and growth; crossing two thresholds jumps to gold at once', async () => {
  const small = ok(await clerk()('recordPurchase', { memberId, amountFen: 9_999, orderNo: 'A-0001', categories: ['上装'] }));
  expect(small).toMatchObject({ duplicate: false, upgraded: false, pointsBalance: 100 + 99, purchase: { pointsEarned: 99, growthAdded: 99, storeName: '旗舰店', staffName: '李导购' } });

  const big = ok(await clerk()('recordPurchase', { memberId, amountFen: 500_000, orderNo: 'A-0002' }));
  expect(big).toMatchObject({ upgraded: true, tierBefore: { id: 'normal' }, tierAfter: { id: 'gold', name: '金卡' } });
  expect(big.purchase.pointsEarned).toBe(5000);
  expect(big.pointsBalance).toBe(100 + 99 + 5000);

  const gold = ok(await clerk()('recordPurchase', { memberId, amountFen: 10_000, orderNo: 'A-0003' }));
  expect(gold.purchase.pointsEarned).toBe(150);
  const { data: changes } = (await t.db.collection('tier_changes').where({ memberId }).get()) as { data: Array<Record<string, unknown>> };
  expect(changes).toEqual([expect.objectContaining({ from: 'normal', to: 'gold', reason: 'purchase', purchaseId: 'S01_A-0002' })]);
  expect(await ledgerSum(memberId)).toBe((await memberDoc(memberId)).pointsBalance);
});

test('the same order number never counts twice; a different amount under it is refused', async () => {
  const before = (await memberDoc(memberId)).pointsBalance;
  const again = ok(await clerk()('recordPurchase', { memberId, amountFen: 10_000, orderNo: 'A-0003' }));
  expect(again.duplicate).toBe(true);
  expect(again.pointsBalance).toBe(before);
  expect(failed(await clerk()('recordPurchase', { memberId, amountFen: 20_000, orderNo: 'A-0003' }))).toBe('ORDER_CONFLICT');
  // another store may use the same order number: it is a different till
  ok(await t.staff('o-clerk2')('recordPurchase', { memberId, amountFen: 100, orderNo: 'A-0003' }));
});

test('two tills submitting one order at the same moment record it once', async () => {
  const results = (await Promise.all([
    clerk()('recordPurchase', { memberId, amountFen: 3_000, orderNo: 'RACE-1' }),
    t.staff('o-manager')('recordPurchase', { memberId, amountFen: 3_000, orderNo: 'RACE-1' }),
    clerk()('recordPurchase', { memberId, amountFen: 3_000, orderNo: 'RACE-1' }),
  ])).map(ok);
  expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  expect(((await t.db.collection('points_ledger').where({ purchaseId: 'S01_RACE-1' }).count()) as { total: number }).total).toBe(1);
});

test('20 concurrent purchases for one member sum exactly', async () => {
  const fresh = ok(await t.member('o-busy')('join', { consent, phone: { number: '13822223333' } })).card.memberId;
  const results = await Promise.all(
    Array.from({ length: 20 }, (_u, i) => clerk()('recordPurchase', { memberId: fresh, amountFen: 10_000 + i * 100, orderNo: `BURST-${i}` })),
  );
  results.forEach((r) => ok(r));
  const expectedPoints = 100 + Array.from({ length: 20 }, (_u, i) => Math.floor((10_000 + i * 100) / 100)).reduce((a, b) => a + b, 0);
  const doc = await memberDoc(fresh);
  expect(doc.purchaseCount).toBe(20);
  expect(doc.totalSpendFen).toBe(20 * 10_000 + 100 * 190);
  // the 10th purchase crosses 1000 growth: later ones earn at the silver rate, so the total is at least the base
  expect(doc.pointsBalance).toBeGreaterThanOrEqual(expectedPoints);
  expect(await ledgerSum(fresh)).toBe(doc.pointsBalance);
  expect(doc.tierId).toBe('silver');
});

test('voiding reverses points and growth, takes back the upgrade it caused, and only once', async () => {
  const fresh = ok(await t.member('o-void')('join', { consent, phone: { number: '13833334444' } })).card.memberId;
  ok(await clerk()('recordPurchase', { memberId: fresh, amountFen: 60_000, orderNo: 'V-1' }));
  const up = ok(await clerk()('recordPurchase', { memberId: fresh, amountFen: 50_000, orderNo: 'V-2' }));
  expect(up.tierAfter.id).toBe('silver');

  const voided = ok(await clerk()('voidPurchase', { purchaseId: up.purchase.purchaseId, reason: '顾客退货' }));
  expect(voided).toMatchObject({ alreadyVoided: false, pointsReversed: 500, pointsBalance: 100 + 600, tierAfter: { id: 'normal' }, purchase: { status: 'voided' } });
  const twice = ok(await clerk()('voidPurchase', { purchaseId: up.purchase.purchaseId }));
  expect(twice).toMatchObject({ alreadyVoided: true, pointsReversed: 0, pointsBalance: 700 });
  expect(await ledgerSum(fresh)).toBe(700);
  const card = ok(await t.staff('o-manager')('customer', { memberId: fresh }));
  expect(card.growth).toBe(600);
  expect(card.recentPurchases.map((p) => [p.orderNo, p.status])).toEqual([
    ['V-2', 'voided'],
    ['V-1', 'valid'],
  ]);
  expect(failed(await t.staff('o-clerk2')('voidPurchase', { purchaseId: 'S01_V-1' }))).toBe('PURCHASE_OTHER_STORE');
  expect(failed(await clerk()('voidPurchase', { purchaseId: 'S01_NOPE' }))).toBe('PURCHASE_NOT_FOUND');
});

test('bad purchase input is refused with field messages and writes nothing', async () => {
  const before = ((await t.db.collection('purchases').count()) as { total: number }).total;
  for (const payload of [
    { memberId, amountFen: 0, orderNo: 'Z-1' },
    { memberId, amountFen: 12.5, orderNo: 'Z-1' },
    { memberId, amountFen: 100, orderNo: '' },
    { memberId, amountFen: 100, orderNo: '订单1' },
  ]) {
    expect(failed(await clerk()('recordPurchase', payload))).toBe('INVALID_INPUT');
  }
  expect(failed(await clerk()('recordPurchase', { memberId: 'no-such-member', amountFen: 100, orderNo: 'Z-2' }))).toBe('MEMBER_NOT_FOUND');
  expect(((await t.db.collection('purchases').count()) as { total: number }).total).toBe(before);
});
