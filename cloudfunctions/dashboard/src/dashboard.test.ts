/**
 * The dashboard's daily rollups are exact: after sales (with and without coupons), a void of an older
 * sale, joins and closed tasks over several days, every rollup equals what a rebuild from the raw
 * records gives. And who sees what: a manager their store, an admin every store and the comparison.
 */
import { ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';
import { shanghaiDayKey } from '../../../shared/time/shanghai';

const t = useMembershipCloud();
let seq = 0;
const requestId = () => `req-${String(++seq).padStart(6, '0')}`;

type Row = Record<string, any>;
async function all(collection: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (;;) {
    const { data } = (await t.db.collection(collection).skip(rows.length).limit(1000).get()) as unknown as { data: Row[] };
    rows.push(...data);
    if (data.length < 1000) return rows;
  }
}

const careJobs = () => t.cloud.client.trigger('care-jobs');

async function join(openid: string, phone: string, scene: string): Promise<string> {
  return ok(await t.member(openid)('join', { scene, consent, phone: { number: phone } })).card.memberId;
}

/** What each store's day should say, worked out here from the raw records alone. */
async function rebuilt() {
  const [purchases, members, tasks] = await Promise.all([all('purchases'), all('members'), all('tasks')]);
  // A repeat purchase is one after the member's first visit, voided or not (firstPurchaseAt stays).
  const firstOf = new Map<string, number>();
  for (const p of purchases.sort((a, b) => a.paidAt - b.paidAt)) if (!firstOf.has(p.memberId)) firstOf.set(p.memberId, p.paidAt.getTime());
  const days = new Map<string, Row>();
  const at = (storeId: string, when: Date) => {
    const key = `${storeId}:${shanghaiDayKey(when)}`;
    if (!days.has(key)) days.set(key, { purchases: 0, salesFen: 0, discountFen: 0, couponsUsed: 0, repeatPurchases: 0, buyers: new Set(), newMembers: 0, tasksDone: 0, tasksClosed: 0 });
    return days.get(key)!;
  };
  for (const p of purchases.filter((p) => p.status === 'valid')) {
    const d = at(p.storeId, p.paidAt);
    d.purchases++;
    d.salesFen += p.paidFen;
    d.discountFen += p.discountFen;
    d.couponsUsed += p.couponIds.length;
    if (firstOf.get(p.memberId) !== p.paidAt.getTime()) d.repeatPurchases++;
    d.buyers.add(p.memberId);
  }
  for (const m of members) if (m.homeStoreId) at(m.homeStoreId, m.joinedAt).newMembers++;
  for (const task of tasks.filter((task) => task.closedAt && task.storeId)) {
    const d = at(task.storeId, task.closedAt);
    d.tasksClosed++;
    if (task.status === 'done') d.tasksDone++;
  }
  return new Map([...days].map(([key, d]) => [key, { ...d, buyers: d.buyers.size }]));
}

test('rollups equal a rebuild from the raw records after sales, coupons, a void and closed tasks', async () => {
  const draft = ok(
    await t.coupons('o-admin')('saveTemplate', {
      name: '满100减20',
      rule: { kind: 'cash', thresholdFen: 10_000, amountOffFen: 2_000 },
      validity: { type: 'days', days: 30, startsNextDay: false },
      limits: { totalStock: null, perMember: null, perMemberMonthly: null },
      claimable: true,
    }),
  );
  ok(await t.coupons('o-admin')('setTemplateStatus', { templateId: draft.templateId, status: 'active' }));

  await t.cloud.client.setClock('2026-11-20T10:00:00+08:00');
  const a = await join('o-dash-a', '13300000001', 's=S01&c=CLK001');
  const b = await join('o-dash-b', '13300000002', 's=S01&c=CLK001');
  const c = await join('o-dash-c', '13300000003', 's=S02&c=CLK002');
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: a, amountFen: 30_000, orderNo: 'DA-1', categories: [] }));
  ok(await t.staff('o-clerk2')('recordPurchase', { memberId: c, amountFen: 12_000, orderNo: 'DC-1', categories: [] }));
  await careJobs();

  await t.cloud.client.setClock('2026-11-23T15:00:00+08:00');
  const coupon = ok(await t.coupons('o-dash-a')('claim', { templateId: draft.templateId, requestId: requestId() })).coupon;
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: a, amountFen: 25_000, orderNo: 'DA-2', categories: [], couponIds: [coupon.couponId] }));
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: b, amountFen: 8_000, orderNo: 'DB-1', categories: [] }));
  ok(await t.staff('o-manager')('recordPurchase', { memberId: b, amountFen: 9_900, orderNo: 'DB-2', categories: [] }));
  const task = ok(await t.care('o-clerk1')('createTask', { memberId: b, title: '回访', dueDate: '2026-11-23', requestId: requestId() })).task;
  ok(await t.care('o-clerk1')('completeTask', { taskId: task.taskId, status: 'done' }));
  await careJobs();

  // Days later, the first sale is voided: its day is marked and recomputed on the next run.
  await t.cloud.client.setClock('2026-11-26T11:00:00+08:00');
  ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: 'S01_DA-1', reason: '退货' }));
  await careJobs();

  const expected = await rebuilt();
  const rollups = await all('daily_rollups');
  for (const [key, want] of expected) {
    const got = rollups.find((r) => r._id === key);
    expect({ key, ...pick(got) }).toEqual({ key, ...want });
  }
  // Every rollup written agrees too (days without activity are zeros).
  for (const r of rollups) if (!expected.has(r._id)) expect(pick(r)).toEqual({ purchases: 0, salesFen: 0, discountFen: 0, couponsUsed: 0, repeatPurchases: 0, buyers: 0, newMembers: 0, tasksDone: 0, tasksClosed: 0 });
  expect(rollups.find((r) => r._id === 'S01:20261120')).toMatchObject({ purchases: 0, newMembers: 2 });
  expect(rollups.find((r) => r._id === 'S01:20261123')?.byStaff['st-clerk1']).toEqual({ purchases: 2, salesFen: 31_000, newMembers: 0, tasksDone: 1 });
  expect(await all('rollup_dirty')).toEqual([]);
});

