/** Joining as a shop and an attacker would try it: squatted numbers, probing, double taps, consent, bad text. */
import { failed, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();

const count = async (collection: string, where: Record<string, unknown> = {}) =>
  ((await t.db.collection(collection).where(where).count()) as { total: number }).total;

async function memberDoc(id: string) {
  return ((await t.db.collection('members').doc(id).get()) as unknown as { data: Record<string, any> }).data;
}

describe('a verified number wins over a typed one', () => {
  test('the owner who verifies with WeChat joins; the typed claim keeps its history, loses the number and is flagged', async () => {
    const squatter = ok(await t.member('o-squatter')('join', { scene: 's=S01', consent, phone: { number: '13812340000' } })).card;
    expect(squatter.phoneVerified).toBe(false);
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId: squatter.memberId, amountFen: 20_000, orderNo: 'SQ-1' }));

    const owner = ok(await t.member('o-owner')('join', { scene: 's=S01', consent, phone: { code: 'phone:13812340000' } }));
    expect(owner).toMatchObject({ created: true, card: { phoneVerified: true, phoneMasked: '138****0000' } });

    const old = await memberDoc(squatter.memberId);
    expect(old).toMatchObject({ phone: '', phoneVerified: false, pointsBalance: 300, purchaseCount: 1, review: { reason: 'phone_detached', phone: '13812340000' } });
    expect(old.phoneKey).not.toBe('13812340000');
    // the old member still works, without a number, and the clerk is told to check it
    expect(ok(await t.member('o-squatter')('card')).phoneMasked).toBe('');
    expect(ok(await t.staff('o-clerk1')('customer', { memberId: squatter.memberId })).reviewNote).toContain('138****0000');
    expect(await count('members', { phoneKey: '13812340000' })).toBe(1);
  });

  test('a typed number never displaces anyone, and a verified holder is never displaced', async () => {
    expect(failed(await t.member('o-typist')('join', { consent, phone: { number: '13812340000' } }))).toBe('PHONE_TAKEN');
    expect(failed(await t.member('o-second-owner')('join', { consent, phone: { code: 'phone:13812340000' } }))).toBe('PHONE_TAKEN');
    ok(await t.member('o-first-typist')('join', { consent, phone: { number: '13812341111' } }));
    expect(failed(await t.member('o-second-typist')('join', { consent, phone: { number: '13812341111' } }))).toBe('PHONE_TAKEN');
    expect(await count('members', { openid: 'o-typist' })).toBe(0);
  });

  test('two verified owners racing for a typed number: one takes it, the other is refused', async () => {
    ok(await t.member('o-race-typed')('join', { consent, phone: { number: '13812342222' } }));
    const results = await Promise.all(['o-race-a', 'o-race-b'].map((openid) => t.member(openid)('join', { consent, phone: { code: 'phone:13812342222' } })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map(failed)).toEqual(['PHONE_TAKEN']);
    expect(await count('members', { phoneKey: '13812342222' })).toBe(1);
  });
});

describe('a double tap', () => {
  // Warm instances first: cold starts would spread the taps out and hide the race.
  const warm = () => Promise.all(Array.from({ length: 10 }, () => t.member('o-warm')('card')));

  test('ten concurrent joins by one WeChat user all answer the one member that was made, round after round', async () => {
    for (let round = 0; round < 4; round++) {
      await warm();
      const openid = `o-tapper-${round}`;
      const results = await Promise.all(Array.from({ length: 10 }, () => t.member(openid)('join', { scene: 's=S01', consent, phone: { number: `1371234567${round}` } })));
      expect(results.filter((r) => !r.ok).map(failed)).toEqual([]);
      const joined = results.map(ok);
      expect(joined.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(joined.map((r) => r.card.memberId)).size).toBe(1);
      expect(await count('members', { openid })).toBe(1);
    }
  });

  test('the same with a verified number', async () => {
    await warm();
    const results = await Promise.all(Array.from({ length: 10 }, () => t.member('o-tapper-v')('join', { consent, phone: { code: 'phone:13712340002' } })));
    expect(results.filter((r) => !r.ok).map(failed)).toEqual([]);
    const joined = results.map(ok);
    expect(new Set(joined.map((r) => r.card.memberId)).size).toBe(1);
    expect(joined.filter((r) => r.created)).toHaveLength(1);
  });
});

