/** Coupons end to end: templates, claims, exchanges, the till, voids, expiry — and every race a shop can run into. */
import type { InputOf } from '../../../shared/contracts/action';
import type { CouponsContract } from '../../../shared/contracts/coupons';
import { failed, ledgerSum, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();
let seq = 0;
const requestId = () => `req-${String(++seq).padStart(6, '0')}`;

type Terms = InputOf<CouponsContract, 'saveTemplate'>;
const base: Terms = {
  name: '满300减50',
  rule: { kind: 'cash', thresholdFen: 30_000, amountOffFen: 5_000 },
  validity: { type: 'days', days: 30, startsNextDay: false },
  limits: { totalStock: null, perMember: null, perMemberMonthly: null },
  claimable: true,
};

async function activeTemplate(terms: Partial<Terms> = {}): Promise<string> {
  const draft = ok(await t.coupons('o-admin')('saveTemplate', { ...base, ...terms }));
  ok(await t.coupons('o-admin')('setTemplateStatus', { templateId: draft.templateId, status: 'active' }));
  return draft.templateId;
}

async function join(openid: string, phone: string): Promise<string> {
  return ok(await t.member(openid)('join', { scene: 's=S01', consent, phone: { number: phone } })).card.memberId;
}

const count = async (collection: string, where: Record<string, unknown> = {}) =>
  ((await t.db.collection(collection).where(where).count()) as { total: number }).total;

async function doc(collection: string, id: string) {
  return ((await t.db.collection(collection).doc(id).get()) as unknown as { data: Record<string, any> }).data;
}

describe('templates', () => {
  test('a manager designs a draft for their store, edits it, publishes it; then only status and stock change', async () => {
    const bad = await t.coupons('o-manager')('saveTemplate', { ...base, name: '', rule: { kind: 'discount', thresholdFen: 0, rate: 100, capFen: null }, storeIds: ['S01'] });
    expect(failed(bad)).toBe('INVALID_INPUT');
    const wrongStore = await t.coupons('o-manager')('saveTemplate', { ...base, storeIds: ['S02'] });
    expect(failed(wrongStore)).toBe('TEMPLATE_INVALID');
    expect(!wrongStore.ok && wrongStore.error.fields).toEqual({ storeIds: '门店券只能在本门店使用' });

    const draft = ok(await t.coupons('o-manager')('saveTemplate', { ...base, storeIds: ['S01'], limits: { totalStock: 10, perMember: 1, perMemberMonthly: null } }));
    expect(draft).toMatchObject({ status: 'draft', ownerStoreId: 'S01', editable: true, remaining: 10, storeNames: ['旗舰店'] });
    const edited = ok(await t.coupons('o-manager')('saveTemplate', { ...base, templateId: draft.templateId, name: '店庆满300减50', storeIds: ['S01'], limits: { totalStock: 20, perMember: 1, perMemberMonthly: null } }));
    expect(edited).toMatchObject({ name: '店庆满300减50', remaining: 20 });

    expect(failed(await t.coupons('o-clerk1')('setTemplateStatus', { templateId: draft.templateId, status: 'active' }))).toBe('FORBIDDEN');
    expect(ok(await t.coupons('o-manager')('setTemplateStatus', { templateId: draft.templateId, status: 'active' })).status).toBe('active');
    expect(failed(await t.coupons('o-manager')('saveTemplate', { ...base, templateId: draft.templateId, storeIds: ['S01'] }))).toBe('TEMPLATE_NOT_EDITABLE');
    expect(ok(await t.coupons('o-manager')('addStock', { templateId: draft.templateId, units: 5 }))).toMatchObject({ remaining: 25, limits: { totalStock: 25 } });
    expect(ok(await t.coupons('o-manager')('setTemplateStatus', { templateId: draft.templateId, status: 'paused' })).status).toBe('paused');
    ok(await t.coupons('o-manager')('setTemplateStatus', { templateId: draft.templateId, status: 'ended' }));
    expect(failed(await t.coupons('o-manager')('setTemplateStatus', { templateId: draft.templateId, status: 'active' }))).toBe('STATUS_CHANGE_INVALID');
    // another store's manager scope: the clerk2's store has none; admins see everything
    expect(ok(await t.coupons('o-admin')('templates', {})).templates.map((x) => x.templateId)).toContain(draft.templateId);
  });
});

describe('claiming', () => {
  test('claim centre, claim, wallet; a retry is the same coupon; the member limit holds; tiers are respected', async () => {
    const templateId = await activeTemplate({ name: '新客券', rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 1_000 }, limits: { totalStock: 100, perMember: 2, perMemberMonthly: null } });
    const silverOnly = await activeTemplate({ name: '银卡专享', tierIds: ['silver'] });
    await join('o-claimer', '13955550001');
    const centre = ok(await t.coupons('o-claimer')('claimCenter', {})).offers;
    expect(centre.find((o) => o.templateId === templateId)).toMatchObject({ unavailable: null, remaining: 100, held: 0 });
    expect(centre.find((o) => o.templateId === silverOnly)).toMatchObject({ unavailable: '您的会员等级暂不能领取该券' });
    expect(failed(await t.coupons('o-claimer')('claim', { templateId: silverOnly, requestId: requestId() }))).toBe('NOT_FOR_TIER');

    const again = requestId();
    const first = ok(await t.coupons('o-claimer')('claim', { templateId, requestId: again })).coupon;
    expect(ok(await t.coupons('o-claimer')('claim', { templateId, requestId: again })).coupon.couponId).toBe(first.couponId);
    ok(await t.coupons('o-claimer')('claim', { templateId, requestId: requestId() }));
    expect(failed(await t.coupons('o-claimer')('claim', { templateId, requestId: requestId() }))).toBe('MEMBER_LIMIT');
    expect((await doc('coupon_templates', templateId)).remaining).toBe(98);

    const wallet = ok(await t.coupons('o-claimer')('wallet', {}));
    expect(wallet.counts).toEqual({ unused: 2, used: 0, expired: 0 });
    expect(wallet.coupons.map((c) => c.name)).toEqual(['新客券', '新客券']);
    expect(failed(await t.coupons('o-stranger')('wallet', {}))).toBe('NOT_MEMBER');
  });

  test('200 claims at once on a template with 50 left: exactly 50 given, never two to one member', async () => {
    const templateId = await activeTemplate({ name: '限量券', limits: { totalStock: 50, perMember: 1, perMemberMonthly: null } });
    const openids = Array.from({ length: 100 }, (_u, i) => `o-rush-${i}`);
    for (const [i, openid] of openids.entries()) await join(openid, `1366000${String(i).padStart(4, '0')}`);
    // every member taps twice (a double tap, or two phones) with different request ids
    const results = await Promise.all(openids.flatMap((openid) => [0, 1].map(() => t.coupons(openid)('claim', { templateId, requestId: requestId() }))));
    expect(results.filter((r) => r.ok)).toHaveLength(50);
    const codes = new Set(results.filter((r) => !r.ok).map(failed));
    expect([...codes].every((code) => code === 'OUT_OF_STOCK' || code === 'MEMBER_LIMIT')).toBe(true);
    const { data } = (await t.db.collection('coupons').where({ templateId }).limit(1000).get()) as unknown as { data: Array<{ memberId: string; status: string }> };
    expect(data.filter((c) => c.status === 'unused')).toHaveLength(50);
    expect(data.filter((c) => c.status === 'pending')).toHaveLength(0);
    expect(new Set(data.map((c) => c.memberId)).size).toBe(50);
    expect(await doc('coupon_templates', templateId)).toMatchObject({ remaining: 0, issued: 50 });
  }, 60_000);
});

