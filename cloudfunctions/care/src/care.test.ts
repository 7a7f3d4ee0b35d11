/** The care function end to end: lists, visibility, profile, tags, interactions, tasks, point adjustments, audit. */
import { failed, ledgerSum, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();
const clerk = () => t.care('o-clerk1');
const otherStoreClerk = () => t.care('o-clerk2');
const manager = () => t.care('o-manager');
const admin = () => t.care('o-admin');
const ids: Record<string, string> = {};

async function join(openid: string, phone: string, name: string, scene = 's=S01&c=CLK001') {
  return ok(await t.member(openid)('join', { scene, consent, phone: { number: phone }, profile: { name } })).card.memberId;
}

async function count(collection: string, where: Record<string, unknown> = {}) {
  return ((await t.db.collection(collection).where(where).count()) as { total: number }).total;
}

beforeAll(async () => {
  await t.cloud.client.setClock('2026-11-02T09:00:00+08:00');
  // The automation job's first run makes the built-in journeys: after-purchase follow-ups from then on.
  await t.cloud.client.trigger('automation-jobs');
  await t.cloud.client.setClock('2026-11-02T10:00:00+08:00');
  ids.chen = await join('o-chen', '13900001234', '陈静');
  ids.lin = await join('o-lin', '13900005678', '林悦');
  ids.zhang = await join('o-zhang', '13900009999', '张敏', 's=S01');
  ids.far = await join('o-far', '13900001111', '王远', 's=S02&c=CLK002');
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: ids.chen, amountFen: 128_000, orderNo: 'C-1', categories: ['连衣裙'] }));
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: ids.lin, amountFen: 30_000, orderNo: 'C-2', categories: ['童装'] }));
}, 60_000);

describe('lists and visibility', () => {
  test('a clerk lists the customers they serve, newest visit first, and finds one by the last 4 digits', async () => {
    const mine = ok(await clerk()('customers', { scope: 'mine' }));
    expect(mine.customers.map((c) => c.name)).toEqual(['林悦', '陈静']);
    expect(mine.customers[0]).toMatchObject({ phoneMasked: '139****5678', servingStaffName: '李导购', tierName: '普通会员' });
    const byTail = ok(await clerk()('customers', { scope: 'store', q: '1234' }));
    expect(byTail.customers.map((c) => c.memberId)).toEqual([ids.chen]);
    const byName = ok(await clerk()('customers', { scope: 'store', q: '张' }));
    expect(byName.customers.map((c) => c.memberId)).toEqual([ids.zhang]);
    expect(JSON.stringify(mine)).not.toContain('13900005678');
    expect(mine.tiers.map((tier) => tier.id)).toEqual(['normal', 'silver', 'gold', 'diamond']);
  });

  test('sorting by spend and paging by cursor reach every customer once', async () => {
    const first = ok(await manager()('customers', { scope: 'store', sort: 'spend', limit: 2 }));
    expect(first.customers.map((c) => c.name)).toEqual(['陈静', '林悦']);
    expect(first.nextCursor).not.toBeNull();
    const second = ok(await manager()('customers', { scope: 'store', sort: 'spend', limit: 2, cursor: first.nextCursor! }));
    expect(second.customers.map((c) => c.name)).toEqual(['张敏']);
    expect(second.nextCursor).toBeNull();
  });

  test("nobody but an admin sees another store's list or customers", async () => {
    expect(failed(await clerk()('customers', { scope: 'store', storeId: 'S02' }))).toBe('CUSTOMER_OUT_OF_SCOPE');
    expect(failed(await manager()('customers', { scope: 'all' }))).toBe('FORBIDDEN');
    expect(failed(await otherStoreClerk()('profile', { memberId: ids.chen }))).toBe('CUSTOMER_OUT_OF_SCOPE');
    expect(ok(await otherStoreClerk()('customers', { scope: 'store' })).customers.map((c) => c.memberId)).toEqual([ids.far]);
    const all = ok(await admin()('customers', { scope: 'all', limit: 50 }));
    expect(all.customers.map((c) => c.memberId).sort()).toEqual(Object.values(ids).sort());
  });

  test('a clerk sees a masked phone and cannot reveal it; the manager can, and both looks are audited', async () => {
    const seen = ok(await clerk()('profile', { memberId: ids.chen }));
    expect(seen).toMatchObject({ phoneMasked: '139****1234', phoneRevealable: false, can: { adjustPoints: false } });
    expect(JSON.stringify(seen)).not.toContain('13900001234');
    expect(failed(await clerk()('revealPhone', { memberId: ids.chen }))).toBe('FORBIDDEN');
    expect(ok(await manager()('revealPhone', { memberId: ids.chen }))).toEqual({ phone: '13900001234' });
    expect(await count('audit_log', { memberId: ids.chen, action: 'profile_view', staffId: 'st-clerk1' })).toBe(1);
    expect(await count('audit_log', { memberId: ids.chen, action: 'phone_reveal', staffId: 'st-manager' })).toBe(1);
  });
});