describe('probing which numbers are members', () => {
  test('five refused joins a day per WeChat user, then TOO_MANY_ATTEMPTS — also for a parallel burst', async () => {
    const members = Array.from({ length: 8 }, (_u, i) => `1350000${String(i).padStart(4, '0')}`);
    for (const [i, number] of members.entries()) ok(await t.member(`o-known-${i}`)('join', { consent, phone: { number } }));

    const answers: string[] = [];
    for (const number of members) answers.push(failed(await t.member('o-prober')('join', { consent, phone: { number } })));
    expect(answers).toEqual([...Array(5).fill('PHONE_TAKEN'), ...Array(3).fill('TOO_MANY_ATTEMPTS')]);

    const burst = await Promise.all(Array.from({ length: 30 }, (_u, i) => t.member('o-burst')('join', { consent, phone: { number: members[i % members.length] } })));
    const codes = burst.map(failed);
    expect(codes.filter((c) => c === 'PHONE_TAKEN')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(25);
    expect(burst.find((r) => !r.ok && r.error.code === 'TOO_MANY_ATTEMPTS')).toMatchObject({ error: { message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    expect(await count('members', { openid: 'o-burst' })).toBe(0);

    // a new Shanghai day gives a new allowance
    await t.cloud.client.advanceClock('1d');
    expect(failed(await t.member('o-prober')('join', { consent, phone: { number: members[0] } }))).toBe('PHONE_TAKEN');
  });
});

describe('consent', () => {
  test.each([
    ['declined', { version: '2026-11', agreed: false }],
    ['an old version of the guide', { version: '2025-01', agreed: true }],
    ['no version', { agreed: true }],
    ['no consent at all', undefined],
    ['malformed consent', 'yes'],
  ])('%s answers CONSENT_REQUIRED and writes nothing', async (_name, given) => {
    const before = await count('members');
    const result = await t.member('o-no-consent')('join', { consent: given, phone: { number: '13612345678' } } as never);
    expect(failed(result)).toBe('CONSENT_REQUIRED');
    expect(!result.ok && result.error.message).toMatch(/隐私保护指引/);
    expect(await count('members')).toBe(before);
  });

  test('a brand that updated its guide requires agreement to the new version', async () => {
    await t.db.collection('settings').doc('brand').set({ data: { privacyVersion: '2027-01' } });
    // settings are cached per instance for 30 s: move past it
    await t.cloud.client.advanceClock('1m');
    expect(failed(await t.member('o-new-guide')('join', { consent, phone: { number: '13612340001' } }))).toBe('CONSENT_REQUIRED');
    expect(ok(await t.member('o-new-guide')('join', { consent: { version: '2027-01', agreed: true }, phone: { number: '13612340001' } })).created).toBe(true);
    await t.db.collection('settings').doc('brand').remove();
    await t.cloud.client.advanceClock('1m');
  });
});

describe('text and dates a clerk will read', () => {
  test.each([
    ['a NUL in the name', { name: '陈\u0000静' }],
    ['a right-to-left override in the name', { name: '陈\u202E静' }],
    ['a BOM inside the name', { name: '陈\uFEFF静' }],
    ['a line break in the name', { name: '陈\n静' }],
    ['a birthday in year 0', { birthday: '0000-01-01' }],
    ['a birthday before 1900', { birthday: '1899-12-31' }],
    ['a birthday in the future', { birthday: '2099-01-01' }],
  ])('%s is refused with a Chinese field error and nothing is written', async (_name, profile) => {
    const before = await count('members');
    const result = await t.member('o-text')('join', { consent, phone: { number: '13612349999' }, profile } as never);
    expect(failed(result)).toBe('INVALID_INPUT');
    const fields = !result.ok ? result.error.fields ?? {} : {};
    const [field, message] = Object.entries(fields)[0];
    expect(field).toMatch(/^profile\./);
    expect(message).toMatch(/^[^A-Za-z]*[\u4e00-\u9fa5][^A-Za-z]*$/);
    expect(await count('members')).toBe(before);
  });

  test('a birthday set later is checked the same way', async () => {
    ok(await t.member('o-later')('join', { consent, phone: { number: '13612348888' } }));
    expect(failed(await t.member('o-later')('updateProfile', { birthday: '2099-01-01' }))).toBe('INVALID_INPUT');
    expect(failed(await t.member('o-later')('updateProfile', { name: 'x\u202Ey' }))).toBe('INVALID_INPUT');
    expect(ok(await t.member('o-later')('updateProfile', { birthday: '1990-02-28', name: '林 晓' })).profile).toMatchObject({ birthday: '1990-02-28', name: '林 晓' });
  });
});