describe('points exchange', () => {
  test('20 exchanges at once with points for 3: exactly 3 coupons, and the ledger sums to the balance', async () => {
    const templateId = await activeTemplate({ name: '积分换10元', rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 1_000 }, claimable: false, pointsCost: 100 });
    const memberId = await join('o-saver', '13955550002');
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 20_000, orderNo: 'EX-1' })); // 100 + 200 = 300 points
    const list = ok(await t.coupons('o-saver')('exchangeList', {}));
    expect(list.pointsBalance).toBe(300);
    expect(list.offers.map((o) => o.templateId)).toContain(templateId);

    const results = await Promise.all(Array.from({ length: 20 }, () => t.coupons('o-saver')('exchange', { templateId, requestId: requestId() })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(new Set(results.filter((r) => !r.ok).map(failed))).toEqual(new Set(['POINTS_NOT_ENOUGH']));
    const member = await doc('members', memberId);
    expect(member.pointsBalance).toBe(0);
    expect(await ledgerSum(t, memberId)).toBe(0);
    expect(await count('coupons', { memberId, templateId })).toBe(3);
    expect((await doc('coupon_templates', templateId)).issued).toBe(3);
  });

  test('a retried exchange answers the same coupon and spends nothing more', async () => {
    const templateId = await activeTemplate({ name: '积分换礼', rule: { kind: 'gift', thresholdFen: 0, giftName: '帆布袋' }, claimable: false, pointsCost: 50 });
    await join('o-retry', '13955550003');
    const id = requestId();
    const first = ok(await t.coupons('o-retry')('exchange', { templateId, requestId: id }));
    const again = ok(await t.coupons('o-retry')('exchange', { templateId, requestId: id }));
    expect(again.coupon.couponId).toBe(first.coupon.couponId);
    expect(again.pointsBalance).toBe(50);
  });
});

