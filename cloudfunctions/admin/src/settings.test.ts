/** The admin's settings: tiers with their effect on existing members, points rules, brand, stores; validated and audited. */
import { failed, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';
import { DEFAULT_BRAND_SETTINGS } from '../../../shared/rules/brand-settings';

const t = useMembershipCloud();
const admin = () => t.admin('o-admin');
/** Other functions read the settings through a 30-second cache (server/settings.ts): let it lapse. */
const settingsReachEveryone = () => t.cloud.client.advanceClock('31s');
const tiersWithGold = (changes: Record<string, unknown>) => DEFAULT_BRAND_SETTINGS.tiers.map((tier) => (tier.id === 'gold' ? { ...tier, ...changes } : tier));

async function member(openid: string, phone: string, spendFen: number, orderNo: string): Promise<string> {
  const id = ok(await t.member(openid)('join', { scene: 's=S01', consent, phone: { number: phone } })).card.memberId;
  if (spendFen) ok(await t.staff('o-manager')('recordPurchase', { memberId: id, amountFen: spendFen, orderNo, categories: [] }));
  return id;
}

async function auditDetails(): Promise<string[]> {
  const { data } = (await t.db.collection('audit_log').where({ action: 'settings_change' }).get()) as unknown as { data: Array<{ detail: string }> };
  return data.map((entry) => entry.detail);
}

test('only admins read or change settings; a bad ladder answers field errors and saves nothing', async () => {
  expect(failed(await t.admin('o-manager')('settings'))).toBe('FORBIDDEN');
  expect(failed(await t.admin('o-clerk1')('saveTiers', { tiers: DEFAULT_BRAND_SETTINGS.tiers }))).toBe('FORBIDDEN');
  const bad = await admin()('saveTiers', { tiers: tiersWithGold({ threshold: 800, keepThreshold: 800 }) });
  expect(bad.ok).toBe(false);
  if (!bad.ok) {
    expect(bad.error.code).toBe('SETTINGS_REJECTED');
    expect(bad.error.fields?.['tiers.2.threshold']).toContain('从低到高');
  }
  const typo = await admin()('saveTiers', { tiers: tiersWithGold({ color: 'gold' }) });
  expect(!typo.ok && typo.error.code).toBe('INVALID_INPUT');
  expect(ok(await admin()('settings')).tiers.find((tier) => tier.id === 'gold')?.threshold).toBe(5000);
});

test('an admin lowers the gold threshold: the preview counts who moves, the save lifts them at once and tells them', async () => {
  await t.cloud.client.setClock('2026-12-01T10:00:00+08:00');
  const low = await member('o-set-1', '13700000001', 150_000, 'SET-1'); // 1500: silver, stays
  const near = await member('o-set-2', '13700000002', 350_000, 'SET-2'); // 3500: silver, reaches the new gold
  ok(await t.member('o-set-2')('subscribe', { requestId: 'set-sub-0001', accepted: ['tier_upgraded'], rejected: [] }));
  const gold = await member('o-set-3', '13700000003', 600_000, 'SET-3'); // 6000: gold already
  const newGold = tiersWithGold({ threshold: 3000, keepThreshold: 3000, benefits: ['消费1.5倍积分', '专属9折'] });

  const preview = ok(await admin()('previewTiers', { tiers: newGold }));
  expect(preview.lines).toContain('1 位「银卡」会员的成长值已达新门槛，保存后升为「金卡」');
  expect(preview.lines).toContain('「金卡」权益更新，会员卡立即显示新权益');
  expect(preview.byTier.find((tier) => tier.tierId === 'gold')).toMatchObject({ before: 1, after: 2 });
  // A preview changes nothing.
  expect(ok(await t.member('o-set-2')('card')).tier.id).toBe('silver');

  const saved = ok(await admin()('saveTiers', { tiers: newGold }));
  expect(saved.rollout).toEqual({ status: 'done', upgraded: 1 });
  await settingsReachEveryone();
  expect(ok(await t.member('o-set-2')('card')).tier).toMatchObject({ id: 'gold', benefits: ['消费1.5倍积分', '专属9折'] });
  expect(ok(await t.member('o-set-1')('card')).tier.id).toBe('silver');
  expect(ok(await t.member('o-set-3')('card')).tier.id).toBe('gold');
  const { data: changes } = (await t.db.collection('tier_changes').where({ memberId: near, reason: 'settings' }).get()) as unknown as { data: Array<{ from: string; to: string }> };
  expect(changes).toEqual([expect.objectContaining({ from: 'silver', to: 'gold' })]);
  const { data: told } = (await t.db.collection('messages').where({ memberId: near, template: 'tier_upgraded' }).get()) as unknown as { data: Array<{ _id: string; data: Record<string, { value: string }> }> };
  expect(told).toEqual([expect.objectContaining({ _id: expect.stringMatching(/^tier:settings:/), data: expect.objectContaining({ thing1: { value: '金卡' } }) })]);
  expect((await auditDetails()).some((detail) => detail.startsWith('会员等级：') && detail.includes('升级门槛 5000 → 3000'))).toBe(true);
  // Saving the same tiers again moves nobody.
  expect(ok(await admin()('saveTiers', { tiers: newGold })).effect.lines).toEqual(['现有会员的等级不受影响']);
  void low;
  void gold;

  // A tier members hold cannot be removed.
  const withoutGold = newGold.filter((tier) => tier.id !== 'gold');
  expect(failed(await admin()('saveTiers', { tiers: withoutGold }))).toBe('TIER_HAS_MEMBERS');

  // A higher keep threshold: gold members below it are told so, and the next review moves them down one tier.
  const strict = tiersWithGold({ threshold: 6500, keepThreshold: 6500 });
  const raised = ok(await admin()('saveTiers', { tiers: strict }));
  expect(raised.effect.lines).toContain('2 位「金卡」会员低于新的保级门槛，将在下次评审时降为「银卡」');
  await settingsReachEveryone();
  expect(ok(await t.member('o-set-3')('card')).tier.id).toBe('gold');
  await t.cloud.client.trigger('member-jobs');
  expect(ok(await t.member('o-set-3')('card')).tier.id).toBe('silver');
  expect(ok(await t.member('o-set-2')('card')).tier.id).toBe('silver');
  ok(await admin()('saveTiers', { tiers: DEFAULT_BRAND_SETTINGS.tiers }));
  await settingsReachEveryone();
});

test('points rules: a new earn rate and expiry apply to points earned from then on; the preview says so', async () => {
  await t.cloud.client.setClock('2026-12-02T10:00:00+08:00');
  const id = await member('o-set-4', '13700000004', 0, '');
  const preview = ok(await admin()('previewPointsRules', { pointsPerYuan: 2, pointsExpiryYears: 0, welcomePoints: 100 }));
  expect(preview.lines[0]).toBe('每消费1元得 1 → 2 积分（再乘等级倍率），从保存后的消费起生效');
  expect(preview.lines[2]).toMatch(/^\d+ 位会员现有的 \d+ 积分仍按原到期日到期$/);
  ok(await admin()('savePointsRules', { pointsPerYuan: 2, pointsExpiryYears: 0, welcomePoints: 100 }));
  await settingsReachEveryone();
  const sale = ok(await t.staff('o-manager')('recordPurchase', { memberId: id, amountFen: 10_000, orderNo: 'SET-4', categories: [] }));
  expect(sale.purchase.pointsEarned).toBe(200);
  const { data } = (await t.db.collection('points_ledger').where({ memberId: id, type: 'earn' }).get()) as unknown as { data: Array<{ expiresAt: Date }> };
  expect(new Date(data[0].expiresAt).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  expect(failed(await admin()('savePointsRules', { pointsPerYuan: 0, pointsExpiryYears: 0, welcomePoints: 100 }))).toBe('INVALID_INPUT');
  ok(await admin()('savePointsRules', { pointsPerYuan: 1, pointsExpiryYears: 1, welcomePoints: 100 }));
});

test('brand and stores: a new privacy version is required of new joins; a new store gets the next code; both audited', async () => {
  const brand = ok(await admin()('saveBrand', { brandName: '示例服饰', privacyVersion: '2027-01', referralRewardPoints: 300 }));
  expect(brand).toMatchObject({ privacyVersion: '2027-01', referralRewardPoints: 300 });
  await settingsReachEveryone();
  expect(failed(await t.member('o-set-5')('join', { scene: 's=S01', consent, phone: { number: '13700000005' } }))).toBe('CONSENT_REQUIRED');
  ok(await t.member('o-set-5')('join', { scene: 's=S01', consent: { version: '2027-01', agreed: true }, phone: { number: '13700000005' } }));

  const added = ok(await admin()('saveStore', { name: '徐汇店', address: '上海市徐汇区漕溪北路3号' }));
  expect(added).toMatchObject({ storeId: 'S10', name: '徐汇店', active: true, staff: 0 });
  ok(await admin()('saveStore', { storeId: 'S10', name: '徐汇港汇店', address: '上海市徐汇区虹桥路1号', active: true }));
  expect(ok(await admin()('settings')).stores.find((store) => store.storeId === 'S10')?.name).toBe('徐汇港汇店');
  expect(failed(await admin()('saveStore', { storeId: 'S01', name: '旗舰店', active: false }))).toBe('SETTINGS_REJECTED');
  expect(await auditDetails()).toEqual(expect.arrayContaining(['隐私政策版本 2026-11 → 2027-01；邀请奖励 200 → 300 积分', '新增门店 S10：徐汇店']));
});
