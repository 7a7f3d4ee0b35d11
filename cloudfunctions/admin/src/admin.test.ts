/** The `admin` function and staff binding end to end. */
import { failed, ok, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();

test('a manager invites a clerk to their store; the invite binds exactly one person, once', async () => {
  const invite = ok(await t.admin('o-manager')('createInvite', { role: 'clerk', name: '钱导购' }));
  expect(invite).toMatchObject({ role: 'clerk', storeId: 'S01', name: '钱导购' });
  expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);

  const [first, second] = await Promise.all([
    t.staff('o-new-1')('bind', { inviteCode: invite.code.toLowerCase() }),
    t.staff('o-new-2')('bind', { inviteCode: invite.code }),
  ]);
  const outcomes = [first, second].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
  expect(outcomes).toEqual(['INVITE_USED', 'ok']);
  const winner = first.ok ? 'o-new-1' : 'o-new-2';
  expect(ok(await t.staff(winner)('bind', { inviteCode: invite.code }))).toMatchObject({ name: '钱导购', role: 'clerk', storeName: '旗舰店' });
  expect(ok(await t.staff(winner)('me'))).toMatchObject({ role: 'clerk' });
  expect(((await t.db.collection('staff').where({ name: '钱导购' }).count()) as { total: number }).total).toBe(1);
});

test('who may invite whom', async () => {
  expect(failed(await t.admin('o-clerk1')('createInvite', { role: 'clerk', name: '甲' }))).toBe('FORBIDDEN');
  expect(failed(await t.admin('o-manager')('createInvite', { role: 'manager', name: '乙' }))).toBe('FORBIDDEN');
  expect(failed(await t.admin('o-manager')('createInvite', { role: 'clerk', name: '丙', storeId: 'S02' }))).toBe('FORBIDDEN');
  expect(failed(await t.admin('o-shopper')('createInvite', { role: 'clerk', name: '丁' }))).toBe('NOT_STAFF');
  expect(ok(await t.admin('o-admin')('createInvite', { role: 'manager', name: '戊', storeId: 'S02' }))).toMatchObject({ storeId: 'S02', role: 'manager' });
  expect(failed(await t.admin('o-admin')('createInvite', { role: 'clerk', name: '己', storeId: 'S09' }))).toBe('STORE_NOT_FOUND');
});

test('bad and expired invites, and staff who are already bound', async () => {
  expect(failed(await t.staff('o-x')('bind', { inviteCode: 'ABCDEFGH' }))).toBe('INVITE_INVALID');
  expect(failed(await t.staff('o-x')('bind', { inviteCode: 'SHORT' }))).toBe('INVALID_INPUT');
  const invite = ok(await t.admin('o-manager')('createInvite', { role: 'clerk', name: '庚' }));
  expect(failed(await t.staff('o-clerk1')('bind', { inviteCode: invite.code }))).toBe('ALREADY_STAFF');
  await t.cloud.client.advanceClock('8d');
  try {
    expect(failed(await t.staff('o-late')('bind', { inviteCode: invite.code }))).toBe('INVITE_INVALID');
  } finally {
    await t.cloud.client.advanceClock('-8d');
  }
});

test('counter codes: one for the store and one per active staff member, scenes within 32 characters, real PNGs', async () => {
  const { codes } = ok(await t.admin('o-manager')('counterCodes', {}));
  const scenes = codes.map((c) => c.scene);
  expect(scenes).toEqual(expect.arrayContaining(['s=S01', 's=S01&c=CLK001', 's=S01&c=MGR001', 's=S01&c=ADMIN1']));
  expect(scenes).not.toContain('s=S01&c=GONE01');
  for (const code of codes) {
    expect(code.scene.length).toBeLessThanOrEqual(32);
    expect(code.page).toBe('pages/join/join');
    expect(Buffer.from(code.pngBase64, 'base64').subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  }
  expect(codes.find((c) => c.staffId === 'st-clerk1')?.label).toBe('旗舰店 · 李导购');
  expect(failed(await t.admin('o-clerk1')('counterCodes', {}))).toBe('FORBIDDEN');
});
