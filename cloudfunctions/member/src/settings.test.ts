/** A broken settings document stops every action that needs it, loudly, instead of half-working. */
import { failed, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();

test('a bad settings/brand fails with SETTINGS_INVALID, logs why, writes nothing; fixing it is enough', async () => {
  await t.db.collection('settings').add({ data: { _id: 'brand', welcomePoints: '100', tiers: [{ id: 'normal' }] } });
  const join = await t.member('o-early')('join', { consent, phone: { number: '13933330001' } });
  expect(failed(join)).toBe('SETTINGS_INVALID');
  expect(!join.ok && join.error.message).toMatch(/设置/);
  const [record] = await t.cloud.client.invocations({ functionName: 'member', limit: 1 });
  expect(record.logs.join('\n')).toMatch(/settings\/brand is invalid[\s\S]*tiers\.0\.name[\s\S]*welcomePoints: 须为数字/);
  expect(((await t.db.collection('members').count()) as { total: number }).total).toBe(0);

  // the rules are checked too, not only the types
  await t.db.collection('settings').doc('brand').set({ data: { clerkSaleLimitFen: -5 } });
  expect(failed(await t.member('o-early')('join', { consent, phone: { number: '13933330001' } }))).toBe('SETTINGS_INVALID');

  await t.db.collection('settings').doc('brand').set({ data: { welcomePoints: 30 } });
  expect(ok(await t.member('o-early')('join', { consent, phone: { number: '13933330001' } })).welcomePoints).toBe(30);
});
