/** The daily jobs after moving the local cloud's clock: tier review and points expiry. */
import { ledgerSum, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();

async function memberDoc(id: string) {
  return ((await t.db.collection('members').doc(id).get()) as unknown as { data: Record<string, any> }).data;
}

test('a year without purchases moves a diamond member down one tier per review, never two at once', async () => {
  await t.cloud.client.setClock('2026-03-10T10:00:00+08:00');
  const id = ok(await t.member('o-vip')('join', { consent, phone: { number: '13855556666' } })).card.memberId;
  const quiet = ok(await t.member('o-quiet')('join', { consent, phone: { number: '13855557777' } })).card.memberId;
  const bought = ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 2_100_000, orderNo: 'VIP-1' }));
  expect(bought.tierAfter.id).toBe('diamond');

  const early = (await t.cloud.client.trigger('member-jobs')) as { review: { visited: number; downgraded: number } };
  expect(early.review).toMatchObject({ visited: 0, downgraded: 0 });

  await t.cloud.client.setClock('2027-03-11T10:00:00+08:00');
  const first = (await t.cloud.client.trigger('member-jobs')) as { review: { visited: number; downgraded: number } };
  expect(first.review).toMatchObject({ visited: 1, downgraded: 1 });
  expect((await memberDoc(id)).tierId).toBe('gold');
  expect((await memberDoc(quiet)).tierId).toBe('normal');

  const sameDay = (await t.cloud.client.trigger('member-jobs')) as { review: { downgraded: number } };
  expect(sameDay.review.downgraded).toBe(0);
  expect((await memberDoc(id)).tierId).toBe('gold');

  await t.cloud.client.advanceClock('1d');
  await t.cloud.client.trigger('member-jobs');
  expect((await memberDoc(id)).tierId).toBe('silver');
  const { data: changes } = (await t.db.collection('tier_changes').where({ memberId: id }).orderBy('at', 'asc').get()) as unknown as {
    data: Array<{ from: string; to: string; reason: string }>;
  };
  expect(changes.map((c) => `${c.from}>${c.to}:${c.reason}`)).toEqual(['normal>diamond:purchase', 'diamond>gold:review', 'gold>silver:review']);
});

test('points expire at the end of the year after they were earned, with ledger entries', async () => {
  await t.cloud.client.setClock('2026-06-01T12:00:00+08:00');
  const id = ok(await t.member('o-saver')('join', { consent, phone: { number: '13866667777' } })).card.memberId;
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 30_000, orderNo: 'SAVE-1' }));
  await t.cloud.client.setClock('2027-02-01T12:00:00+08:00');
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 20_000, orderNo: 'SAVE-2' }));

  await t.cloud.client.setClock('2027-12-31T23:59:00+08:00');
  const card = ok(await t.member('o-saver')('card'));
  expect(card.points).toMatchObject({ balance: 100 + 300 + 200, expiringThisYear: 400 });
  await t.cloud.client.trigger('member-jobs');
  expect((await memberDoc(id)).pointsBalance).toBe(600);

  await t.cloud.client.setClock('2028-01-01T03:30:00+08:00');
  const run = (await t.cloud.client.trigger('member-jobs')) as { expiry: { visited: number; points: number } };
  // other members' 2026 points expire in the same run; this member's share is checked below
  expect(run.expiry.points).toBeGreaterThanOrEqual(400);
  const doc = await memberDoc(id);
  expect(doc.pointsBalance).toBe(200);
  const history = ok(await t.member('o-saver')('pointsHistory', { limit: 10 }));
  expect(history.entries.filter((e) => e.type === 'expire').map((e) => [e.points, e.reason]).sort()).toEqual([
    [-100, '2026年积分到期'],
    [-300, '2026年积分到期'],
  ]);
  const again = (await t.cloud.client.trigger('member-jobs')) as { expiry: { points: number } };
  expect(again.expiry.points).toBe(0);

  // paging: 2 per page walks all 5 entries newest first, each exactly once
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const result = ok(await t.member('o-saver')('pointsHistory', { limit: 2, ...(cursor ? { cursor } : {}) }));
    seen.push(...result.entries.map((e) => e.id));
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  expect(seen).toEqual(history.entries.map((e) => e.id));
  expect(seen).toHaveLength(5);
});

test('only the timer trigger runs the jobs: a mini-program user gets FORBIDDEN and nothing moves', async () => {
  await t.cloud.client.setClock('2028-06-01T12:00:00+08:00');
  const id = ok(await t.member('o-sneaky')('join', { consent, phone: { number: '13866660001' } })).card.memberId;
  await t.cloud.client.setClock('2030-02-01T12:00:00+08:00'); // the welcome points are long due to expire
  for (const data of [{}, { Type: 'Timer', TriggerName: 'daily-member-jobs' }, { Type: 'timer' }]) {
    const result = await t.cloud.client.invoke('member-jobs', { openid: 'o-sneaky' }, data);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  expect((await memberDoc(id)).pointsBalance).toBe(100);
  const run = (await t.cloud.client.trigger('member-jobs')) as { expiry: { visited: number } };
  expect(run.expiry.visited).toBeGreaterThanOrEqual(1);
  expect((await memberDoc(id)).pointsBalance).toBe(0);
});

test('voiding a purchase after its points expired takes nothing more: no second loss, no debt', async () => {
  await t.cloud.client.setClock('2031-05-01T12:00:00+08:00');
  const id = ok(await t.member('o-late-void')('join', { consent, phone: { number: '13866660002' } })).card.memberId;
  const bought = ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 30_000, orderNo: 'LATE-1' }));
  expect(bought.pointsBalance).toBe(400);
  await t.cloud.client.setClock('2033-01-01T03:30:00+08:00');
  await t.cloud.client.trigger('member-jobs');
  expect((await memberDoc(id)).pointsBalance).toBe(0);

  const voided = ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: bought.purchase.purchaseId, reason: '退货' }));
  expect(voided).toMatchObject({ pointsReversed: 0, pointsBalance: 0 });
  const doc = await memberDoc(id);
  expect(doc).toMatchObject({ pointsBalance: 0, pointsDebt: 0, purchaseCount: 0, totalSpendFen: 0, lastPurchaseAt: null });
  expect(await ledgerSum(t, id)).toBe(0);
});

test('points history reaches every entry exactly once when 60+ share one instant (one expiry entry per lot)', async () => {
  await t.cloud.client.setClock('2034-03-01T12:00:00+08:00');
  const id = ok(await t.member('o-regular')('join', { consent, phone: { number: '13866660003' } })).card.memberId;
  for (let i = 0; i < 64; i++) ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 1_000 + i, orderNo: `REG-${i}` }));
  await t.cloud.client.setClock('2036-01-01T03:30:00+08:00');
  await t.cloud.client.trigger('member-jobs');
  const all = ((await t.db.collection('points_ledger').where({ memberId: id }).limit(1000).get()) as unknown as { data: Array<{ _id: string; type: string }> }).data;
  expect(all.filter((e) => e.type === 'expire')).toHaveLength(65);

  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = ok(await t.member('o-regular')('pointsHistory', { limit: 20, ...(cursor ? { cursor } : {}) }));
    seen.push(...result.entries.map((e) => e.id));
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  expect(seen).toHaveLength(all.length);
  expect(new Set(seen).size).toBe(all.length);
  expect(new Set(seen)).toEqual(new Set(all.map((e) => e._id)));
});
