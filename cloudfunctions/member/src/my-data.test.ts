/**
 * My data (PIPL) end to end: a member with traces in many collections sees and exports their data,
 * then closes the membership; afterwards no document anywhere holds their name, phone, OPENID or
 * birthday, the ledgers still add up, and the same WeChat and phone join again as a new member.
 */
import fs from 'node:fs';
import path from 'node:path';
import { failed, ledgerSum, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();

const PERSON = { openid: 'o-pipl-person', phone: '13912345678', name: '注销测试员', birthday: '1990-05-17' };
const COLLECTIONS: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../shared/db/collections.json'), 'utf8')).collections.map((c: { name: string }) => c.name);

async function everyDocument(collection: string): Promise<Array<Record<string, unknown>>> {
  const docs: Array<Record<string, unknown>> = [];
  for (;;) {
    const { data } = (await t.db.collection(collection).skip(docs.length).limit(1000).get()) as unknown as { data: Array<Record<string, unknown>> };
    docs.push(...data);
    if (data.length < 1000) return docs;
  }
}

/** Every document of every collection that mentions one of the person's identifying values. */
async function tracesOf(values: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const collection of COLLECTIONS) {
    for (const doc of await everyDocument(collection)) {
      const text = JSON.stringify(doc);
      for (const value of values) if (text.includes(value)) found.push(`${collection}/${String(doc._id)} holds ${value}`);
    }
  }
  return found;
}

async function doc(collection: string, id: string) {
  const { data } = (await t.db.collection(collection).where({ _id: id }).get()) as unknown as { data: Array<Record<string, any>> };
  return data[0] ?? null;
}

async function activeTemplate(): Promise<string> {
  const draft = ok(
    await t.coupons('o-admin')('saveTemplate', {
      name: '满100减10',
      rule: { kind: 'cash', thresholdFen: 10_000, amountOffFen: 1_000 },
      validity: { type: 'days', days: 30, startsNextDay: false },
      limits: { totalStock: null, perMember: null, perMemberMonthly: null },
      claimable: true,
    }),
  );
  ok(await t.coupons('o-admin')('setTemplateStatus', { templateId: draft.templateId, status: 'active' }));
  return draft.templateId;
}

