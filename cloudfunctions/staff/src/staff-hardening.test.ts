/** The till as a dishonest clerk and a careless shop would use it: own membership, big sales, voids, invites, codes. */
import { failed, ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();

async function memberDoc(id: string) {
  return ((await t.db.collection('members').doc(id).get()) as unknown as { data: Record<string, any> }).data;
}

const count = async (collection: string, where: Record<string, unknown> = {}) =>
  ((await t.db.collection(collection).where(where).count()) as { total: number }).total;

const join = async (openid: string, number: string) => ok(await t.member(openid)('join', { scene: 's=S01', consent, phone: { number } })).card.memberId;

describe('staff never act on their own membership', () => {
  test('a clerk who is also a member cannot record or void on it; a colleague can', async () => {
    const own = await join('o-clerk1', '13911110001');
    expect(failed(await t.staff('o-clerk1')('recordPurchase', { memberId: own, amountFen: 100_000_000, orderNo: 'SELF-1' }))).toBe('OWN_MEMBERSHIP');
    expect(failed(await t.staff('o-clerk1')('recordPurchase', { memberId: own, amountFen: 100, orderNo: 'SELF-2' }))).toBe('OWN_MEMBERSHIP');
    const byManager = ok(await t.staff('o-manager')('recordPurchase', { memberId: own, amountFen: 10_000, orderNo: 'SELF-3' }));
    expect(byManager.purchase.staffName).toBe('王店长');
    expect(failed(await t.staff('o-clerk1')('voidPurchase', { purchaseId: byManager.purchase.purchaseId }))).toBe('OWN_MEMBERSHIP');
    expect(await count('purchases', { memberId: own })).toBe(1);
    expect((await memberDoc(own)).pointsBalance).toBe(200);
  });
});

describe('a clerk sale above the limit waits for a manager', () => {
  let memberId: string;
  beforeAll(async () => {
    memberId = await join('o-big-spender', '13911110002');
  });

  test('the clerk is told so, nothing is recorded, asking again is the same pending sale', async () => {
    const first = await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 5_000_001, orderNo: 'BIG-1' });
    expect(failed(first)).toBe('APPROVAL_REQUIRED');
    expect(!first.ok && first.error.message).toMatch(/店长/);
    expect(failed(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 5_000_001, orderNo: 'BIG-1' }))).toBe('APPROVAL_REQUIRED');
    expect(failed(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 6_000_000, orderNo: 'BIG-1' }))).toBe('ORDER_CONFLICT');
    expect(await count('purchases', { memberId })).toBe(0);
    expect(await count('purchase_approvals', { memberId })).toBe(1);
    // exactly at the limit needs nobody
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 5_000_000, orderNo: 'AT-LIMIT' }));
  });

  test('managers see it, clerks and other stores do not; the manager confirms and it is the clerk\'s sale, once', async () => {
    expect(ok(await t.staff('o-manager')('me'))!.pendingSales).toBe(1);
    expect(ok(await t.staff('o-clerk1')('me'))!.pendingSales).toBeUndefined();
    const { sales } = ok(await t.staff('o-manager')('pendingSales', {}));
    expect(sales).toEqual([expect.objectContaining({ approvalId: 'S01_BIG-1', amountFen: 5_000_001, staffName: '李导购', phoneMasked: '139****0002' })]);
    expect(failed(await t.staff('o-clerk1')('pendingSales', {}))).toBe('FORBIDDEN');
    expect(failed(await t.staff('o-manager')('pendingSales', { storeId: 'S02' }))).toBe('FORBIDDEN');

    const before = (await memberDoc(memberId)).pointsBalance;
    const confirmations = await Promise.all([
      t.staff('o-manager')('approveSale', { approvalId: 'S01_BIG-1' }),
      t.staff('o-admin')('approveSale', { approvalId: 'S01_BIG-1' }),
      t.staff('o-manager')('approveSale', { approvalId: 'S01_BIG-1' }),
    ]);
    const answers = confirmations.map(ok);
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    expect(answers[0].purchase).toMatchObject({ amountFen: 5_000_001, staffName: '李导购', storeName: '旗舰店' });
    expect(await count('purchases', { _id: 'S01_BIG-1', approvedBy: t.db.command.in(['st-manager', 'st-admin']) })).toBe(1);
    expect((await memberDoc(memberId)).pointsBalance - before).toBe(answers[0].purchase.pointsEarned);
    expect(ok(await t.staff('o-manager')('pendingSales', {})).sales).toEqual([]);
    // the clerk trying again is told it is recorded
    expect(ok(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 5_000_001, orderNo: 'BIG-1' })).duplicate).toBe(true);
  });

  test('a declined sale stays declined; a manager records big sales directly', async () => {
    expect(failed(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 9_000_000, orderNo: 'BIG-2' }))).toBe('APPROVAL_REQUIRED');
    expect(failed(await t.staff('o-clerk2')('declineSale', { approvalId: 'S01_BIG-2' }))).toBe('FORBIDDEN');
    ok(await t.staff('o-manager')('declineSale', { approvalId: 'S01_BIG-2', reason: '金额有误' }));
    ok(await t.staff('o-manager')('declineSale', { approvalId: 'S01_BIG-2' }));
    expect(failed(await t.staff('o-manager')('approveSale', { approvalId: 'S01_BIG-2' }))).toBe('APPROVAL_DECLINED');
    expect(failed(await t.staff('o-clerk1')('recordPurchase', { memberId, amountFen: 9_000_000, orderNo: 'BIG-2' }))).toBe('APPROVAL_DECLINED');
    expect(await count('purchases', { _id: 'S01_BIG-2' })).toBe(0);
    expect(ok(await t.staff('o-manager')('recordPurchase', { memberId, amountFen: 9_000_000, orderNo: 'BIG-3' })).duplicate).toBe(false);
    expect(failed(await t.staff('o-manager')('approveSale', { approvalId: 'S01_NOPE' }))).toBe('APPROVAL_NOT_FOUND');
  });
});

