/** 老带新 end to end: a share code, a friend who joins with it, both credited once on her first purchase, and the refusals. */
import { ledgerSum, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();

async function doc(collection: string, id: string) {
  return ((await t.db.collection(collection).doc(id).get()) as unknown as { data: Record<string, any> }).data;
}

const join = (openid: string, phone: string, referral?: string) => t.member(openid)('join', { scene: 's=S01', consent, phone: { number: phone }, ...(referral ? { referral } : {}) });
const jobs = () => t.cloud.client.trigger('automation-jobs');

test('a friend who joins with the code is credited with her inviter on her first purchase, once; the inviter sees it', async () => {
  await t.cloud.client.setClock('2026-12-01T10:00:00+08:00');
  const inviter = ok(await join('o-ref-a', '13200000001')).card.memberId;
  const first = ok(await t.member('o-ref-a')('referral'));
  expect(first.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  expect(ok(await t.member('o-ref-a')('referral')).code).toBe(first.code);
  const friend = ok(await join('o-ref-b', '13200000002', first.code)).card.memberId;
  expect(await doc('referrals', friend)).toMatchObject({ referrerId: inviter, status: 'joined', reason: null });
  const before = { inviter: await ledgerSum(t, inviter), friend: await ledgerSum(t, friend) };

  await jobs(); // joining alone rewards nobody
  expect(await ledgerSum(t, friend)).toBe(before.friend);
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: friend, amountFen: 20_000, orderNo: 'RF-1', categories: [] }));
  await Promise.all([jobs(), jobs()]);
  await jobs();
  expect(await ledgerSum(t, inviter)).toBe(before.inviter + 200);
  expect((await doc('members', inviter)).pointsBalance).toBe(before.inviter + 200);
  // The friend: 200 for the purchase's points and 200 for the invitation.
  expect((await doc('members', friend)).pointsBalance).toBe((await ledgerSum(t, friend)));
  expect((await doc('referrals', friend)).status).toBe('rewarded');
  // A second purchase credits nobody again.
  ok(await t.staff('o-clerk1')('recordPurchase', { memberId: friend, amountFen: 10_000, orderNo: 'RF-2', categories: [] }));
  await jobs();
  expect(await ledgerSum(t, inviter)).toBe(before.inviter + 200);
  const view = ok(await t.member('o-ref-a')('referral'));
  expect(view.invitations).toEqual([expect.objectContaining({ status: 'rewarded', statusText: '已奖励 200 积分' })]);
  expect(view.rewardedCount).toBe(1);
});

test('refused: staff joining with a code, an unknown code; a member joining again is no new friend', async () => {
  await t.cloud.client.setClock('2026-12-02T10:00:00+08:00');
  const code = ok(await t.member('o-ref-a')('referral')).code;
  const clerk = ok(await join('o-clerk2', '13200000003', code)).card.memberId;
  expect(await doc('referrals', clerk)).toMatchObject({ status: 'refused', reason: 'staff' });
  expect((await doc('members', clerk)).referredBy ?? null).toBeNull();
  const stranger = ok(await join('o-ref-c', '13200000004', 'ZZZZZZZZ')).card.memberId;
  expect(await doc('referrals', stranger)).toMatchObject({ status: 'refused', reason: 'unknown_code' });
  // Already a member: joining again with a code creates no attribution.
  const again = ok(await join('o-ref-c', '13200000004', code));
  expect(again.created).toBe(false);
  expect((await doc('referrals', stranger)).reason).toBe('unknown_code');
});