describe('profile', () => {
  test('one call: figures, categories, heat with its reasons, tasks and coupons of the member', async () => {
    const before = await t.cloud.client.invocations({ functionName: 'care', limit: 1 });
    const view = ok(await clerk()('profile', { memberId: ids.chen }));
    expect(view.figures).toMatchObject({ lifetimeSpendFen: 128_000, spend12mFen: 128_000, visits: 1, averageTicketFen: 128_000 });
    expect(view.preferredCategories).toEqual([{ name: '连衣裙', count: 1 }]);
    expect(view.heat.parts.map((p) => p.key)).toEqual(['recency', 'frequency', 'spend', 'interactions', 'coupons']);
    expect(view.heat.parts.reduce((sum, p) => sum + p.points, 0)).toBe(view.heat.score);
    expect(view.heat.summary).toMatch(/热度/);
    expect(view.purchases.map((p) => p.orderNo)).toEqual(['C-1']);
    const [latest] = await t.cloud.client.invocations({ functionName: 'care', limit: 1 });
    expect(latest.id).not.toBe(before[0]?.id);
    const requests = Object.values(latest.requests).reduce((a, b) => a + b, 0);
    expect(requests).toBeLessThanOrEqual(6 + 3); // 6 on a warm instance; a cold one also fills its caches
  });
});

describe('tags', () => {
  test('manual tags from the store list; automatic ones cannot be set by hand', async () => {
    const tag = ok(await manager()('createTag', { name: '爱穿搭' })).tag;
    expect(ok(await manager()('createTag', { name: '爱穿搭' })).tag.id).toBe(tag.id);
    expect(failed(await clerk()('createTag', { name: '随便' }))).toBe('FORBIDDEN');
    const otherStore = ok(await admin()('createTag', { name: '五角场专属', storeId: 'S02' })).tag;
    expect(ok(await clerk()('tagDefinitions')).tags.map((x) => x.name)).toEqual(['爱穿搭']);
    expect(ok(await clerk()('setTags', { memberId: ids.chen, tagIds: [tag.id] })).tags).toEqual([expect.objectContaining({ name: '爱穿搭', auto: false })]);
    expect(failed(await clerk()('setTags', { memberId: ids.chen, tagIds: [otherStore.id] }))).toBe('TAG_NOT_FOUND');
    expect(failed(await clerk()('setTags', { memberId: ids.chen, tagIds: ['auto:high_ticket'] }))).toBe('TAG_AUTO');
    const filtered = ok(await clerk()('customers', { scope: 'store', tag: tag.id }));
    expect(filtered.customers.map((c) => c.memberId)).toEqual([ids.chen]);
  });
});

