/** The hourly care jobs after moving the local cloud's clock: each task cause once, scores, expiry, timer-only. */
import { ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';
import { heatWeekKey } from '../../../shared/rules/heat';

const t = useMembershipCloud();

type Task = { _id: string; cause: string; ownerStaffId: string | null; status: string; dueAt: Date; context: { couponName: string | null } };

async function tasksOf(memberId: string): Promise<Task[]> {
  return ((await t.db.collection('tasks').where({ memberId }).get()) as unknown as { data: Task[] }).data;
}

async function memberDoc(id: string) {
  return ((await t.db.collection('members').doc(id).get()) as unknown as { data: Record<string, any> }).data;
}

/** Runs the job the way overlapping timers would: twice at once, then once more. */
async function runJobs() {
  await Promise.all([t.cloud.client.trigger('care-jobs'), t.cloud.client.trigger('care-jobs')]);
  return t.cloud.client.trigger<Record<string, any>>('care-jobs');
}

test('refuses anything but its timer', async () => {
  const answer = await t.cloud.client.invoke('care-jobs', { openid: 'o-admin' }, { Type: 'Timer' });
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('a birthday task once, on the day the brand says (3 days before), owned by the serving clerk', async () => {
  await t.cloud.client.setClock('2026-11-10T10:00:00+08:00');
  const id = ok(await t.member('o-bday')('join', { scene: 's=S01&c=CLK001', consent, phone: { number: '13600001111' }, profile: { name: '周岚', birthday: '1990-11-20' } })).card.memberId;
  await runJobs();
  expect(await tasksOf(id)).toEqual([]);
  await t.cloud.client.setClock('2026-11-17T09:00:00+08:00');
  await runJobs();
  const tasks = await tasksOf(id);
  expect(tasks.map((task) => [task._id, task.cause, task.ownerStaffId])).toEqual([[`birthday:${id}:2026`, 'birthday', 'st-clerk1']]);
  expect((await memberDoc(id)).autoTags).toContain('auto:birth_month');
});

test('a dormant task once per dormant spell, and the segment follows', async () => {
  await t.cloud.client.setClock('2026-06-01T10:00:00+08:00');
  const id = ok(await t.member('o-sleepy')('join', { scene: 's=S01&c=CLK001', consent, phone: { number: '13600002222' } })).card.memberId;
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 50_000, orderNo: 'D-1', categories: ['外套'] }));
  await runJobs();
  expect((await memberDoc(id)).segment).toBe('new');
  await t.cloud.client.setClock('2026-09-01T10:00:00+08:00');
  await runJobs();
  const dormant = (await tasksOf(id)).filter((task) => task.cause === 'dormant');
  expect(dormant.map((task) => task._id)).toEqual([`dormant:${id}:S01_D-1`]);
  expect((await memberDoc(id)).segment).toBe('dormant');
  await t.cloud.client.setClock('2026-09-20T10:00:00+08:00');
  await runJobs();
  expect((await tasksOf(id)).filter((task) => task.cause === 'dormant')).toHaveLength(1);
});

test('a churn warning once when the gap since the last purchase passes twice the usual one', async () => {
  await t.cloud.client.setClock('2026-07-01T10:00:00+08:00');
  const id = ok(await t.member('o-regular')('join', { scene: 's=S01&c=CLK001', consent, phone: { number: '13600003333' } })).card.memberId;
  for (const [day, order] of [['2026-07-01', 'R-1'], ['2026-07-11', 'R-2'], ['2026-07-21', 'R-3'], ['2026-07-31', 'R-4']]) {
    await t.cloud.client.setClock(`${day}T10:00:00+08:00`);
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 10_000, orderNo: order }));
  }
  await t.cloud.client.setClock('2026-08-15T10:00:00+08:00');
  await runJobs();
  expect((await tasksOf(id)).filter((task) => task.cause === 'churn')).toEqual([]);
  await t.cloud.client.setClock('2026-08-21T10:00:00+08:00');
  await runJobs();
  await runJobs();
  expect((await tasksOf(id)).filter((task) => task.cause === 'churn').map((task) => task._id)).toEqual([`churn:${id}:S01_R-4`]);
});

