import { balanceFromLots } from '../shared/rules/member-state';
import { rollingGrowth } from '../shared/rules/growth';
import { tierById } from '../shared/rules/tiers';
import { DEFAULT_BRAND_SETTINGS } from '../shared/rules/brand-settings';
import { generateDemo } from './generate';
import { heatWeekEnds, DEMO_TAG_IDS } from './care';
import { careAfterPurchase, type MemberWithCare } from '../server/care-fields';
import { receiptOf, type MemberDoc } from '../server/documents';
import { heatInputsOf } from '../server/member-scores';
import type { ScoreNorms } from '../server/score-norms';
import { spendInLast12Months } from '../shared/rules/care-stats';
import { builtInJourneys } from '../shared/rules/journeys';
import { heatFallingTwoWeeks, heatIndex, heatTrend, heatWeekKey } from '../shared/rules/heat';
import { DEMO_STAFF } from './brand';

test('the demo data is consistent the way the functions keep it', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const data = generateDemo(now);
  expect(data.members).toHaveLength(200);
  expect(new Set(data.members.map((m) => m.openid)).size).toBe(200);
  expect(new Set(data.members.map((m) => m.phoneKey)).size).toBe(200);
  // one member lost a typed number to its verified owner and waits for a clerk's review
  expect(data.members.filter((m) => m.review)).toEqual([expect.objectContaining({ phone: '', phoneVerified: false, review: expect.objectContaining({ reason: 'phone_detached' }) })]);
  expect(data.approvals).toEqual([expect.objectContaining({ status: 'pending', storeId: 'S01', amountFen: 5_880_000 })]);
  expect(new Set(data.purchases.map((p) => p._id)).size).toBe(data.purchases.length);
  const ledgerSum = new Map<string, number>();
  for (const entry of data.ledger) ledgerSum.set(entry.memberId, (ledgerSum.get(entry.memberId) ?? 0) + entry.points);
  for (const member of data.members) {
    expect({ id: member._id, balance: member.pointsBalance }).toEqual({ id: member._id, balance: ledgerSum.get(member._id) });
    expect(balanceFromLots(member)).toBe(member.pointsBalance);
    // a tier is never above what the growth reached when it was earned, and upgrades are recorded
    const tier = tierById(DEFAULT_BRAND_SETTINGS.tiers, member.tierId);
    if (tier.threshold > 0) expect(data.tierChanges.some((c) => c.memberId === member._id && c.to === member.tierId)).toBe(true);
    expect(rollingGrowth(member.growthBuckets, now, 12)).toBeLessThanOrEqual(member.totalSpendFen / 100);
    expect(member.purchaseCount).toBe(data.purchases.filter((p) => p.memberId === member._id).length);
    expect(member.recentPurchases.map((p) => p.id)).toEqual(
      data.purchases.filter((p) => p.memberId === member._id).sort((a, b) => b.paidAt.getTime() - a.paidAt.getTime()).slice(0, 20).map((p) => p._id),
    );
  }
  expect(new Set(data.members.map((m) => m.tierId))).toEqual(new Set(['normal', 'silver', 'gold', 'diamond']));
  expect(data.members[0]).toMatchObject({ openid: 'demo-shopper', name: '陈静' });

  // coupons: five designs to give out and four gifts for the journeys and the campaign, every state, and purchases that used them priced as the till prices them
  expect(data.couponTemplates).toHaveLength(9);
  expect(new Set(data.coupons.map((c) => c.status))).toEqual(new Set(['unused', 'used', 'expired']));
  expect(new Set(data.coupons.map((c) => c.grantKey)).size).toBe(data.coupons.length);
  expect(new Set(data.coupons.map((c) => c.slotKey)).size).toBe(data.coupons.length);
  const withCoupon = data.purchases.filter((p) => p.couponIds.length);
  expect(withCoupon.length).toBeGreaterThan(20);
  for (const purchase of withCoupon) {
    const coupon = data.coupons.find((c) => c._id === purchase.couponIds[0])!;
    expect(coupon).toMatchObject({ status: 'used', usedPurchaseId: purchase._id, discountFen: purchase.discountFen, usedSaleFen: purchase.paidFen });
    expect(purchase.paidFen).toBe(purchase.amountFen - purchase.discountFen);
    expect(purchase.points).toBeLessThanOrEqual(Math.floor((purchase.paidFen * 2) / 100));
  }
  for (const template of data.couponTemplates) {
    expect(template.issued).toBe(data.coupons.filter((c) => c.templateId === template._id).length);
    if (template.remaining !== null) expect(template.remaining).toBeGreaterThanOrEqual(0);
  }
  expect(data.coupons.filter((c) => c.memberId === 'demo-member-000' && c.status === 'unused').length).toBeGreaterThanOrEqual(3);
});