test('a member sees, exports and closes their data; nothing personal is left and the ledgers hold', async () => {
  await t.cloud.client.setClock('2026-12-01T10:00:00+08:00');
  const friendOf = ok(await t.member('o-pipl-inviter')('join', { scene: 's=S01&c=CLK001', consent, phone: { number: '13900000001' } })).card.memberId;
  const code = ok(await t.member('o-pipl-inviter')('referral')).code;
  // A refused join first (the inviter's phone): leaves a join-attempt record keyed by the OPENID.
  expect(failed(await t.member(PERSON.openid)('join', { scene: 's=S01', consent, phone: { number: '13900000001' } }))).toBe('PHONE_TAKEN');
  const joined = ok(
    await t.member(PERSON.openid)('join', { scene: 's=S01&c=CLK001', consent, phone: { number: PERSON.phone }, profile: { name: PERSON.name, birthday: PERSON.birthday, gender: 'female' }, referral: code }),
  );
  const memberId = joined.card.memberId;
  ok(await t.member(PERSON.openid)('subscribe', { requestId: 'sub-00001', accepted: ['points_changed'], rejected: [] }));
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 30_000, orderNo: 'PIPL-1', categories: ['女装'] }));
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 12_000, orderNo: 'PIPL-2', categories: [] }));
  const templateId = await activeTemplate();
  ok(await t.coupons('o-manager')('grant', { memberId, templateId, reason: '顾客生日', requestId: 'grant-00001' }));
  ok(await t.care('o-clerk1')('logInteraction', { memberId, kind: 'wechat', outcome: 'reached', note: `${PERSON.name}想要新款，电话${PERSON.phone}`, requestId: 'note-00001' }));
  ok(await t.care('o-clerk1')('createTask', { memberId, title: `回访${PERSON.name}`, dueDate: '2026-12-05', note: `生日${PERSON.birthday}`, requestId: 'task-00001' }));
  await t.cloud.client.trigger('automation-jobs');
  await t.cloud.client.trigger('care-jobs');

  const mine = ok(await t.member(PERSON.openid)('myData'));
  expect(mine.profile).toMatchObject({ name: PERSON.name, phone: PERSON.phone, birthday: PERSON.birthday, birthdayLocked: true });
  expect(mine.counts).toMatchObject({ purchases: 2, coupons: 1, interactions: 1 });
  expect(mine.summary[0]).toContain('139****5678');
  expect(mine.closing.confirmation).toBe('注销');

  const exported = ok(await t.member(PERSON.openid)('exportData', { requestId: 'export-00001' }));
  const file = await fetch(exported.url);
  expect(file.status).toBe(200);
  const content = (await file.json()) as Record<string, any>;
  expect(content.profile).toMatchObject({ memberId, name: PERSON.name, phone: PERSON.phone });
  expect(content.purchases.map((p: { orderNo: string }) => p.orderNo)).toEqual(['PIPL-1', 'PIPL-2']);
  expect(content.interactions[0].note).toContain(PERSON.name);
  // A retried export answers the same file.
  expect(ok(await t.member(PERSON.openid)('exportData', { requestId: 'export-00001' })).fileId).toBe(exported.fileId);

  const balance = (await doc('members', memberId)).pointsBalance as number;
  expect(balance).toBeGreaterThan(0);
  expect(await tracesOf([PERSON.name, PERSON.phone, PERSON.openid, PERSON.birthday])).not.toEqual([]);

  expect(failed(await t.member(PERSON.openid)('closeMembership', { requestId: 'close-00001', confirmation: '确定' } as never))).toBe('INVALID_INPUT');
  const [closed, again] = await Promise.all([
    t.member(PERSON.openid)('closeMembership', { requestId: 'close-00001', confirmation: '注销' }),
    t.member(PERSON.openid)('closeMembership', { requestId: 'close-00001', confirmation: '注销' }),
  ]);
  expect(ok(closed)).toEqual(ok(again));
  expect(ok(closed)).toMatchObject({ pointsForfeited: balance, couponsRevoked: 1 });

  expect(await tracesOf([PERSON.name, PERSON.phone, PERSON.openid, PERSON.birthday])).toEqual([]);
  expect((await fetch(exported.url)).status).toBe(404);
  // Kept without identity: purchases, the ledger (summing to 0 with the forfeit), the coupon (revoked), closed tasks.
  expect(await doc('purchases', 'S01_PIPL-1')).toMatchObject({ memberId, status: 'valid' });
  expect(await ledgerSum(t, memberId)).toBe(0);
  expect(await doc('points_ledger', `close:${memberId}`)).toMatchObject({ type: 'close', points: -balance });
  const coupons = (await t.db.collection('coupons').where({ memberId }).get()) as unknown as { data: Array<{ status: string }> };
  expect(coupons.data.map((c) => c.status)).toEqual(['revoked']);
  const tasks = (await t.db.collection('tasks').where({ memberId }).get()) as unknown as { data: Array<{ status: string }> };
  expect(tasks.data.length).toBeGreaterThan(0);
  expect(tasks.data.every((task) => task.status !== 'open')).toBe(true);
  expect(await doc('closed_members', memberId)).toMatchObject({ status: 'closed', purchaseCount: 2, homeStoreId: 'S01' });
  expect(await doc('audit_log', `audit:close:${memberId}`)).toMatchObject({ action: 'membership_close', memberId, staffId: '' });
  // Every remaining member's balance is still its ledger's sum.
  expect((await doc('members', friendOf)).pointsBalance).toBe(await ledgerSum(t, friendOf));
  // Gone for the shop too: a clerk cannot open the profile.
  expect(failed(await t.care('o-clerk1')('profile', { memberId }))).toBe('MEMBER_NOT_FOUND');
  expect(failed(await t.member(PERSON.openid)('card'))).toBe('NOT_MEMBER');

  // The same WeChat and phone join again: a new member, with a new welcome.
  const rejoined = ok(await t.member(PERSON.openid)('join', { scene: 's=S01', consent, phone: { number: PERSON.phone } }));
  expect(rejoined.created).toBe(true);
  expect(rejoined.card.memberId).not.toBe(memberId);
  expect(rejoined.card.points.balance).toBe(rejoined.welcomePoints);
});

test('a closing interrupted after the member was removed is finished by the care job', async () => {
  await t.cloud.client.setClock('2026-12-02T10:00:00+08:00');
  const memberId = ok(await t.member('o-pipl-crash')('join', { scene: 's=S01', consent, phone: { number: '13900000009' }, profile: { name: '半途注销' } })).card.memberId;
  ok(await t.care('o-clerk1')('logInteraction', { memberId, kind: 'call', outcome: 'reached', note: '半途注销的备注', requestId: 'note-crash' }));
  ok(await t.member('o-pipl-crash')('closeMembership', { requestId: 'close-crash', confirmation: '注销' }));
  // As if the run had died before the erasure steps: the note is back and nothing is recorded as done.
  await t.db.collection('interactions').where({ memberId }).update({ data: { note: '半途注销的备注' } });
  await t.db.collection('closed_members').doc(memberId).update({ data: { status: 'erasing', stepsDone: [] } });
  await t.cloud.client.trigger('care-jobs');
  expect(await doc('closed_members', memberId)).toMatchObject({ status: 'closed' });
  expect(await tracesOf(['半途注销'])).toEqual([]);
  // A retry of the same request now answers from the record.
  expect(ok(await t.member('o-pipl-crash')('closeMembership', { requestId: 'close-crash', confirmation: '注销' })).pointsForfeited).toBeGreaterThanOrEqual(0);
});