describe('at the till', () => {
  let templateId: string;
  let memberId: string;
  let couponId: string;
  beforeAll(async () => {
    templateId = await activeTemplate({ name: '满300减50（店内）', storeIds: ['S01'] });
    memberId = await join('o-buyer', '13955550004');
    couponId = ok(await t.coupons('o-buyer')('claim', { templateId, requestId: requestId() })).coupon.couponId;
  });

  test('the till lists the usable coupons best first with what they take off, and why others do not apply', async () => {
    const { coupons } = ok(await t.staff('o-clerk1')('saleCoupons', { memberId, amountFen: 29_000 }));
    expect(coupons.find((c) => c.coupon.couponId === couponId)).toMatchObject({ unavailable: '还差¥10可用', discountFen: 0 });
    const enough = ok(await t.staff('o-clerk1')('saleCoupons', { memberId, amountFen: 30_000 })).coupons;
    expect(enough[0]).toMatchObject({ coupon: { couponId }, discountFen: 5_000, unavailable: null });
    expect(ok(await t.staff('o-clerk2')('saleCoupons', { memberId, amountFen: 30_000 })).coupons[0]).toMatchObject({ unavailable: '本门店不可用' });
  });

  test('a coupon of member A is refused for member B and at another store, and nothing is recorded', async () => {
    const other = await join('o-other-buyer', '13955550005');
    const forB = await t.staff('o-clerk1')('recordPurchase', { memberId: other, amountFen: 40_000, orderNo: 'AB-1', couponIds: [couponId] });
    expect(failed(forB)).toBe('COUPON_NOT_APPLICABLE');
    expect(!forB.ok && Object.values(forB.error.fields ?? {})[0]).toContain('不属于该顾客');
    expect(failed(await t.staff('o-clerk2')('recordPurchase', { memberId, amountFen: 40_000, orderNo: 'AB-2', couponIds: [couponId] }))).toBe('COUPON_NOT_APPLICABLE');
    expect(await count('purchases', { orderNo: 'AB-1' })).toBe(0);
    expect(await count('purchases', { orderNo: 'AB-2' })).toBe(0);
  });

  test('50 sales racing on one coupon from two tills: one purchase uses it, the rest record nothing', async () => {
    const racer = await join('o-racer', '13955550006');
    const raced = ok(await t.coupons('o-racer')('claim', { templateId, requestId: requestId() })).coupon.couponId;
    const before = (await doc('members', racer)).pointsBalance;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_u, i) => t.staff(i % 2 ? 'o-clerk1' : 'o-manager')('recordPurchase', { memberId: racer, amountFen: 40_000, orderNo: `RACE-C-${i}`, couponIds: [raced] })),
    );
    const recorded = results.filter((r) => r.ok);
    expect(recorded).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map(failed).every((c) => c === 'COUPON_NOT_APPLICABLE')).toBe(true);
    expect(await count('purchases', { memberId: racer })).toBe(1);
    const winner = recorded[0].ok ? recorded[0].data : null;
    expect(winner!.purchase).toMatchObject({ amountFen: 40_000, discountFen: 5_000, paidFen: 35_000, pointsEarned: 350 });
    expect((await doc('members', racer)).pointsBalance).toBe(before + 350);
    expect(await doc('coupons', raced)).toMatchObject({ status: 'used', usedPurchaseId: winner!.purchase.purchaseId, discountFen: 5_000, dueAt: null });
  });

  test('a repeat of a sale with a coupon answers the first result; a void gives the coupon back once', async () => {
    const sale = { memberId, amountFen: 30_000, orderNo: 'CP-1', couponIds: [couponId] };
    const first = ok(await t.staff('o-clerk1')('recordPurchase', sale));
    expect(first.purchase).toMatchObject({ discountFen: 5_000, paidFen: 25_000, pointsEarned: 250 });
    expect(ok(await t.staff('o-clerk1')('recordPurchase', sale)).duplicate).toBe(true);
    expect(failed(await t.staff('o-clerk1')('recordPurchase', { ...sale, couponIds: [] }))).toBe('ORDER_CONFLICT');

    const voids = await Promise.all([1, 2].map(() => t.staff('o-clerk1')('voidPurchase', { purchaseId: first.purchase.purchaseId, memberId })));
    expect(voids.map(ok).filter((v) => !v.alreadyVoided)).toHaveLength(1);
    const coupon = await doc('coupons', couponId);
    expect(coupon).toMatchObject({ status: 'unused', usedPurchaseId: null });
    expect(coupon.history.map((h: { type: string }) => h.type)).toEqual(['granted', 'used', 'restored']);
    expect(await ledgerSum(t, memberId)).toBe((await doc('members', memberId)).pointsBalance);
  });

  test('the coupon code a shopper shows resolves to that coupon and its holder at the till', async () => {
    const code = ok(await t.coupons('o-buyer')('couponCode', { couponId }));
    expect(code.token).toMatch(/^C1\./);
    expect(ok(await t.staff('o-clerk1')('resolveCouponCode', { token: code.token }))).toMatchObject({ memberId, coupon: { couponId } });
    expect(failed(await t.staff('o-clerk1')('resolveCouponCode', { token: code.token.replace('C1.', 'M1.') }))).toBe('COUPON_CODE_INVALID');
    expect(failed(await t.coupons('o-other-buyer')('couponCode', { couponId }))).toBe('COUPON_NOT_FOUND');
  });
});