test('a coupon about to expire unused makes one task, naming the coupon', async () => {
  await t.cloud.client.setClock('2026-10-01T10:00:00+08:00');
  const id = ok(await t.member('o-holder')('join', { scene: 's=S01&c=CLK001', consent, phone: { number: '13600004444' } })).card.memberId;
  const validUntil = new Date('2026-10-03T16:00:00Z');
  await t.db.collection('coupons').add({
    data: {
      _id: 'c-expiring', grantKey: 'manual:test:1', slotKey: 'none:c-expiring', templateId: 'T1', templateName: '满300减50', memberId: id,
      rule: { kind: 'amount_off', thresholdFen: 30_000, offFen: 5_000 }, stackable: false, storeIds: [], validFrom: new Date('2026-09-01T00:00:00Z'),
      validUntil, dueAt: validUntil, status: 'unused', source: 'manual', grantedMonth: '202609', grantedAt: new Date('2026-09-01T00:00:00Z'), grantedBy: 'st-manager',
      usedAt: null, usedPurchaseId: null, usedStoreId: null, discountFen: 0, usedSaleFen: 0, pointsSpent: 0, history: [],
    } as never,
  });
  await runJobs();
  await runJobs();
  const tasks = (await tasksOf(id)).filter((task) => task.cause === 'coupon_expiring');
  expect(tasks.map((task) => [task._id, task.context.couponName])).toEqual([['coupon:c-expiring', '满300减50']]);
  const view = ok(await t.care('o-clerk1')('tasks', { bucket: 'overdue' }));
  const all = [...view.tasks, ...ok(await t.care('o-clerk1')('tasks', { bucket: 'today' })).tasks];
  expect(all.find((task) => task.taskId === 'coupon:c-expiring')?.script).toContain('满300减50');
});

test('open tasks long past due expire', async () => {
  await t.cloud.client.setClock('2026-12-30T10:00:00+08:00');
  await runJobs();
  const open = ((await t.db.collection('tasks').where({ status: 'open', dueAt: t.db.command.lt(new Date('2026-12-23T02:00:00Z')) }).count()) as { total: number }).total;
  expect(open).toBe(0);
  const expired = ((await t.db.collection('tasks').where({ status: 'expired', closedReason: 'overdue' }).count()) as { total: number }).total;
  expect(expired).toBeGreaterThan(0);
});

test('the nightly pass scores every member once a day: RFM for buyers, the week\'s heat, norms', async () => {
  await t.cloud.client.setClock('2027-01-05T02:10:00+08:00');
  const first = await t.cloud.client.trigger<Record<string, any>>('care-jobs');
  expect(first.scores).toMatchObject({ status: 'done' });
  expect(first.scores.members).toBe(4);
  const again = await t.cloud.client.trigger<Record<string, any>>('care-jobs');
  expect(again.scores.status).toBe('skipped');
  const { data } = (await t.db.collection('members').where({ purchaseCount: t.db.command.gt(0) }).get()) as unknown as { data: Array<Record<string, any>> };
  for (const member of data) {
    expect(member.rfm === null || [member.rfm.r, member.rfm.f, member.rfm.m].every((n: number) => n >= 1 && n <= 5)).toBe(true);
    expect(member.heatWeeks['2027-W01']).toBe(member.heat);
  }
  const norms = ((await t.db.collection('job_state').doc('score-norms').get()) as unknown as { data: { data: { brand: { spendReferenceFen: number } } } }).data;
  expect(norms.data.brand.spendReferenceFen).toBeGreaterThan(0);
});

test('a churn warning once when the heat index falls two weeks in a row (the nightly pass makes the member due)', async () => {
  await t.cloud.client.setClock('2027-01-02T10:00:00+08:00');
  const id = ok(await t.member('o-cooling')('join', { scene: 's=S01&c=CLK001', consent, phone: { number: '13600005555' } })).card.memberId;
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 20_000, orderNo: 'H-1' }));
  await runJobs();
  const night = new Date('2027-03-01T02:30:00+08:00');
  const week = (daysBack: number) => heatWeekKey(new Date(night.getTime() - daysBack * 86_400_000));
  // Two earlier weeks much warmer than anything this member scores now: this week's score makes two falls.
  await t.db.collection('members').doc(id).update({ data: { heatWeeks: { [week(14)]: 95, [week(7)]: 90 } } });
  await t.cloud.client.setClock(night.toISOString());
  const run = await t.cloud.client.trigger<Record<string, any>>('care-jobs');
  expect(run.scores.status).toBe('done');
  const doc = await memberDoc(id);
  expect(doc.heatWeeks[week(0)]).toBeLessThan(90);
  await runJobs();
  expect((await tasksOf(id)).filter((task) => task.cause === 'churn').map((task) => task._id)).toEqual([`churn:${id}:S01_H-1`]);
});

