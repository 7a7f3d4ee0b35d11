import { DEFAULT_BRAND_SETTINGS, type BrandSettings } from '../shared/rules/brand-settings';
import { earnReason } from '../shared/rules/ledger-text';
import { applyPurchase } from '../shared/rules/member-state';
import { expiryForEarning } from '../shared/rules/points';
import { addPurchaseStats, NO_PURCHASES, type PurchaseStats } from '../shared/rules/purchase-stats';
import { formatShanghai, startOfShanghaiDay } from '../shared/time/shanghai';
import { receiptOf, type CouponDoc, type CouponTemplateDoc, type ApprovalDoc, type EnrollmentDoc, type InteractionDoc, type JobStateDoc, type LedgerDoc, type MemberCareFields, type MemberDoc, type PurchaseDoc, type PurchaseReceipt, type StepRunDoc, type TagDoc, type TaskDoc, type TierChangeDoc } from '../server/documents';
import { careAfterPurchase } from '../server/care-fields';
import { spendInLast12Months } from '../shared/rules/care-stats';
import { memberState, withMemberState } from '../server/member-state';
import { newMember, noPhoneKey } from '../server/new-member';
import { DEMO_OPENIDS, DEMO_STAFF, DEMO_STORES } from './brand';
import { demoCoupon, demoTemplates, DEMO_TEMPLATE_IDS, settled, used } from './coupons';
import { applyCoupons } from '../shared/rules/coupons';
import { applySpend } from '../shared/rules/member-state';
import { exchangeReason } from '../shared/rules/ledger-text';
import { addCareDemo } from './care';

/** The span a member's drawn buying habit covers. */
const HALF_YEAR_DAYS = 182;

export type WithId<T> = T & { _id: string };