describe('stacking and refunds', () => {
  test('one money-off coupon per sale plus a gift beside it; two money-off only when both stack', async () => {
    const cash = await activeTemplate({ name: '减20', rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 2_000 } });
    const rate = await activeTemplate({ name: '9折', rule: { kind: 'discount', thresholdFen: 0, rate: 90, capFen: null } });
    const gift = await activeTemplate({ name: '送袜子', rule: { kind: 'gift', thresholdFen: 0, giftName: '袜子' } });
    const memberId = await join('o-stacker', '13955550010');
    const take = async (templateId: string) => ok(await t.coupons('o-stacker')('claim', { templateId, requestId: requestId() })).coupon.couponId;
    const [c, r, g] = [await take(cash), await take(rate), await take(gift)];
    const two = await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 10_000, orderNo: 'ST-1', couponIds: [c, r] });
    expect(failed(two)).toBe('COUPON_NOT_APPLICABLE');
    expect(!two.ok && two.error.fields).toEqual({ couponIds: '每笔消费只能使用一张抵扣券' });
    const withGift = ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 10_000, orderNo: 'ST-2', couponIds: [r, g] }));
    expect(withGift.purchase).toMatchObject({ discountFen: 1_000, paidFen: 9_000, pointsEarned: 90 });
    expect((await doc('coupons', g)).status).toBe('used');
    expect((await doc('coupons', c)).status).toBe('unused');

    const s1 = await activeTemplate({ name: '叠加减10', stackable: true, rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 1_000 } });
    const s2 = await activeTemplate({ name: '叠加9折', stackable: true, rule: { kind: 'discount', thresholdFen: 0, rate: 90, capFen: null } });
    const stacked = ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 10_000, orderNo: 'ST-3', couponIds: [await take(s2), await take(s1)] }));
    // the amount first, then the rate on what is left: 100 − 10 = 90, then 10 % of 90
    expect(stacked.purchase).toMatchObject({ discountFen: 1_900, paidFen: 8_100 });
  });

  test('a random-amount coupon is drawn once, inside its range, and stays what it was drawn', async () => {
    const templateId = await activeTemplate({ name: '随机立减', rule: { kind: 'random', thresholdFen: 0, minOffFen: 500, maxOffFen: 2_000 } });
    await join('o-lucky', '13955550011');
    const coupon = ok(await t.coupons('o-lucky')('claim', { templateId, requestId: requestId() })).coupon;
    expect(coupon.rule.kind).toBe('cash');
    const off = (coupon.rule as { amountOffFen: number }).amountOffFen;
    expect(off % 100 === 0 && off >= 500 && off <= 2_000).toBe(true);
    expect(ok(await t.coupons('o-lucky')('wallet', {})).coupons[0].rule).toEqual(coupon.rule);
  });

  test('a void after the coupon ran out: by default it stays used; under the replace policy a new one covers the days it had left', async () => {
    const templateId = await activeTemplate({ name: '七天券', rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 800 }, validity: { type: 'days', days: 7, startsNextDay: false } });
    const memberId = await join('o-refund', '13955550012');
    const take = async () => ok(await t.coupons('o-refund')('claim', { templateId, requestId: requestId() })).coupon.couponId;
    const [kept, replaced] = [await take(), await take()];
    const a = ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 5_000, orderNo: 'RF-1', couponIds: [kept] }));
    const b = ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 5_000, orderNo: 'RF-2', couponIds: [replaced] }));
    await t.cloud.client.advanceClock('10d');
    ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: a.purchase.purchaseId }));
    expect((await doc('coupons', kept)).status).toBe('used');

    await t.db.collection('settings').doc('brand').set({ data: { couponRefundPolicy: 'restore-or-replace' } });
    await t.cloud.client.advanceClock('1m');
    ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: b.purchase.purchaseId }));
    const { data } = (await t.db.collection('coupons').where({ grantKey: `replace:${replaced}` }).get()) as unknown as { data: Array<Record<string, any>> };
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ status: 'unused', source: 'replacement', memberId });
    // it had 7 days left when used the day it was claimed: the replacement runs 7 days from the void
    const now = Date.parse((await t.cloud.client.clock()).now);
    const left = (new Date(data[0].validUntil).getTime() - now) / 86_400_000;
    expect(left).toBeGreaterThan(6);
    expect(left).toBeLessThanOrEqual(7);
    expect((await doc('coupons', replaced)).history.map((h: { type: string }) => h.type)).toEqual(['granted', 'used', 'replaced']);
    await t.db.collection('settings').doc('brand').remove();
    await t.cloud.client.advanceClock('1m');
  });
});