describe('post-purchase follow-ups: the after-purchase journey makes them, not the care jobs', () => {
  /** The every-minute automation job, as overlapping timers would run it: twice at once, then once more. */
  async function runAutomation() {
    await Promise.all([t.cloud.client.trigger('automation-jobs'), t.cloud.client.trigger('automation-jobs')]);
    await t.cloud.client.trigger('automation-jobs');
  }
  const followUps = async (id: string) =>
    (await tasksOf(id))
      .filter((task) => ['thanks', 'recommend', 'revisit'].includes(task.cause))
      .map((task) => ({ key: task._id, status: task.status, reason: (task as Task & { closedReason: string | null }).closedReason }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  let id = '';

  test('+1, +7 and +30 days after a purchase, once however often either job runs', async () => {
    await t.cloud.client.setClock('2027-04-01T09:00:00+08:00');
    // The first run makes the built-in journeys; after-purchase care is on from then (earlier sales do not enter).
    await t.cloud.client.trigger('automation-jobs');
    id = ok(await t.member('o-buyer')('join', { scene: 's=S01&c=CLK001', consent, phone: { number: '13600006666' } })).card.memberId;
    await t.cloud.client.setClock('2027-04-01T10:00:00+08:00');
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 30_000, orderNo: 'P-1', categories: ['外套'] }));
    await runJobs();
    expect(await followUps(id)).toEqual([]);
    await runAutomation();
    await runAutomation();
    await runJobs();
    const tasks = (await tasksOf(id)).filter((task) => ['thanks', 'recommend', 'revisit'].includes(task.cause));
    const bought = ((await t.db.collection('purchases').doc('S01_P-1').get()) as unknown as { data: { paidAt: Date } }).data.paidAt.getTime();
    expect(tasks.map((task) => [task._id, task.cause, task.ownerStaffId, task.status, (task.dueAt.getTime() - bought) / 86_400_000]).sort()).toEqual([
      ['recommend:S01_P-1', 'recommend', 'st-clerk1', 'open', 7],
      ['revisit:S01_P-1', 'revisit', 'st-clerk1', 'open', 30],
      ['thanks:S01_P-1', 'thanks', 'st-clerk1', 'open', 1],
    ]);
    expect(await memberDoc(id)).not.toHaveProperty('postPurchaseFor');
  });

  test('a newer purchase supersedes the open ones and brings its own', async () => {
    await t.cloud.client.setClock('2027-04-03T15:00:00+08:00');
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 12_000, orderNo: 'P-2', categories: ['鞋履'] }));
    await runAutomation();
    await runJobs();
    expect(await followUps(id)).toEqual([
      { key: 'recommend:S01_P-1', status: 'expired', reason: 'superseded' },
      { key: 'recommend:S01_P-2', status: 'open', reason: null },
      { key: 'revisit:S01_P-1', status: 'expired', reason: 'superseded' },
      { key: 'revisit:S01_P-2', status: 'open', reason: null },
      { key: 'thanks:S01_P-1', status: 'expired', reason: 'superseded' },
      { key: 'thanks:S01_P-2', status: 'open', reason: null },
    ]);
  });

  // The after-purchase run is 'done' as soon as its task steps ran (no wait): the void reaches it through
  // the member's journey visit, which ends a run whose purchase is gone, finished or not.
  test('a void of the purchase closes its open follow-ups; the earlier purchase gets none back', async () => {
    await t.cloud.client.setClock('2027-04-04T11:00:00+08:00');
    ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: 'S01_P-2', reason: '退货' }));
    await runAutomation();
    await runJobs();
    const after = await followUps(id);
    expect(after.filter((task) => task.status === 'open')).toEqual([]);
    expect(after.filter((task) => task.key.endsWith('P-2')).map((task) => task.status)).toEqual(['expired', 'expired', 'expired']);
    expect(after).toHaveLength(6);
  });
});