describe('a void takes the purchase out of every figure', () => {
  test('count, spend, last purchase and the recent list go back to what the valid purchases say', async () => {
    const id = await join('o-voider', '13911110003');
    const first = ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 10_000, orderNo: 'VF-1' }));
    const second = ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 20_000, orderNo: 'VF-2' }));
    const third = ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 30_000, orderNo: 'VF-3' }));
    expect(await memberDoc(id)).toMatchObject({ purchaseCount: 3, totalSpendFen: 60_000 });

    ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: third.purchase.purchaseId }));
    const afterLast = await memberDoc(id);
    expect(afterLast).toMatchObject({ purchaseCount: 2, totalSpendFen: 30_000 });
    expect(new Date(afterLast.lastPurchaseAt).toISOString()).toBe(second.purchase.paidAt);
    expect(afterLast.recentPurchases.map((p: { id: string }) => p.id)).toEqual([second.purchase.purchaseId, first.purchase.purchaseId]);

    // voiding twice, even at once, from the member's receipt or from the purchase, takes it out once
    const voids = await Promise.all([
      t.staff('o-clerk1')('voidPurchase', { purchaseId: first.purchase.purchaseId, memberId: id }),
      t.staff('o-clerk1')('voidPurchase', { purchaseId: first.purchase.purchaseId, memberId: id }),
      t.staff('o-manager')('voidPurchase', { purchaseId: first.purchase.purchaseId }),
      t.staff('o-clerk1')('voidPurchase', { purchaseId: first.purchase.purchaseId, memberId: 'someone-else' }),
    ]);
    expect(voids.map(ok).filter((v) => !v.alreadyVoided)).toHaveLength(1);
    expect(await count('points_ledger', { purchaseId: first.purchase.purchaseId, type: 'reverse' })).toBe(1);
    expect(await memberDoc(id)).toMatchObject({ purchaseCount: 1, totalSpendFen: 20_000 });
    ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: second.purchase.purchaseId }));
    expect(await memberDoc(id)).toMatchObject({ purchaseCount: 0, totalSpendFen: 0, lastPurchaseAt: null, recentPurchases: [] });
  });

  test('after voiding more purchases than the member keeps, the last one is read back from the history', async () => {
    const id = await join('o-many', '13911110004');
    const made = [];
    for (let i = 0; i < 22; i++) made.push(ok(await t.staff('o-clerk1')('recordPurchase', { memberId: id, amountFen: 1_000, orderNo: `MANY-${i}` })).purchase);
    for (const purchase of made.slice(2).reverse()) ok(await t.staff('o-clerk1')('voidPurchase', { purchaseId: purchase.purchaseId }));
    const doc = await memberDoc(id);
    expect(doc).toMatchObject({ purchaseCount: 2, totalSpendFen: 2_000 });
    expect(new Date(doc.lastPurchaseAt).toISOString()).toBe(made[1].paidAt);
    expect(doc.recentPurchases.map((p: { id: string }) => p.id)).toEqual([made[1].purchaseId, made[0].purchaseId]);
  });
});