export interface DemoData {
  members: WithId<MemberDoc>[];
  purchases: WithId<PurchaseDoc>[];
  ledger: WithId<LedgerDoc>[];
  tierChanges: WithId<TierChangeDoc>[];
  approvals: WithId<ApprovalDoc>[];
  couponTemplates: WithId<CouponTemplateDoc>[];
  coupons: WithId<CouponDoc>[];
  /** Customer care: manual tags, interactions, follow-up tasks the care jobs would not make at seed time, and the score norms. */
  tags: WithId<TagDoc>[];
  interactions: WithId<InteractionDoc>[];
  tasks: WithId<TaskDoc>[];
  /** The after-purchase journey's runs over each member's newest purchase (the follow-ups it made are in tasks). */
  enrollments: WithId<EnrollmentDoc>[];
  stepRuns: WithId<StepRunDoc>[];
  jobState: WithId<JobStateDoc>[];
  /** settings/brand: the welcome coupon. */
  settings: Partial<BrandSettings>;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const GIVEN = ['静', '敏', '丽', '婷', '雪', '芳', '娜', '磊', '伟', '洋', '杰', '欣怡', '子涵', '雨桐', '思远', '佳琪', '晓东', '一鸣', '梓萱', '浩然'];
const CATEGORIES = ['上装', '下装', '鞋履', '配饰', '童装'];
const DAY = 86_400_000;

/** Deterministic so every fresh demo looks the same and screenshots are stable. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

/**
 * About 200 members with a year of purchases, built with the same rules the functions apply, purchase
 * by purchase in time order: balances, lots, growth and tiers are exactly what the functions would hold.
 */
export function generateDemo(now: Date, count = 200, settings: BrandSettings = DEFAULT_BRAND_SETTINGS): DemoData {
  const random = rng(20261123);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const clerksByStore = new Map(DEMO_STORES.map((s) => [s._id, DEMO_STAFF.filter((st) => st.storeId === s._id && st.role !== 'admin')]));
  const templates = demoTemplates(now);
  const byId = new Map(templates.map((t) => [t._id, t]));
  const out: DemoData = {
    members: [], purchases: [], ledger: [], tierChanges: [], approvals: [], couponTemplates: templates, coupons: [],
    tags: [], interactions: [], tasks: [], enrollments: [], stepRuns: [], jobState: [],
    settings: { welcomeCouponTemplateIds: [DEMO_TEMPLATE_IDS.welcome] },
  };
  const staffById = new Map(DEMO_STAFF.map((st) => [st._id, st]));
  // At 静安旗舰店 about half the members were invited by 李导购, four in ten by 孙导购 (the clerk to offboard), a few by the manager.
  const inviterAt = (storeId: string, staff: typeof DEMO_STAFF, draw: number, demoShopper: boolean) => {
    if (storeId !== 'S01') return staff[Math.floor(draw * staff.length)];
    return staffById.get(demoShopper || draw < 0.5 ? 'staff-clerk-1' : draw < 0.95 ? 'staff-clerk-3' : 'staff-manager')!;
  };
  // Coupon choices draw from their own sequence, so the members and purchases stay the brand they were.
  const couponRandom = rng(20261202);
  let order = 1000;

  for (let i = 0; i < count; i++) {
    const demoShopper = i === 0;
    const id = `demo-member-${String(i).padStart(3, '0')}`;
    const store = demoShopper ? DEMO_STORES[0] : pick(DEMO_STORES);
    const staff = clerksByStore.get(store._id)!;
    const joinedAt = new Date(now.getTime() - (demoShopper ? 330 : 1 + Math.floor(random() * 399)) * DAY);
    const profile = random();
    // A mix like a real shop's: a few heavy buyers, many regulars, and one-timers who went quiet.
    const [habit, maxYuan] = demoShopper ? [9, 260] : profile < 0.03 ? [20 + Math.floor(random() * 10), 3000] : profile < 0.12 ? [10 + Math.floor(random() * 12), 1600] : profile < 0.6 ? [2 + Math.floor(random() * 7), 600] : [Math.floor(random() * 2), 500];
    // The habit is what they buy in half a year; a member has bought in proportion to how long they have been one
    // (a week-old member has not bought twenty times, and the daily sales do not pile up on the last weeks), at least once.
    const purchaseCount = habit === 0 ? 0 : Math.max(1, Math.round((habit * (now.getTime() - joinedAt.getTime())) / (HALF_YEAR_DAYS * DAY)));
    // Profile fields are drawn after the purchases, as they always were, so the demo stays the same brand.
    const joining = (profile: { name: string; gender: 'female' | 'male'; birthday: string | null }, inviterStaffId: string) =>
      newMember(
        {
          memberId: id,
          welcomeLotId: `${id}-welcome`,
          openid: demoShopper ? DEMO_OPENIDS.shopper : `demo-openid-${i}`,
          phone: `139${String(10_000_000 + i * 7919).slice(-8)}`,
          phoneVerified: true,
          profile,
          homeStoreId: store._id,
          inviterStaffId,
          consentVersion: settings.privacyVersion,
          joinedAt,
        },
        settings,
      );
    let state = memberState(joining({ name: '', gender: 'female', birthday: null }, staff[0]._id).member);
    let stats: PurchaseStats<PurchaseReceipt> = NO_PURCHASES;
    // The care figures a purchase keeps on the member, as recordPurchase keeps them (server/care-fields.ts).
    let care: Partial<MemberCareFields> = {};
    let couponSeq = 0;
    const nextCouponId = () => `${id}-c${couponSeq++}`;
    let welcomeCoupon: WithId<CouponDoc> | null = demoCoupon(nextCouponId(), byId.get(DEMO_TEMPLATE_IDS.welcome)!, id, joinedAt, 'welcome', { grantKey: `welcome:${id}:${DEMO_TEMPLATE_IDS.welcome}`, slotKey: null }, couponRandom);
    const memberCoupons: WithId<CouponDoc>[] = [];
    let claims = 0;

    const span = now.getTime() - joinedAt.getTime();
    const times = Array.from({ length: purchaseCount }, () => joinedAt.getTime() + random() * span).sort((a, b) => a - b);
    for (const time of times) {
      // Shops are open 10:00–21:30 Shanghai time.
      const opening = startOfShanghaiDay(new Date(time)).getTime() + 10 * 3_600_000;
      const paidAt = new Date(Math.max(joinedAt.getTime() + 60_000, Math.min(opening + Math.floor(random() * 41_400) * 1000, now.getTime() - 60_000)));
      const amountFen = (50 + Math.floor(random() * (maxYuan - 50))) * 100 + (random() < 0.3 ? 50 : 0);
      const orderNo = `D${formatShanghai(paidAt, 'YYYYMMDD')}${order++}`;
      const purchaseId = `${store._id}_${orderNo}`;
      const clerk = pick(staff);
      const lotId = `${id}-lot-${order}`;
      // The welcome coupon on a first purchase within its month; now and then a 满300减50 claimed days before.
      let coupon: WithId<CouponDoc> | null = null;
      if (welcomeCoupon && paidAt.getTime() < welcomeCoupon.validUntil.getTime()) {
        coupon = welcomeCoupon;
        welcomeCoupon = null;
      } else if (amountFen >= 30_000 && couponRandom() < 0.25) {
        claims++;
        coupon = demoCoupon(nextCouponId(), byId.get(DEMO_TEMPLATE_IDS.cash)!, id, new Date(paidAt.getTime() - 2 * DAY), 'claim', { grantKey: `claim:${id}:demo${claims}`, slotKey: `take:${DEMO_TEMPLATE_IDS.cash}:${id}:${claims}` }, couponRandom);
      }
      const priced = applyCoupons(amountFen, coupon ? [{ id: coupon._id, rule: coupon.rule }] : []);
      const result = applyPurchase(state, { amountFen: priced.paidFen, lotId, now: paidAt }, settings);
      state = result.state;
      if (coupon) memberCoupons.push(used(coupon, { purchaseId, storeId: store._id, staffId: clerk._id, at: paidAt, discountFen: priced.discountFen, paidFen: priced.paidFen }));
      const purchase: WithId<PurchaseDoc> = {
        _id: purchaseId, memberId: id, storeId: store._id, staffId: clerk._id, orderNo, amountFen, categories: [pick(CATEGORIES)], couponIds: coupon ? [coupon._id] : [], discountFen: priced.discountFen, paidFen: priced.paidFen,
        growth: result.growth, points: result.points, lotId, tierBefore: result.tierBefore.id, tierAfter: result.tierAfter.id,
        status: 'valid', paidAt, voidedAt: null, voidedBy: null, voidReason: '',
      };
      const receipt = receiptOf(purchase);
      stats = addPurchaseStats(stats, receipt);
      care = { ...care, ...careAfterPurchase(care as MemberDoc, receipt, paidAt) };
      out.purchases.push(purchase);
      if (result.points > 0) {
        out.ledger.push({ _id: lotId, memberId: id, type: 'earn', points: result.points, reason: earnReason(orderNo), storeId: store._id, staffId: clerk._id, purchaseId, expiresAt: expiryForEarning(paidAt), createdAt: paidAt });
      }
      if (result.upgraded) {
        out.tierChanges.push({ _id: `${lotId}-tier`, memberId: id, from: result.tierBefore.id, to: result.tierAfter.id, reason: 'purchase', growth: result.rollingGrowth, purchaseId, at: paidAt });
      }
    }
    const name = demoShopper ? '陈静' : `${pick(SURNAMES)}${pick(GIVEN)}`;
    const gender = demoShopper ? 'female' : random() < 0.65 ? 'female' : 'male';
    const birthday = demoShopper ? '1992-06-18' : random() < 0.6 ? `19${70 + Math.floor(random() * 30)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}` : null;
    if (welcomeCoupon) memberCoupons.push(welcomeCoupon);
    if (demoShopper) {
      // Her wallet: a 满300减50 and a lucky coupon to use, a canvas bag she exchanged points for.
      memberCoupons.push(demoCoupon(nextCouponId(), byId.get(DEMO_TEMPLATE_IDS.cash)!, id, new Date(now.getTime() - 3 * DAY), 'claim', { grantKey: `claim:${id}:demo-now`, slotKey: `take:${DEMO_TEMPLATE_IDS.cash}:${id}:${claims + 1}` }, couponRandom));
      memberCoupons.push(demoCoupon(nextCouponId(), byId.get(DEMO_TEMPLATE_IDS.lucky)!, id, new Date(now.getTime() - DAY), 'claim', { grantKey: `claim:${id}:demo-lucky`, slotKey: `take:${DEMO_TEMPLATE_IDS.lucky}:${id}:1` }, couponRandom));
      const bag = byId.get(DEMO_TEMPLATE_IDS.gift)!;
      const spentAt = new Date(now.getTime() - 5 * DAY);
      const spent = applySpend(state, bag.pointsCost!, spentAt);
      if (spent) {
        state = spent;
        const coupon = demoCoupon(nextCouponId(), bag, id, spentAt, 'exchange', { grantKey: `exchange:${id}:demo-bag`, slotKey: `take:${bag._id}:${id}:1` }, couponRandom, bag.pointsCost!);
        memberCoupons.push(coupon);
        out.ledger.push({ _id: `${coupon._id}:spent`, memberId: id, type: 'spend', points: -bag.pointsCost!, reason: exchangeReason(bag.name), storeId: null, staffId: null, purchaseId: null, expiresAt: null, createdAt: spentAt });
      }
    }
    for (const coupon of memberCoupons) out.coupons.push(settled(coupon, now));
    const joined = joining({ name, gender, birthday }, inviterAt(store._id, staff, random(), demoShopper)._id);
    if (joined.welcome) out.ledger.push(joined.welcome);
    out.members.push(
      withMemberState(joined.member, state, {
        ...stats,
        tierSince: stats.lastPurchaseAt ?? joinedAt,
        ...care,
        // What the nightly pass keeps as months pass; and due now, so the first care-jobs run looks at everyone.
        spend12mFen: spendInLast12Months(care.spendMonths ?? {}, now),
        careDueAt: now,
      }),
    );
  }
  addCasesForStaff(out, now);
  addCareDemo(out, now, settings);
  for (const template of templates) {
    template.issued = out.coupons.filter((c) => c.templateId === template._id).length;
    if (template.remaining !== null) template.remaining = template.limits.totalStock! - template.issued;
  }
  return out;
}

/** Things a manager and a clerk should meet in the demo: a big sale waiting, a number that changed hands. */
function addCasesForStaff(out: DemoData, now: Date): void {
  const [, buyer, detached] = out.members;
  const clerk = DEMO_STAFF.find((staff) => staff.role === 'clerk' && staff.storeId === 'S01')!;
  const orderNo = `D${formatShanghai(now, 'YYYYMMDD')}9001`;
  out.approvals.push({
    _id: `S01_${orderNo}`,
    memberId: buyer._id,
    storeId: 'S01',
    staffId: clerk._id,
    orderNo,
    amountFen: 5_880_000,
    categories: ['上装'],
    couponIds: [],
    status: 'pending',
    requestedAt: new Date(now.getTime() - 40 * 60_000),
    decidedBy: null,
    decidedAt: null,
    declineReason: '',
  });
  // Joined with a typed number; its verified owner joined later and took it.
  Object.assign(detached, {
    phoneVerified: false,
    review: { reason: 'phone_detached', phone: detached.phone, at: new Date(now.getTime() - 2 * DAY) },
    phone: '',
    phoneKey: noPhoneKey(detached._id),
    phoneTail: '',
  });
}