describe('customer care in the demo', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const data = generateDemo(now);
  const DAY = 86_400_000;

  test('members are served by the clerk who invited them: most of 静安旗舰店 by 李导购, about 40 by 孙导购', () => {
    for (const member of data.members) expect(member.servingStaffId).toBe(member.inviterStaffId);
    const servedBy = (staffId: string) => data.members.filter((m) => m.servingStaffId === staffId).length;
    expect(servedBy('staff-clerk-3')).toBeGreaterThanOrEqual(30);
    expect(servedBy('staff-clerk-3')).toBeLessThanOrEqual(50);
    expect(servedBy('staff-clerk-1')).toBeGreaterThan(servedBy('staff-clerk-3'));
    expect(servedBy('staff-clerk-3')).toBeGreaterThan(servedBy('staff-manager'));
    expect(data.members[0].servingStaffId).toBe('staff-clerk-1');
    expect(DEMO_STAFF.find((s) => s._id === 'staff-clerk-3')).toMatchObject({ openid: 'demo-clerk-3', code: 'CLK003', name: '孙导购', role: 'clerk', storeId: 'S01', status: 'active' });
  });

  test('care figures are what careAfterPurchase keeps, purchase by purchase; everyone is due for the care jobs now', () => {
    for (const member of data.members) {
      const purchases = data.purchases.filter((p) => p.memberId === member._id && p.status === 'valid').sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime());
      let care: Partial<MemberDoc> = {};
      for (const purchase of purchases) care = { ...care, ...careAfterPurchase(care as MemberDoc, receiptOf(purchase), purchase.paidAt) };
      expect({ id: member._id, categoryCounts: member.categoryCounts, couponPurchaseCount: member.couponPurchaseCount, spendMonths: member.spendMonths, firstPurchaseAt: member.firstPurchaseAt }).toEqual({
        id: member._id,
        categoryCounts: care.categoryCounts ?? {},
        couponPurchaseCount: care.couponPurchaseCount ?? 0,
        spendMonths: care.spendMonths ?? {},
        firstPurchaseAt: care.firstPurchaseAt ?? null,
      });
      expect(member.spend12mFen).toBe(spendInLast12Months(member.spendMonths!, now));
      expect(member.careDueAt).toEqual(now);
      expect(member.phoneTail).toBe(member.phone.slice(-4));
    }
    expect(data.members.some((m) => m.couponPurchaseCount! > 0 && Object.keys(m.categoryCounts!).length > 1)).toBe(true);
  });

  test('heat history: 8 weeks for members who bought, this week as the nightly pass scores it; 陈静 falling two weeks running, others rising', () => {
    const norms = data.jobState.find((doc) => doc._id === 'score-norms')!.data as unknown as ScoreNorms;
    const weeks = heatTrend(Object.fromEntries(heatWeekEnds(now).map((at) => [heatWeekKey(at), 0])), now).map((w) => w.week);
    expect(weeks).toHaveLength(8);
    const oldest = heatWeekEnds(now)[0];
    const buyers = data.members.filter((m) => m.purchaseCount > 0 && m.joinedAt.getTime() <= oldest.getTime());
    expect(buyers.length).toBeGreaterThan(100);
    for (const member of buyers) expect(Object.keys(member.heatWeeks!).sort()).toEqual(weeks);
    for (const member of data.members) {
      const reference = norms.stores[member.homeStoreId!].spendReferenceFen;
      expect({ id: member._id, heat: member.heat }).toEqual({ id: member._id, heat: heatIndex(heatInputsOf(member as MemberWithCare, reference, now)).score });
      expect(member.heatWeeks![heatWeekKey(now)]).toBe(member.heat);
    }
    expect(heatFallingTwoWeeks(data.members[0].heatWeeks!, now)).toBe(true);
    const [before, , current] = weeks.slice(-3);
    expect(buyers.filter((m) => m.heatWeeks![current] > m.heatWeeks![before]).length).toBeGreaterThanOrEqual(5);
    expect(data.members.filter((m) => m.rfm).length).toBeGreaterThan(50);
  });

  test('陈静 falls two weeks running whatever the weekday', () => {
    for (const hours of [-12, 37, 90, 155]) {
      const at = new Date(now.getTime() + hours * 3_600_000);
      expect({ at, falling: heatFallingTwoWeeks(generateDemo(at).members[0].heatWeeks!, at) }).toEqual({ at, falling: true });
    }
  });

  test('manual tags: two of the brand, one of 静安旗舰店, on members who may carry them', () => {
    expect(data.tags.map((t) => [t._id, t.name, t.storeId])).toEqual([
      [DEMO_TAG_IDS.stylish, '爱穿搭', null],
      [DEMO_TAG_IDS.vipCare, 'VIP客户维护', null],
      [DEMO_TAG_IDS.family, '亲子顾客', 'S01'],
    ]);
    const tags = new Map(data.tags.map((t) => [t._id, t]));
    for (const tag of data.tags) expect(data.members.filter((m) => m.manualTags!.includes(tag._id)).length).toBeGreaterThanOrEqual(5);
    for (const member of data.members) {
      for (const id of member.manualTags!) expect([null, member.homeStoreId]).toContain(tags.get(id)!.storeId);
    }
    expect(data.members[0].manualTags).toContain(DEMO_TAG_IDS.stylish);
  });

  test('interactions: about 30 members, 陈静 among them, by staff who serve them; the members keep their times', () => {
    const members = new Map(data.members.map((m) => [m._id, m]));
    const staff = new Map(DEMO_STAFF.map((s) => [s._id, s]));
    const logged = data.interactions.filter((i) => !i.taskId);
    const withLogged = new Set(logged.map((i) => i.memberId));
    expect(withLogged.size).toBeGreaterThanOrEqual(25);
    expect(withLogged.size).toBeLessThanOrEqual(40);
    expect(withLogged.has('demo-member-000')).toBe(true);
    expect(new Set(data.interactions.map((i) => i.kind))).toEqual(new Set(['call', 'wechat', 'visit', 'complaint']));
    expect(new Set(data.interactions.map((i) => i._id)).size).toBe(data.interactions.length);
    for (const interaction of data.interactions) {
      const member = members.get(interaction.memberId)!;
      expect(member.homeStoreId).toBe(staff.get(interaction.staffId)!.storeId);
      expect(interaction.storeId).toBe(member.homeStoreId);
      expect(interaction.at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(interaction.at.getTime()).toBeGreaterThanOrEqual(member.joinedAt.getTime());
      expect(interaction.note).not.toMatch(/[{}]/);
    }
    for (const interaction of logged.filter((i) => i.memberId !== 'demo-member-000')) expect(now.getTime() - interaction.at.getTime()).toBeLessThanOrEqual(61 * DAY);
    for (const member of data.members) {
      const times = data.interactions.filter((i) => i.memberId === member._id).map((i) => i.at).sort((a, b) => b.getTime() - a.getTime()).slice(0, 20);
      expect(member.recentInteractions).toEqual(times);
    }
  });

  test('tasks in every state for 李导购 and 孙导购, keyed as the care jobs and the after-purchase journey key them', () => {
    for (const clerk of ['staff-clerk-1', 'staff-clerk-3']) {
      const tasks = data.tasks.filter((t) => t.ownerStaffId === clerk);
      expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(['open', 'done', 'skipped', 'expired']));
      for (const task of tasks.filter((t) => t.status === 'expired')) expect(['superseded', 'overdue']).toContain(task.closedReason);
      // open manual ones: one overdue, one a week and more past due (the care jobs expire it), one upcoming
      expect(tasks.filter((t) => t.status === 'open' && t.cause === 'manual').map((t) => Math.sign(t.dueAt.getTime() - now.getTime()))).toEqual([-1, -1, 1]);
    }
    const steps = builtInJourneys({ invitation: '', birthday: '', winBack: '', anniversary: '' }).after_purchase.steps.flatMap((step) => (step.type === 'task' ? [step] : []));
    const members = new Map(data.members.map((m) => [m._id, m]));
    for (const task of data.tasks) {
      const member = members.get(task.memberId)!;
      expect(task.ownerStaffId).toBe(member.servingStaffId);
      expect(task.storeId).toBe(member.homeStoreId);
      expect(task.context).toMatchObject({ name: member.name, phoneMasked: expect.stringMatching(/^139\*{4}\d{4}$/) });
      if (task.purchaseId) {
        const purchase = data.purchases.find((p) => p._id === task.purchaseId)!;
        // A follow-up of the purchase, due as the after-purchase journey's step of its cause says.
        const step = steps.find((s) => s.cause === task.cause)!;
        expect(task._id).toBe(`${step.cause}:${purchase._id}`);
        expect(task.dueAt.getTime()).toBe(purchase.paidAt.getTime() + step.dueInDays * DAY);
        expect(task.context.lastCategory).toBe(purchase.categories[0]);
        const run = data.enrollments.find((e) => e.memberId === member._id)!;
        if (member.recentPurchases[0].id === purchase._id) {
          // The newest purchase's: named by the journey run over that purchase; open, or done by its owner once a day past due.
          expect(run.taskKeys).toContain(task._id);
          if (task.status !== 'open') {
            expect(task.status).toBe('done');
            expect(task.closedBy).toBe(task.ownerStaffId);
            expect(task.dueAt.getTime()).toBeLessThanOrEqual(now.getTime() - DAY);
          }
        } else {
          // An earlier purchase's: closed, or superseded by the newer one.
          expect(task.status).not.toBe('open');
          expect(run.entryKey).not.toBe(purchase._id);
        }
      } else {
        expect(task._id).toMatch(/^manual:staff-clerk-[13]:/);
      }
      if (task.status !== 'open') expect(task.closedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
      if (task.status === 'done') {
        expect(data.interactions.find((i) => i._id === `task:${task._id}`)).toMatchObject({ taskId: task._id, outcome: task.outcome, staffId: task.ownerStaffId, at: task.closedAt });
      }
    }
  });

  test("one after-purchase journey run per buyer, over the newest purchase, finished: the engine makes nothing of it again", () => {
    const buyers = data.members.filter((m) => m.recentPurchases.length > 0);
    expect(data.enrollments).toHaveLength(buyers.length);
    for (const member of buyers) {
      const run = data.enrollments.find((e) => e._id === `builtin-after_purchase:${member._id}`)!;
      expect(run).toMatchObject({ journeyId: 'builtin-after_purchase', memberId: member._id, storeId: member.homeStoreId, entryNo: 1, entryKey: member.recentPurchases[0].id, status: 'done', stepId: null, wakeAt: null });
      expect(run.enteredAt).toEqual(member.recentPurchases[0].at);
      // It names exactly the newest purchase's follow-ups it made (open or done since): a newer purchase or a void closes the open ones.
      const made = data.tasks.filter((t) => t.purchaseId === run.entryKey).map((t) => t._id);
      expect([...run.taskKeys].sort()).toEqual(made.sort());
    }
    // Some follow-ups are still ahead or due: what a clerk's list shows now.
    expect(data.tasks.filter((t) => t.status === 'open' && t.purchaseId).length).toBeGreaterThan(10);
    // And most that came due a day and more ago were done by the clerks: the dashboard's completion is a real figure.
    const pastDue = data.tasks.filter((t) => t.journeyId && t.dueAt.getTime() <= now.getTime() - DAY);
    const done = pastDue.filter((t) => t.status === 'done').length;
    expect(done).toBeGreaterThan(pastDue.length / 2);
    expect(done).toBeLessThan(pastDue.length);
    expect(new Set(data.stepRuns.map((r) => r._id)).size).toBe(buyers.length * 3);
  });
});