describe('invites', () => {
  const invite = async (by: string, name: string, role: 'clerk' | 'manager' = 'clerk') => ok(await t.admin(by)('createInvite', { name, role })).code;

  test('an invite dies with its maker: a manager disabled after inviting', async () => {
    await t.db.collection('staff').add({ data: { _id: 'st-temp-mgr', openid: 'o-temp-mgr', code: 'TMP001', name: '临时店长', role: 'manager', storeId: 'S01', status: 'active', inviteCode: 'SEEDTMP1', boundAt: new Date() } });
    const code = await invite('o-temp-mgr', '新导购');
    await t.db.collection('staff').doc('st-temp-mgr').update({ data: { status: 'disabled' } });
    expect(failed(await t.staff('o-newbie')('bind', { inviteCode: code }))).toBe('INVITE_INVALID');
    expect(await count('staff', { openid: 'o-newbie' })).toBe(0);
  });

  test('a manager revokes an unused invite; a used one cannot be revoked', async () => {
    const code = await invite('o-manager', '待撤销');
    ok(await t.admin('o-manager')('revokeInvite', { code }));
    ok(await t.admin('o-manager')('revokeInvite', { code }));
    expect(failed(await t.staff('o-revoked')('bind', { inviteCode: code }))).toBe('INVITE_REVOKED');
    expect(failed(await t.admin('o-clerk1')('revokeInvite', { code }))).toBe('FORBIDDEN');

    const used = await invite('o-manager', '已入职');
    ok(await t.staff('o-hired')('bind', { inviteCode: used }));
    expect(failed(await t.admin('o-manager')('revokeInvite', { code: used }))).toBe('INVITE_USED');
    expect(failed(await t.admin('o-manager')('revokeInvite', { code: 'ZZZZZZZZ' }))).toBe('INVITE_NOT_FOUND');
  });

  test('disabled staff binding again are told they are disabled', async () => {
    expect(failed(await t.staff('o-gone')('bind', { inviteCode: 'SEEDGONE' }))).toBe('STAFF_DISABLED');
  });

  test('one WeChat user binding three invites at once becomes staff once; the others answer ALREADY_STAFF', async () => {
    for (let round = 0; round < 3; round++) {
      // Warm instances first: cold starts would spread the binds out and hide the race.
      await Promise.all(Array.from({ length: 10 }, () => t.staff('o-warm')('me')));
      const openid = `o-twice-${round}`;
      const codes = [await invite('o-manager', '张三'), await invite('o-manager', '张三'), await invite('o-admin', '张三', 'manager')];
      const results = await Promise.all(codes.map((inviteCode) => t.staff(openid)('bind', { inviteCode })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map(failed)).toEqual(['ALREADY_STAFF', 'ALREADY_STAFF']);
      const { data } = (await t.db.collection('staff').where({ openid }).get()) as unknown as { data: Array<{ inviteCode: string; role: string }> };
      expect(data).toHaveLength(1);
      // the answer that succeeded is the record that was made, from the invite that was used
      const winner = results[codes.indexOf(data[0].inviteCode)];
      expect(winner.ok && winner.data.role).toBe(data[0].role);
      for (const unused of codes.filter((code) => code !== data[0].inviteCode)) {
        expect(((await t.db.collection('staff_invites').doc(unused).get()) as unknown as { data: { usedBy: string | null } }).data.usedBy).toBeNull();
        expect(failed(await t.staff(openid)('bind', { inviteCode: unused }))).toBe('ALREADY_STAFF');
      }
      // the same invite again is the same record (a double tap)
      expect(ok(await t.staff(openid)('bind', { inviteCode: data[0].inviteCode })).role).toBe(data[0].role);
    }
  });
});
