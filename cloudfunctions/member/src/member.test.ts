/** The `member` function end to end: real bundle, real wx-server-sdk, local cloud. */
import { failed, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();

const count = async (collection: string, where: Record<string, unknown> = {}) =>
  ((await t.db.collection(collection).where(where).count()) as { total: number }).total;

describe('join', () => {
  test('from a counter code: bound to the store and inviting clerk, welcome points in the ledger', async () => {
    const joined = ok(
      await t.member('o-shopper-1')('join', {
        scene: 's=S01&c=CLK001',
        consent,
        phone: { code: 'phone:13800000001' },
        profile: { name: '陈小姐', gender: 'female', birthday: '1990-05-20' },
      }),
    );
    expect(joined).toMatchObject({ created: true, welcomePoints: 100 });
    expect(joined.card).toMatchObject({
      name: '陈小姐',
      phoneMasked: '138****0001',
      phoneVerified: true,
      tier: { id: 'normal', name: '普通会员' },
      points: { balance: 100 },
      homeStoreName: '旗舰店',
      nextTier: { name: '银卡', threshold: 1000, remaining: 1000 },
    });
    const { data } = (await t.db.collection('members').where({ openid: 'o-shopper-1' }).get()) as { data: Array<Record<string, unknown>> };
    expect(data[0]).toMatchObject({ homeStoreId: 'S01', inviterStaffId: 'st-clerk1', consent: { version: '2026-11' }, phone: '13800000001' });
    expect(await count('points_ledger', { memberId: joined.card.memberId, type: 'welcome', points: 100 })).toBe(1);
  });

  test('joining twice with the same OPENID returns the same member; the same phone from another OPENID is refused', async () => {
    const again = ok(await t.member('o-shopper-1')('join', { scene: 's=S02', consent, phone: { number: '13900000000' } }));
    expect(again.created).toBe(false);
    expect(again.welcomePoints).toBe(0);
    expect(await count('members', { openid: 'o-shopper-1' })).toBe(1);
    expect(failed(await t.member('o-other')('join', { consent, phone: { code: 'phone:13800000001' } }))).toBe('PHONE_TAKEN');
    expect(await count('members', { openid: 'o-other' })).toBe(0);
  });

  test('a double tap (10 concurrent joins) makes one member and one welcome gift', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.member('o-double')('join', { scene: 's=S01', consent, phone: { number: '13700000002' } })),
    );
    const data = results.map(ok);
    expect(data.filter((d) => d.created)).toHaveLength(1);
    expect(new Set(data.map((d) => d.card.memberId)).size).toBe(1);
    expect(await count('members', { openid: 'o-double' })).toBe(1);
    expect(await count('points_ledger', { memberId: data[0].card.memberId })).toBe(1);
  });

  test('typed phone numbers are kept unverified; join without a code has no home store', async () => {
    const joined = ok(await t.member('o-typed')('join', { consent, phone: { number: '13600000003' } }));
    expect(joined.card).toMatchObject({ phoneVerified: false, homeStoreName: '' });
  });

  test('bad input gets a clear code and writes nothing', async () => {
    const before = await count('members');
    const cases: Array<[unknown, string]> = [
      [{ consent: { version: '2026-11', agreed: false }, phone: { number: '13500000000' } }, 'CONSENT_REQUIRED'],
      [{ consent, phone: { number: '12345' } }, 'INVALID_INPUT'],
      [{ consent, phone: { number: '13500000000' }, profile: { birthday: '1990-02-30' } }, 'INVALID_INPUT'],
      [{ consent, scene: 's=NOPE', phone: { number: '13500000000' } }, 'STORE_NOT_FOUND'],
      [{ consent, scene: 's=S09', phone: { number: '13500000000' } }, 'STORE_NOT_FOUND'],
      [{ consent, scene: 'garbage', phone: { number: '13500000000' } }, 'SCENE_INVALID'],
      [{ consent, phone: { code: 'not-a-real-code' } }, 'PHONE_CODE_INVALID'],
    ];
    for (const [payload, code] of cases) {
      const result = await t.member('o-bad')('join', payload as never);
      expect({ payload, code: failed(result) }).toEqual({ payload, code });
      if (!result.ok) expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const invalid = await t.member('o-bad')('join', { consent, phone: { number: '12345' } });
    expect(invalid.ok === false && invalid.error.fields).toEqual({ 'phone.number': '请输入11位手机号' });
    expect(await count('members')).toBe(before);
    expect(failed(await t.cloud.client.invoke('member', { openid: 'o-bad' }, { action: 'nope' }))).toBe('UNKNOWN_ACTION');
    expect(failed(await t.cloud.client.invoke('member', { openid: 'o-bad' }, { nothing: true }))).toBe('INVALID_INPUT');
  });
});

