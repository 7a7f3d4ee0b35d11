/** Subscription messages end to end: the quota ledger, the outbox, quiet hours, the cap, refusals and retries. */
import { ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();
let seq = 0;
const requestId = () => `req-${String(++seq).padStart(6, '0')}`;

type Message = { _id: string; status: string; dueAt: Date | null; attempts: Array<{ result: string; errCode: number | null }>; heldFor: string | null; template: string };

async function doc(collection: string, id: string) {
  return ((await t.db.collection(collection).doc(id).get()) as unknown as { data: Record<string, any> }).data;
}

async function messagesOf(memberId: string): Promise<Message[]> {
  return ((await t.db.collection('messages').where({ memberId }).get()) as unknown as { data: Message[] }).data;
}

async function join(openid: string, phone: string): Promise<string> {
  return ok(await t.member(openid)('join', { scene: 's=S01&c=CLK001', consent, phone: { number: phone } })).card.memberId;
}

const jobs = () => t.cloud.client.trigger<Record<string, any>>('automation-jobs');
const sale = (memberId: string, orderNo: string, amountFen = 10_000) => t.staff('o-clerk1')('recordPurchase', { memberId, amountFen, orderNo, categories: [] });

test('refuses anything but its timer', async () => {
  const answer = await t.cloud.client.invoke('automation-jobs', { openid: 'o-admin' }, { Type: 'Timer' });
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('an acceptance is counted once per prompt, however often the report is sent', async () => {
  await t.cloud.client.setClock('2026-12-01T10:00:00+08:00');
  await join('o-sub', '13500000001');
  const id = requestId();
  const first = ok(await t.member('o-sub')('subscribe', { requestId: id, accepted: ['points_changed', 'coupon_arrived'], rejected: ['tier_upgraded'] }));
  const again = ok(await t.member('o-sub')('subscribe', { requestId: id, accepted: ['points_changed', 'coupon_arrived'] }));
  expect(again).toEqual(first);
  expect(first.subscriptions.find((s) => s.key === 'points_changed')).toMatchObject({ remaining: 1, templateId: 'local-points-changed', title: '积分变动提醒' });
  const card = ok(await t.member('o-sub')('card'));
  expect(card.subscriptions.find((s) => s.key === 'coupon_arrived')?.remaining).toBe(1);
  expect(card.subscriptions.find((s) => s.key === 'tier_upgraded')?.remaining).toBe(0);
});

test('3 acceptances → 3 sends: each sale after that makes no message, and the ledger sums to the quota', async () => {
  await t.cloud.client.setClock('2026-12-01T10:00:00+08:00');
  const memberId = await join('o-three', '13500000002');
  for (let i = 0; i < 3; i++) ok(await t.member('o-three')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  for (let i = 1; i <= 4; i++) {
    ok(await sale(memberId, `Q-${i}`));
    await jobs();
  }
  const sent = await t.cloud.client.outbox({ touser: 'o-three' });
  expect(sent.map((m) => m.templateId)).toEqual(['local-points-changed', 'local-points-changed', 'local-points-changed']);
  expect(sent[0].data).toMatchObject({ thing1: { value: '消费积分（订单 Q-1）' }, character_string2: { value: '+100' } });
  expect((await messagesOf(memberId)).map((m) => [m._id, m.status])).toEqual([
    ['points:S01_Q-1', 'sent'],
    ['points:S01_Q-2', 'sent'],
    ['points:S01_Q-3', 'sent'],
  ]);
  expect((await doc('members', memberId)).messageQuota.points_changed).toBe(0);
  const { data: ledger } = (await t.db.collection('message_quota_ledger').where({ memberId }).get()) as unknown as { data: Array<{ delta: number; kind: string }> };
  expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(0);
  expect(ledger.filter((e) => e.kind === 'sent')).toHaveLength(3);
});

test('a sale recorded twice (a retry) makes one message; two overlapping senders send it once', async () => {
  await t.cloud.client.setClock('2026-12-01T11:00:00+08:00');
  const memberId = await join('o-twice', '13500000003');
  ok(await t.member('o-twice')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  ok(await t.member('o-twice')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  await Promise.all([sale(memberId, 'T-1'), sale(memberId, 'T-1')]);
  await Promise.all([jobs(), jobs(), jobs()]);
  expect(await t.cloud.client.outbox({ touser: 'o-twice' })).toHaveLength(1);
  expect((await doc('members', memberId)).messageQuota.points_changed).toBe(1);
});

test('43101: one attempt, not retried, and the quota the ledger still counted is cleared', async () => {
  await t.cloud.client.setClock('2026-12-01T12:00:00+08:00');
  const memberId = await join('o-refuse', '13500000004');
  ok(await t.member('o-refuse')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  ok(await t.member('o-refuse')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  await t.cloud.client.refuseMessages('o-refuse');
  ok(await sale(memberId, 'R-1'));
  await jobs();
  await t.cloud.client.advanceClock('2h');
  await jobs();
  const [message] = await messagesOf(memberId);
  expect(message).toMatchObject({ status: 'refused', dueAt: null });
  expect(message.attempts.map((a) => [a.result, a.errCode])).toEqual([['refused', 43101]]);
  expect((await doc('members', memberId)).messageQuota.points_changed).toBe(0);
  expect(await t.cloud.client.outboxAttempts({ touser: 'o-refuse' })).toHaveLength(1);
});

test('a transient failure is retried with backoff and then sent; past the attempts it gives the acceptance back', async () => {
  await t.cloud.client.setClock('2026-12-01T13:00:00+08:00');
  const memberId = await join('o-flaky', '13500000005');
  ok(await t.member('o-flaky')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  await t.cloud.client.failMessages('o-flaky', 2);
  ok(await sale(memberId, 'F-1'));
  await jobs();
  let [message] = await messagesOf(memberId);
  expect(message).toMatchObject({ status: 'pending' });
  expect((await doc('members', memberId)).messageQuota.points_changed).toBe(1);
  await jobs(); // not due yet: the first retry waits a minute
  expect(await t.cloud.client.outboxAttempts({ touser: 'o-flaky' })).toHaveLength(1);
  await t.cloud.client.advanceClock('61s');
  await jobs();
  await t.cloud.client.advanceClock('301s');
  await jobs();
  [message] = await messagesOf(memberId);
  expect(message.attempts.map((a) => a.result)).toEqual(['transient', 'transient', 'sent']);
  expect(message.status).toBe('sent');
  expect((await doc('members', memberId)).messageQuota.points_changed).toBe(0);

  ok(await t.member('o-flaky')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  await t.cloud.client.failMessages('o-flaky', 10);
  ok(await sale(memberId, 'F-2'));
  for (const wait of ['0s', '61s', '301s', '1801s', '7201s']) {
    await t.cloud.client.advanceClock(wait);
    await jobs();
  }
  const second = (await messagesOf(memberId)).find((m) => m._id === 'points:S01_F-2')!;
  expect(second.status).toBe('failed');
  expect(second.attempts.map((a) => a.result)).toEqual(['transient', 'transient', 'transient', 'transient']);
  expect((await doc('members', memberId)).messageQuota.points_changed).toBe(1);
});

test('quiet hours hold a message until 09:00 by the local clock', async () => {
  await t.cloud.client.setClock('2026-12-01T22:30:00+08:00');
  const memberId = await join('o-night', '13500000006');
  ok(await t.member('o-night')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  ok(await sale(memberId, 'N-1'));
  await jobs();
  await t.cloud.client.setClock('2026-12-02T08:59:00+08:00');
  await jobs();
  expect(await t.cloud.client.outbox({ touser: 'o-night' })).toEqual([]);
  const [held] = await messagesOf(memberId);
  expect(held).toMatchObject({ status: 'pending', heldFor: 'quiet' });
  expect(held.dueAt!.toISOString()).toBe('2026-12-02T01:00:00.000Z');
  await t.cloud.client.setClock('2026-12-02T09:00:30+08:00');
  await jobs();
  const sent = await t.cloud.client.outbox({ touser: 'o-night' });
  expect(sent).toHaveLength(1);
  expect(sent[0].sentAt.slice(0, 16)).toBe('2026-12-02T01:00');
});

test('the marketing cap: a second marketing message the same day waits for the next morning; transactional ones do not', async () => {
  await t.cloud.client.setClock('2026-12-03T10:00:00+08:00');
  const draft = ok(
    await t.coupons('o-admin')('saveTemplate', {
      name: '会员礼券',
      rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 1_000 },
      validity: { type: 'days', days: 30, startsNextDay: false },
      limits: { totalStock: null, perMember: null, perMemberMonthly: null },
      claimable: false,
    }),
  );
  ok(await t.coupons('o-admin')('setTemplateStatus', { templateId: draft.templateId, status: 'active' }));
  const memberId = ok(await t.member('o-capped')('join', { scene: 's=S02', consent, phone: { number: '13500000007' } })).card.memberId;
  ok(await t.member('o-capped')('subscribe', { requestId: requestId(), accepted: ['coupon_arrived', 'points_changed'] }));
  ok(await t.member('o-capped')('subscribe', { requestId: requestId(), accepted: ['coupon_arrived'] }));
  const audience = { segments: [], tierIds: [], tags: [], storeIds: ['S02'] };
  for (const name of ['周三礼券', '周三加赠']) {
    ok(await t.automation('o-admin')('createCampaign', { name, audience, couponTemplateId: draft.templateId, notify: true, fallbackTasks: false, sendAt: null, requestId: requestId() }));
    await jobs();
  }
  ok(await t.staff('o-clerk2')('recordPurchase', { memberId, amountFen: 5_000, orderNo: 'CAP-1', categories: [] }));
  await jobs();
  expect((await t.cloud.client.outbox({ touser: 'o-capped' })).map((m) => m.templateId)).toEqual(['local-coupon-arrived', 'local-points-changed']);
  const held = (await messagesOf(memberId)).find((m) => m.status === 'pending')!;
  expect(held).toMatchObject({ template: 'coupon_arrived', heldFor: 'cap' });
  // Capped until midnight, then quiet until 09:00.
  await t.cloud.client.setClock('2026-12-04T08:00:00+08:00');
  await jobs();
  expect(await t.cloud.client.outbox({ touser: 'o-capped' })).toHaveLength(2);
  await t.cloud.client.setClock('2026-12-04T09:00:30+08:00');
  await jobs();
  expect(await t.cloud.client.outbox({ touser: 'o-capped' })).toHaveLength(3);
});

test('a manual point adjustment tells her once, however often the manager retries it', async () => {
  await t.cloud.client.setClock('2026-12-05T11:00:00+08:00');
  const memberId = await join('o-adjusted', '13500000008');
  ok(await t.member('o-adjusted')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  ok(await t.member('o-adjusted')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  const adjust = { memberId, points: 200, reason: '活动补偿', requestId: requestId() };
  await Promise.all([t.care('o-manager')('adjustPoints', adjust), t.care('o-manager')('adjustPoints', adjust)]);
  await jobs();
  const sent = await t.cloud.client.outbox({ touser: 'o-adjusted' });
  expect(sent.map((m) => [m.data.thing1.value, m.data.character_string2.value])).toEqual([['人工调整（活动补偿）', '+200']]);
});

test('a run that died between sending and settling: the next run settles the message unknown and never sends it again', async () => {
  await t.cloud.client.setClock('2026-12-06T11:00:00+08:00');
  const memberId = await join('o-crashed', '13500000009');
  ok(await t.member('o-crashed')('subscribe', { requestId: requestId(), accepted: ['points_changed'] }));
  ok(await sale(memberId, 'K-1'));
  // As a sender leaves it when it dies after the send went out: claimed, quota taken, lease running.
  await t.db.collection('messages').doc('points:S01_K-1').update({ data: { status: 'sending', dueAt: new Date('2026-12-06T03:10:00Z') } });
  await jobs();
  expect((await messagesOf(memberId))[0].status).toBe('sending');
  await t.cloud.client.advanceClock('11m');
  await jobs();
  await jobs();
  const [message] = await messagesOf(memberId);
  expect(message).toMatchObject({ status: 'unknown', dueAt: null });
  expect(message.attempts.map((a) => a.result)).toEqual(['unknown']);
  expect(await t.cloud.client.outboxAttempts({ touser: 'o-crashed' })).toEqual([]);
});
