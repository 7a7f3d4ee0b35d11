/** The member code at the till: the QR code's signed token and the barcode's short numeric code. */
import { failed, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();

test('the barcode carries 18 random digits that resolve to the same member, for exactly as long as the token', async () => {
  const memberId = ok(await t.member('o-code')('join', { scene: 's=S01', consent, phone: { number: '13922220001' } })).card.memberId;
  await t.cloud.client.setClock('2027-03-01T10:00:00+08:00');
  const code = ok(await t.member('o-code')('memberCode'));
  expect(code.tillCode).toMatch(/^\d{18}$/);
  expect(code.tillCode).not.toContain(memberId);
  expect(ok(await t.staff('o-clerk1')('resolveMemberCode', { token: code.tillCode })).memberId).toBe(memberId);
  expect(ok(await t.staff('o-clerk1')('resolveMemberCode', { token: ` ${code.tillCode} ` })).memberId).toBe(memberId);
  expect(ok(await t.staff('o-clerk1')('resolveMemberCode', { token: code.token })).memberId).toBe(memberId);

  // one second before the token's expiry both work; at expiry neither does
  await t.cloud.client.setClock(new Date(Date.parse(code.expiresAt) - 1_000).toISOString());
  ok(await t.staff('o-clerk1')('resolveMemberCode', { token: code.tillCode }));
  await t.cloud.client.setClock(code.expiresAt);
  expect(failed(await t.staff('o-clerk1')('resolveMemberCode', { token: code.tillCode }))).toBe('MEMBER_CODE_EXPIRED');
  expect(failed(await t.staff('o-clerk1')('resolveMemberCode', { token: code.token }))).toBe('MEMBER_CODE_EXPIRED');
});

test('a new code replaces the last number; unknown numbers and shoppers get nothing', async () => {
  const first = ok(await t.member('o-code')('memberCode'));
  const second = ok(await t.member('o-code')('memberCode'));
  expect(second.tillCode).not.toBe(first.tillCode);
  expect(failed(await t.staff('o-clerk1')('resolveMemberCode', { token: first.tillCode }))).toBe('MEMBER_CODE_INVALID');
  ok(await t.staff('o-clerk1')('resolveMemberCode', { token: second.tillCode }));
  expect(failed(await t.staff('o-clerk1')('resolveMemberCode', { token: '123456789012345678' }))).toBe('MEMBER_CODE_INVALID');
  expect(failed(await t.staff('o-code')('resolveMemberCode', { token: second.tillCode }))).toBe('NOT_STAFF');
});

test('codes are random: fifty in a row never repeat and spread over the digits', async () => {
  const codes = new Set<string>();
  for (let i = 0; i < 50; i++) codes.add(ok(await t.member('o-code')('memberCode')).tillCode);
  expect(codes.size).toBe(50);
  const firstDigits = new Set([...codes].map((c) => c.slice(0, 3)));
  expect(firstDigits.size).toBeGreaterThan(40);
});