describe('given by the shop', () => {
  test('a welcome coupon on joining, and a manager\'s 补发 with a reason (never to themselves, never by a clerk)', async () => {
    const welcome = await activeTemplate({ name: '入会礼券', rule: { kind: 'discount', thresholdFen: 0, rate: 90, capFen: 2_000 }, claimable: false });
    await t.db.collection('settings').doc('brand').set({ data: { welcomeCouponTemplateIds: [welcome] } });
    await t.cloud.client.advanceClock('1m'); // past the settings cache
    const joined = ok(await t.member('o-welcome')('join', { consent, phone: { number: '13955550007' } }));
    expect(joined.welcomeCoupons).toEqual([expect.objectContaining({ name: '入会礼券', status: 'unused' })]);
    const again = ok(await t.member('o-welcome')('join', { consent, phone: { number: '13955550007' } }));
    expect(again.welcomeCoupons).toEqual([]);
    expect(await count('coupons', { memberId: joined.card.memberId, templateId: welcome })).toBe(1);
    await t.db.collection('settings').doc('brand').remove();
    await t.cloud.client.advanceClock('1m');

    const grantId = requestId();
    const granted = ok(await t.coupons('o-manager')('grant', { memberId: joined.card.memberId, templateId: welcome, reason: '上次消费未使用券', requestId: grantId }));
    expect(ok(await t.coupons('o-manager')('grant', { memberId: joined.card.memberId, templateId: welcome, reason: '上次消费未使用券', requestId: grantId })).coupon.couponId).toBe(granted.coupon.couponId);
    // A grant by staff is audited once, however often its request is repeated.
    const audited = (await t.db.collection('audit_log').where({ action: 'coupon_grant', memberId: joined.card.memberId }).get()) as unknown as { data: Array<{ staffId: string; detail: string }> };
    expect(audited.data).toEqual([expect.objectContaining({ staffId: 'st-manager', detail: expect.stringContaining('上次消费未使用券') })]);
    expect((await doc('coupons', granted.coupon.couponId)).history[0]).toMatchObject({ type: 'granted', by: 'st-manager', reason: '上次消费未使用券' });
    expect(failed(await t.coupons('o-clerk1')('grant', { memberId: joined.card.memberId, templateId: welcome, reason: '想送', requestId: requestId() }))).toBe('FORBIDDEN');
    const managerAsMember = await join('o-manager', '13955550008');
    expect(failed(await t.coupons('o-manager')('grant', { memberId: managerAsMember, templateId: welcome, reason: '自己', requestId: requestId() }))).toBe('OWN_MEMBERSHIP');
  });
});