describe('interactions and tasks', () => {
  test('an interaction is logged once per request and shared by the store', async () => {
    const payload = { memberId: ids.lin, kind: 'call' as const, outcome: 'reached' as const, note: '询问尺码', requestId: 'req-interaction-1' };
    const [a, b] = await Promise.all([clerk()('logInteraction', payload), clerk()('logInteraction', payload)]);
    expect(ok(a).interaction.interactionId).toBe(ok(b).interaction.interactionId);
    expect(await count('interactions', { memberId: ids.lin })).toBe(1);
    const list = ok(await manager()('interactions', { memberId: ids.lin }));
    expect(list.interactions).toEqual([expect.objectContaining({ kind: 'call', note: '询问尺码', staffName: '李导购' })]);
  });

  test('the after-purchase journey makes each post-purchase task once, however often and concurrently the jobs run', async () => {
    const runs = await Promise.all([t.cloud.client.trigger('automation-jobs'), t.cloud.client.trigger('automation-jobs'), t.cloud.client.trigger('automation-jobs')]);
    expect(runs).toHaveLength(3);
    await t.cloud.client.trigger('automation-jobs');
    await t.cloud.client.trigger('care-jobs');
    const keys = ((await t.db.collection('tasks').where({ memberId: ids.chen }).get()) as unknown as { data: Array<{ _id: string; cause: string; ownerStaffId: string }> }).data;
    expect(keys.map((k) => k._id).sort()).toEqual(['recommend:S01_C-1', 'revisit:S01_C-1', 'thanks:S01_C-1']);
    expect(keys.every((k) => k.ownerStaffId === 'st-clerk1')).toBe(true);
    // 张敏 has no serving clerk: nothing due for her yet, and nothing made for her
    expect(await count('tasks', { memberId: ids.zhang })).toBe(0);
  });

  test('today, overdue and upcoming by the Shanghai day; a new purchase supersedes the open ones', async () => {
    await t.cloud.client.setClock('2026-11-03T12:00:00+08:00');
    const today = ok(await clerk()('tasks', { bucket: 'today' }));
    expect(today.tasks.map((task) => task.taskId).sort()).toEqual(['thanks:S01_C-1', 'thanks:S01_C-2']);
    expect(today.counts).toEqual({ overdue: 0, today: 2, upcoming: 4 });
    expect(today.tasks[0].script).toContain('连衣裙');
    await t.cloud.client.setClock('2026-11-05T12:00:00+08:00');
    expect(ok(await clerk()('tasks', { bucket: 'overdue' })).tasks).toHaveLength(2);
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId: ids.lin, amountFen: 8_800, orderNo: 'C-3', categories: ['童装'] }));
    await t.cloud.client.trigger('automation-jobs');
    const lin = ((await t.db.collection('tasks').where({ memberId: ids.lin }).get()) as unknown as { data: Array<{ _id: string; status: string; closedReason: string | null }> }).data;
    const byId = Object.fromEntries(lin.map((task) => [task._id, `${task.status}:${task.closedReason}`]));
    expect(byId).toMatchObject({ 'thanks:S01_C-2': 'expired:superseded', 'revisit:S01_C-2': 'expired:superseded', 'thanks:S01_C-3': 'open:null' });
  });

  test('completing a task records the outcome and an interaction in one step, once', async () => {
    const payload = { taskId: 'thanks:S01_C-1', status: 'done' as const, kind: 'wechat' as const, outcome: 'interested' as const, note: '想看新款' };
    const [a, b] = await Promise.all([clerk()('completeTask', payload), clerk()('completeTask', payload)]);
    expect(ok(a).task.status).toBe('done');
    expect(ok(b).task.status).toBe('done');
    expect(await count('interactions', { taskId: 'thanks:S01_C-1' })).toBe(1);
    expect(failed(await otherStoreClerk()('completeTask', { ...payload, taskId: 'recommend:S01_C-1' }))).toBe('TASK_NOT_YOURS');
    const closed = ok(await clerk()('tasks', { bucket: 'closed' }));
    expect(closed.tasks.find((task) => task.taskId === 'thanks:S01_C-1')).toMatchObject({ outcome: 'interested' });
  });

  test('a manual task once per request; bad input writes nothing', async () => {
    const payload = { memberId: ids.zhang, title: '约试衣', dueDate: '2026-11-06', requestId: 'req-task-0001' };
    const [a, b] = await Promise.all([clerk()('createTask', payload), clerk()('createTask', payload)]);
    expect(ok(a).task.taskId).toBe(ok(b).task.taskId);
    const before = await count('tasks');
    expect(failed(await clerk()('createTask', { ...payload, title: '', requestId: 'req-task-0002' }))).toBe('INVALID_INPUT');
    expect(failed(await clerk()('createTask', { ...payload, dueDate: '2026-13-01', requestId: 'req-task-0003' }))).toBe('INVALID_INPUT');
    expect(failed(await clerk()('logInteraction', { memberId: ids.zhang, kind: 'fax', outcome: 'reached', requestId: 'req-bad-00001' } as never))).toBe('INVALID_INPUT');
    expect(await count('tasks')).toBe(before);
  });
});