function pick(r: Row | undefined) {
  if (!r) return undefined;
  const { purchases, salesFen, discountFen, couponsUsed, repeatPurchases, buyers, newMembers, tasksDone, tasksClosed } = r;
  return { purchases, salesFen, discountFen, couponsUsed, repeatPurchases, buyers, newMembers, tasksDone, tasksClosed };
}

test('a manager sees their store; an admin every store side by side; a clerk nothing — in a few requests', async () => {
  await t.cloud.client.setClock('2026-11-26T12:00:00+08:00');
  const mine = ok(await t.dashboard('o-manager')('overview', { range: '30' }));
  expect(mine.scopeName).toBe('旗舰店');
  expect(mine.stores).toEqual([{ id: 'S01', name: '旗舰店' }]);
  expect(mine.summary).toMatchObject({ purchases: 3, salesFen: 23_000 + 8_000 + 9_900, newMembers: 2, tasksDone: 1, taskCompletionPercent: 100 });
  expect(mine.summary.averageTicketFen).toBe(Math.round(40_900 / 3));
  expect(mine.series).toHaveLength(30);
  expect(mine.members).toMatchObject({ total: 2 });
  expect(mine.comparison).toEqual([]);
  expect(await t.dashboard('o-manager')('overview', { range: '30', storeId: 'S02' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await t.dashboard('o-clerk1')('overview', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  const brand = ok(await t.dashboard('o-admin')('overview', { range: '90' }));
  expect(brand.scopeName).toBe('全部门店');
  expect(brand.summary.purchases).toBe(4);
  expect(brand.comparison.map((s) => [s.storeId, s.purchases])).toEqual([
    ['S01', 3],
    ['S02', 1],
  ]);
  const [record] = await t.cloud.client.invocations({ functionName: 'dashboard', limit: 1 });
  const requests = Object.values(record.requests).reduce((n, x) => n + x, 0);
  expect(requests).toBeLessThanOrEqual(10);
  const month = ok(await t.dashboard('o-admin')('overview', { range: 'month', month: '2026-11' }));
  expect([month.from, month.to]).toEqual(['2026-11-01', '2026-11-26']);
});

test('campaigns sent in the range show their coupons granted and redeemed and the sales with them; a manager sees their store’s', async () => {
  await t.cloud.client.setClock('2026-11-27T10:00:00+08:00');
  const draft = ok(
    await t.coupons('o-admin')('saveTemplate', {
      name: '回馈券',
      rule: { kind: 'cash', thresholdFen: 5_000, amountOffFen: 1_000 },
      validity: { type: 'days', days: 30, startsNextDay: false },
      limits: { totalStock: null, perMember: null, perMemberMonthly: null },
      claimable: false,
    }),
  );
  ok(await t.coupons('o-admin')('setTemplateStatus', { templateId: draft.templateId, status: 'active' }));
  const audience = { segments: [], tierIds: [], tags: [], storeIds: ['S01'] };
  const created = ok(await t.automation('o-manager')('createCampaign', { name: '店庆回馈', audience, couponTemplateId: draft.templateId, notify: false, fallbackTasks: false, sendAt: null, requestId: 'dash-camp-01' }));
  await t.cloud.client.trigger('automation-jobs');
  const { data: coupons } = (await t.db.collection('coupons').where({ campaignId: created.id }).get()) as unknown as { data: Row[] };
  expect(coupons.length).toBeGreaterThanOrEqual(2);
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: coupons[0].memberId, amountFen: 12_000, orderNo: 'DC-1', categories: [], couponIds: [coupons[0]._id] }));

  const mine = ok(await t.dashboard('o-manager')('overview', { range: '7' }));
  expect(mine.campaigns).toEqual([
    expect.objectContaining({ id: created.id, name: '店庆回馈', granted: coupons.length, redeemed: 1, redemptionPercent: Math.round(100 / coupons.length), salesFen: 11_000 }),
  ]);
  expect(ok(await t.dashboard('o-admin')('overview', { range: '7' })).campaigns.map((c) => c.id)).toEqual([created.id]);
  // A range before it was sent shows none.
  expect(ok(await t.dashboard('o-admin')('overview', { range: 'month', month: '2026-10' })).campaigns).toEqual([]);
  const [record] = await t.cloud.client.invocations({ functionName: 'dashboard', limit: 1 });
  expect(Object.values(record.requests).reduce((n, x) => n + x, 0)).toBeLessThanOrEqual(10);
});