describe('bad input', () => {
  test('every coupon action refuses bad input with a Chinese field error, and writes nothing', async () => {
    await join('o-bad-input', '13955550013');
    const before = await count('coupons');
    const templatesBefore = await count('coupon_templates');
    const cases: Array<[string, Promise<{ ok: boolean; error?: { code: string; message: string; fields?: Record<string, string> } }>]> = [
      ['claim without a request id', t.coupons('o-bad-input')('claim', { templateId: 'TX' } as never)],
      ['claim with a request id too short', t.coupons('o-bad-input')('claim', { templateId: 'TX', requestId: 'a' })],
      ['exchange of nothing', t.coupons('o-bad-input')('exchange', { templateId: '', requestId: requestId() })],
      ['a template with a rate of 0', t.coupons('o-admin')('saveTemplate', { ...base, rule: { kind: 'discount', thresholdFen: 0, rate: 0, capFen: null } })],
      ['a template with a yuan amount', t.coupons('o-admin')('saveTemplate', { ...base, rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 12.5 } })],
      ['a template named with control characters', t.coupons('o-admin')('saveTemplate', { ...base, name: '满\u202E减' })],
      ['a grant without a reason', t.coupons('o-manager')('grant', { memberId: 'm', templateId: 'T', reason: '', requestId: requestId() })],
      ['stock of minus one', t.coupons('o-admin')('addStock', { templateId: 'T', units: -1 })],
      ['a sale with four coupons', t.staff('o-clerk1')('recordPurchase', { memberId: 'm', amountFen: 100, orderNo: 'BAD-1', couponIds: ['a', 'b', 'c', 'd'] })],
    ];
    for (const [name, call] of cases) {
      const result = await call;
      expect({ name, code: result.ok ? 'ok' : result.error!.code }).toEqual({ name, code: 'INVALID_INPUT' });
      for (const message of Object.values(result.error!.fields ?? {})) expect(message).toMatch(/^[^A-Za-z]*[\u4e00-\u9fa5][^A-Za-z]*$/);
    }
    expect(failed(await t.coupons('o-bad-input')('claim', { templateId: 'TNOSUCH', requestId: requestId() }))).toBe('TEMPLATE_NOT_FOUND');
    expect(await count('coupons')).toBe(before);
    expect(await count('coupon_templates')).toBe(templatesBefore);
  });
});

describe('expiry and figures', () => {
  test('past its end a coupon is expired (shown at once, marked by the daily job, once); figures count what was used', async () => {
    const templateId = await activeTemplate({ name: '三天券', rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 500 }, validity: { type: 'days', days: 3, startsNextDay: false } });
    const memberId = await join('o-late', '13955550009');
    const kept = ok(await t.coupons('o-late')('claim', { templateId, requestId: requestId() })).coupon.couponId;
    const spent = ok(await t.coupons('o-late')('claim', { templateId, requestId: requestId() })).coupon.couponId;
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 10_000, orderNo: 'EXP-1', couponIds: [spent] }));

    await t.cloud.client.advanceClock('4d');
    const wallet = ok(await t.coupons('o-late')('wallet', { tab: 'expired' }));
    expect(wallet.coupons.map((c) => c.couponId)).toEqual([kept]);
    expect(wallet.counts).toMatchObject({ used: 1, expired: 1, unused: 0 });
    const run = (await t.cloud.client.trigger('member-jobs')) as { coupons: { expired: number } };
    expect(run.coupons.expired).toBeGreaterThanOrEqual(1);
    expect(await doc('coupons', kept)).toMatchObject({ status: 'expired', dueAt: null });
    const twice = (await t.cloud.client.trigger('member-jobs')) as { coupons: { expired: number } };
    expect(twice.coupons.expired).toBe(0);
    expect((await doc('coupons', spent)).status).toBe('used');

    const stats = ok(await t.coupons('o-admin')('templateStats', { templateId }));
    expect(stats).toMatchObject({ granted: 2, used: 1, redemptionRate: 0.5, attributedSalesFen: 9_500, perStore: [{ storeId: 'S01', used: 1, attributedSalesFen: 9_500 }] });
  });
});