describe('point adjustments', () => {
  test('a manager adjusts with a reason, once per request, audited; the ledger still sums; clerks may not', async () => {
    const payload = { memberId: ids.chen, points: 200, reason: '活动补偿', requestId: 'req-adjust-001' };
    const [a, b] = await Promise.all([manager()('adjustPoints', payload), manager()('adjustPoints', payload)]);
    expect(ok(a).pointsBalance).toBe(ok(b).pointsBalance);
    expect(failed(await clerk()('adjustPoints', { ...payload, requestId: 'req-adjust-002' }))).toBe('FORBIDDEN');
    expect(failed(await manager()('adjustPoints', { ...payload, points: -1_000_000, requestId: 'req-adjust-003' }))).toBe('POINTS_ADJUST_TOO_LOW');
    expect(failed(await manager()('adjustPoints', { ...payload, reason: '', requestId: 'req-adjust-004' }))).toBe('INVALID_INPUT');
    const member = ((await t.db.collection('members').doc(ids.chen).get()) as unknown as { data: { pointsBalance: number } }).data;
    expect(await ledgerSum(t, ids.chen)).toBe(member.pointsBalance);
    expect(await count('audit_log', { memberId: ids.chen, action: 'points_adjust' })).toBe(1);
  });

  test("a manager gives a customer another clerk of the store, with the open tasks; audited; clerks may not", async () => {
    await t.db.collection('staff').add({ data: { _id: 'st-clerk5', openid: 'o-clerk5', code: 'CLK005', name: '吴导购', role: 'clerk', storeId: 'S01', status: 'active', inviteCode: 'SEEDCLK5', boundAt: new Date() } as never });
    expect(failed(await clerk()('reassign', { memberId: ids.chen, staffId: 'st-clerk5' }))).toBe('FORBIDDEN');
    expect(failed(await manager()('reassign', { memberId: ids.chen, staffId: 'st-clerk2' }))).toBe('CUSTOMER_OUT_OF_SCOPE');
    expect(ok(await manager()('reassign', { memberId: ids.chen, staffId: 'st-clerk5' }))).toEqual({ servingStaffId: 'st-clerk5', servingStaffName: '吴导购' });
    expect(await count('tasks', { memberId: ids.chen, status: 'open', ownerStaffId: 'st-clerk1' })).toBe(0);
    expect(await count('tasks', { memberId: ids.chen, status: 'open', ownerStaffId: 'st-clerk5' })).toBeGreaterThan(0);
    expect(ok(await t.care('o-clerk5')('customers', { scope: 'mine' })).customers.map((c) => c.memberId)).toEqual([ids.chen]);
    expect(await count('audit_log', { memberId: ids.chen, action: 'reassign' })).toBe(1);
  });

  test('the audit log is for admins, by staff, customer or day', async () => {
    expect(failed(await manager()('audit', {}))).toBe('FORBIDDEN');
    const byMember = ok(await admin()('audit', { memberId: ids.chen }));
    expect(new Set(byMember.entries.map((e) => e.action))).toEqual(new Set(['profile_view', 'phone_reveal', 'points_adjust', 'reassign']));
    expect(byMember.entries[0]).toMatchObject({ memberName: '陈静' });
    const byStaff = ok(await admin()('audit', { staffId: 'st-manager' }));
    expect(byStaff.entries.every((e) => e.staffName === '王店长')).toBe(true);
    expect(ok(await admin()('audit', { day: '2026-11-02' })).entries.length).toBeGreaterThan(0);
    expect(ok(await admin()('audit', { day: '2020-01-01' })).entries).toEqual([]);
  });
});