describe('card, code, history, profile', () => {
  test('a non-member gets NOT_MEMBER from every member action', async () => {
    for (const action of ['card', 'memberCode', 'pointsHistory'] as const) {
      expect(failed(await t.member('o-stranger')(action))).toBe('NOT_MEMBER');
    }
  });

  test('the card shows points expiring and progress; the member code rotates and verifies for staff only', async () => {
    const card = ok(await t.member('o-shopper-1')('card'));
    expect(card.points).toMatchObject({ balance: 100 });
    expect(card.progressPercent).toBe(0);
    const code = ok(await t.member('o-shopper-1')('memberCode'));
    expect(code.ttlSeconds).toBe(60);
    expect(Date.parse(code.expiresAt) - Date.now()).toBeGreaterThan(50_000);
    const customer = ok(await t.staff('o-clerk1')('resolveMemberCode', { token: code.token }));
    expect(customer).toMatchObject({ memberId: card.memberId, phoneMasked: '138****0001', pointsBalance: 100 });
    expect(JSON.stringify(customer)).not.toContain('13800000001');
    expect(failed(await t.staff('o-shopper-1')('resolveMemberCode', { token: code.token }))).toBe('NOT_STAFF');
  });

  test('forged, tampered and expired member codes are refused', async () => {
    const { token } = ok(await t.member('o-shopper-1')('memberCode'));
    const parts = token.split('.');
    const otherMember = ok(await t.member('o-typed')('card')).memberId;
    const forged = [parts[0], otherMember, parts[2], parts[3]].join('.');
    const extended = [parts[0], parts[1], (parseInt(parts[2], 36) + 3600).toString(36), parts[3]].join('.');
    expect(failed(await t.staff('o-clerk1')('resolveMemberCode', { token: forged }))).toBe('MEMBER_CODE_INVALID');
    expect(failed(await t.staff('o-clerk1')('resolveMemberCode', { token: extended }))).toBe('MEMBER_CODE_INVALID');
    expect(failed(await t.staff('o-clerk1')('resolveMemberCode', { token: 'hello' }))).toBe('MEMBER_CODE_INVALID');
    await t.cloud.client.advanceClock('61s');
    try {
      expect(failed(await t.staff('o-clerk1')('resolveMemberCode', { token }))).toBe('MEMBER_CODE_EXPIRED');
    } finally {
      await t.cloud.client.advanceClock('-61s');
    }
  });

  test('points history pages newest first with a cursor', async () => {
    const first = ok(await t.member('o-shopper-1')('pointsHistory', { limit: 1 }));
    expect(first.entries).toEqual([expect.objectContaining({ type: 'welcome', points: 100, reason: '入会礼', storeName: '旗舰店' })]);
    expect(first.balance).toBe(100);
    expect(first.nextCursor).toBeNull();
  });

  test('the birthday can be set once; name and gender change freely', async () => {
    const typed = t.member('o-typed');
    const set = ok(await typed('updateProfile', { birthday: '1995-08-08', name: '周先生' }));
    expect(set.profile).toEqual({ name: '周先生', gender: 'unknown', birthday: '1995-08-08', birthdayLocked: true });
    expect(failed(await typed('updateProfile', { birthday: '1996-08-08' }))).toBe('BIRTHDAY_LOCKED');
    expect(ok(await typed('updateProfile', { gender: 'male', birthday: '1995-08-08' })).profile.gender).toBe('male');
    expect(ok(await typed('card')).profile.birthday).toBe('1995-08-08');
  });
});
