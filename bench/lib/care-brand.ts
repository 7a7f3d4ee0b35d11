/**
 * A brand of 100 000 members for the customer-care bench, built with the rules the functions apply:
 * each member joins through `newMember`, then buys purchase by purchase in time order through
 * `applyPurchase`, `addPurchaseStats` and `careAfterPurchase` (what staff.recordPurchase writes). The
 * care jobs' own fields are then set as they would stand after yesterday's runs: the nightly pass
 * (RFM quintiles per store, the norms, heat, segment, automatic tags) and a member visit (tasks by
 * `planCareTasks`, careDueAt moved to the next date anything could change); the last purchase's
 * follow-up tasks are the after-purchase journey's, due as its steps say. A share of members then
 * buys once more during yesterday's opening hours, which makes them due (careDueAt = the purchase),
 * as a day of sales leaves them for the next hourly run.
 *
 * The rules read the calendar through dayjs on every call, so 4 000 distinct purchase histories are
 * built through them and each member takes one (ids, store and clerks rewritten: the rules do not read
 * them); about 25 members share a history's dates and amounts. The nightly pass's RFM ranking is
 * rfmScores' own.
 *
 * Left out because no benched action reads them: the purchases, ledger and tier-change collections.
 */
import type { Segment } from '../../shared/contracts/care-views';
import { autoTags, highTicketMinFen, nextTagChangeAt } from '../../shared/rules/auto-tags';
import { DEFAULT_BRAND_SETTINGS, type BrandSettings } from '../../shared/rules/brand-settings';
import { spendInLast12Months } from '../../shared/rules/care-stats';
import { planCareTasks } from '../../shared/rules/care-tasks';
import { heatFallingTwoWeeks, heatIndex, heatWeekKey } from '../../shared/rules/heat';
import { builtInJourneys } from '../../shared/rules/journeys';
import { applyPurchase } from '../../shared/rules/member-state';
import { addPurchaseStats, purchaseStatsOf } from '../../shared/rules/purchase-stats';
import { rfmScores } from '../../shared/rules/rfm';
import { spendReferenceFen } from '../../shared/rules/score-norms';
import { nextSegmentChangeAt, segmentOf } from '../../shared/rules/segments';
import { shanghaiDayKey, startOfShanghaiDay } from '../../shared/time/shanghai';
import type { Stored } from '../../server/cloud';
import { careAfterPurchase, phoneTailOf, withCare, type MemberWithCare } from '../../server/care-fields';
import type { CouponDoc, InteractionDoc, JobStateDoc, MemberDoc, PurchaseReceipt, StaffDoc, StoreDoc, TagDoc, TaskDoc } from '../../server/documents';
import { memberState, withMemberState } from '../../server/member-state';
import { heatInputsOf } from '../../server/member-scores';
import { newMember, noPhoneKey } from '../../server/new-member';
import { NORMS_ID, type ScoreNorms, type StoreNorms } from '../../server/score-norms';
import { taskContext } from '../../server/task-context';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const CARE_STORES: Array<Stored<StoreDoc>> = [
  { _id: 'S01', name: '旗舰店', address: '上海市静安区南京西路1号', active: true },
  { _id: 'S02', name: '万达店', address: '上海市杨浦区国宾路2号', active: true },
];

function person(id: string, name: string, role: StaffDoc['role'], storeId: string): Stored<StaffDoc> {
  return { _id: id, openid: `o-${id}`, code: id.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 6), name, role, storeId, status: 'active', inviteCode: `B${id}`.slice(0, 8), boundAt: new Date('2026-01-01T00:00:00Z') };
}

/** Ten clerks per store; st-c10 (S01) is the one who leaves, serving exactly LEAVER_CUSTOMERS members. */
export const CLERKS = Array.from({ length: 20 }, (_u, i) => person(`st-c${String(i + 1).padStart(2, '0')}`, `导购${i + 1}`, 'clerk', i < 10 ? 'S01' : 'S02'));
export const CARE_STAFF: Array<Stored<StaffDoc>> = [person('st-admin', '总部管理员', 'admin', 'S01'), person('st-m01', '王店长', 'manager', 'S01'), person('st-m02', '赵店长', 'manager', 'S02'), ...CLERKS];
export const LEAVER = 'st-c10';
export const LEAVER_CUSTOMERS = 2000;
export const LEAVER_OPEN_TASKS = 1000;
const MANAGER_OF: Record<string, string> = { S01: 'st-m01', S02: 'st-m02' };

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const GIVEN = ['静', '敏', '丽', '婷', '雪', '芳', '娜', '磊', '伟', '洋', '杰', '欣怡', '子涵', '雨桐', '思远', '佳琪', '晓东', '一鸣', '梓萱', '浩然'];
const CATEGORIES = ['上装', '下装', '鞋履', '配饰', '童装', '外套'];
export const BRAND_TAGS: Array<Stored<TagDoc>> = ['老客户', '爱打折', '需回访', '大码', '学生', '职场', '宝妈', '投诉过'].map((name, i) => ({
  _id: `tag-${i}`,
  name,
  storeId: i < 6 ? null : 'S01',
  createdBy: 'st-admin',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  archived: false,
}));

/** Deterministic, so runs compare. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

export interface CareBrand {
  members: Array<Stored<MemberDoc>>;
  tasks: Array<Stored<TaskDoc>>;
  coupons: Array<Stored<CouponDoc>>;
  interactions: Array<Stored<InteractionDoc>>;
  jobState: Array<Stored<JobStateDoc>>;
  /** Members who bought yesterday after the last visit: due for the next care-jobs run. */
  boughtYesterday: number;
  /** A member the first clerk serves, with purchases, coupons, interactions and open tasks: the profile's subject. */
  profileMemberId: string;
}

export interface CareBrandOptions {
  count: number;
  /** Members (about one in `1/share`) who buy once more yesterday and are due for a visit. */
  yesterdayShare: number;
  /** The instant of the measured runs: yesterday's runs happened a day before it. */
  now: Date;
  settings?: BrandSettings;
}

export function memberIdOf(i: number): string {
  return `m${String(i).padStart(6, '0')}`;
}

/** Which clerk serves member i: the leaver every 50th member (all in S01), about 3% nobody (the store's manager). */
function servingOf(i: number, storeId: string, random: () => number): string | null {
  if (i % 50 === 0) return LEAVER;
  if (random() < 0.03) return null;
  const pool = CLERKS.filter((c) => c.storeId === storeId && c._id !== LEAVER);
  return pool[Math.floor(random() * pool.length)]._id;
}

function buy(member: Stored<MemberDoc>, receipt: Omit<PurchaseReceipt, 'points' | 'growth' | 'tierBefore' | 'tierAfter'>, settings: BrandSettings): Stored<MemberDoc> {
  const result = applyPurchase(memberState(member), { amountFen: receipt.fen, lotId: receipt.lotId, now: receipt.at }, settings);
  const full: PurchaseReceipt = { ...receipt, points: result.points, growth: result.growth, tierBefore: result.tierBefore.id, tierAfter: result.tierAfter.id };
  return withMemberState(member, result.state, {
    ...addPurchaseStats(purchaseStatsOf(member), full),
    ...careAfterPurchase(member, full, receipt.at),
    ...(result.upgraded ? { tierSince: receipt.at } : {}),
  });
}

/** The after-purchase journey's task steps (感谢/推荐/回访, each due some days after the purchase). */
const AFTER_PURCHASE_TASKS = builtInJourneys({ invitation: '', birthday: '', winBack: '', anniversary: '' }).after_purchase.steps.flatMap((step) => (step.type === 'task' ? [step] : []));

/** Distinct purchase histories built with the rules; members take one each (the rules are slow: dayjs per call). */
const HISTORIES = 4000;
const TEMPLATE_ID = 'TPL';

/**
 * One member's purchase history through the rules, under a placeholder id: joining, then each
 * purchase in time order within opening hours (10:00–21:30 Shanghai), as staff.recordPurchase writes it.
 */
function history(random: () => number, last: Date, settings: BrandSettings): Stored<MemberDoc> {
  const joinedAt = new Date(last.getTime() - (1 + Math.floor(random() * 730)) * DAY - Math.floor(random() * 12 * HOUR));
  let member = newMember(
    {
      memberId: TEMPLATE_ID,
      welcomeLotId: `${TEMPLATE_ID}-welcome`,
      openid: TEMPLATE_ID,
      phone: '',
      phoneVerified: true,
      profile: {},
      homeStoreId: null,
      inviterStaffId: null,
      consentVersion: settings.privacyVersion,
      joinedAt,
    },
    settings,
  ).member;
  // A shop's mix: a few heavy buyers, many regulars, and one-timers who went quiet.
  const kind = random();
  const [count, maxYuan] = kind < 0.03 ? [20 + Math.floor(random() * 10), 3000] : kind < 0.12 ? [10 + Math.floor(random() * 12), 1600] : kind < 0.6 ? [2 + Math.floor(random() * 7), 600] : [Math.floor(random() * 2), 500];
  const couponShare = random() < 0.3 ? 0.6 : 0.1;
  const span = last.getTime() - joinedAt.getTime();
  const times = Array.from({ length: count }, () => {
    const day = startOfShanghaiDay(new Date(joinedAt.getTime() + random() * span)).getTime();
    return Math.max(joinedAt.getTime() + 60_000, Math.min(day + 10 * HOUR + Math.floor(random() * 41_400) * 1000, last.getTime() - 4 * HOUR));
  }).sort((a, b) => a - b);
  times.forEach((time, k) => {
    const amountFen = (50 + Math.floor(random() * (maxYuan - 50))) * 100;
    const coupon = random() < couponShare;
    const discount = coupon ? Math.min(amountFen - 100, amountFen >= 30_000 ? 5_000 : 1_000) : 0;
    member = buy(
      member,
      {
        id: `p${k}`,
        at: new Date(time),
        fen: amountFen - discount,
        amountFen,
        couponIds: coupon ? [`c${k}`] : [],
        storeId: '',
        staffId: '',
        orderNo: '',
        categories: random() < 0.2 ? [CATEGORIES[Math.floor(random() * CATEGORIES.length)], CATEGORIES[Math.floor(random() * CATEGORIES.length)]] : [CATEGORIES[Math.floor(random() * CATEGORIES.length)]],
        lotId: `${TEMPLATE_ID}-l${k}`,
      },
      settings,
    );
  });
  return member;
}

/** A member with a history: identity, store and clerks of their own, ids rewritten; every figure the rules made kept. */
function memberFrom(template: Stored<MemberDoc>, i: number, random: () => number, last: Date): Stored<MemberDoc> {
  const id = memberIdOf(i);
  const storeId = CARE_STORES[i % 2]._id;
  const serving = servingOf(i, storeId, random);
  const clerks = CLERKS.filter((c) => c.storeId === storeId);
  // 7919 is prime to 10^8: every member a distinct number, ~10 per 4-digit tail across the brand.
  const phone = random() < 0.02 ? '' : `139${String((i * 7919) % 100_000_000).padStart(8, '0')}`;
  const birthday = random() < 0.6 ? `19${70 + Math.floor(random() * 30)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}` : null;
  const lot = (lotId: string) => id + lotId.slice(TEMPLATE_ID.length);
  const receipt = (r: PurchaseReceipt): PurchaseReceipt => {
    const k = r.id.slice(1);
    return { ...r, id: `${storeId}_B${i}-${k}`, storeId, staffId: serving && random() < 0.7 ? serving : clerks[Math.floor(random() * clerks.length)]._id, orderNo: `B${i}-${k}`, lotId: lot(r.lotId), couponIds: r.couponIds.map((c) => `${id}-${c}`) };
  };
  const interactions = random() < 0.2 ? Array.from({ length: 1 + Math.floor(random() * 3) }, () => new Date(last.getTime() - Math.floor(random() * 120) * DAY - Math.floor(random() * DAY))) : [];
  return {
    ...template,
    _id: id,
    openid: `bench-o-${i}`,
    phone,
    phoneKey: phone || noPhoneKey(id),
    name: `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}`,
    gender: random() < 0.65 ? 'female' : 'male',
    birthday,
    homeStoreId: storeId,
    inviterStaffId: serving,
    consent: { ...template.consent },
    growthBuckets: { ...template.growthBuckets },
    pointsLots: template.pointsLots.map((l) => ({ ...l, id: lot(l.id) })),
    recentPurchases: template.recentPurchases.map(receipt),
    servingStaffId: serving,
    phoneTail: phoneTailOf(phone),
    categoryCounts: { ...template.categoryCounts },
    spendMonths: { ...template.spendMonths },
    recentInteractions: interactions.sort((a, b) => b.getTime() - a.getTime()),
    manualTags: random() < 0.1 ? [BRAND_TAGS[Math.floor(random() * 6)]._id] : [],
    autoTags: [],
    heatWeeks: {},
  };
}

export function generateCareBrand(options: CareBrandOptions): CareBrand {
  const settings = options.settings ?? DEFAULT_BRAND_SETTINGS;
  const care = settings.care;
  const random = rng(20261209);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const last = new Date(options.now.getTime() - DAY); // yesterday's nightly pass and visits
  const yesterdayOpen = startOfShanghaiDay(last).getTime() + 10 * HOUR;
  const templates = Array.from({ length: Math.min(HISTORIES, options.count) }, () => history(random, last, settings));
  const members = Array.from({ length: options.count }, (_u, i) => memberFrom(templates[Math.floor(random() * templates.length)], i, random, last));

  // Yesterday's nightly pass (cloudfunctions/care-jobs/src/scores.ts), with the same rules, at `last`.
  const withFields = members.map(withCare);
  const spend = new Map(withFields.map((m) => [m._id, spendInLast12Months(m.spendMonths, last)]));
  const rfmRows = withFields.map((m) => ({
    memberId: m._id,
    storeId: m.homeStoreId,
    lastPurchaseAt: m.lastPurchaseAt,
    purchases12m: m.recentPurchases.filter((p) => last.getTime() - p.at.getTime() <= 365 * DAY).length,
    spend12mFen: spend.get(m._id) ?? 0,
  }));
  const rfm = rfmScores(rfmRows, care, last);
  const normsOf = (list: MemberWithCare[]): StoreNorms => {
    const buyers = list.filter((m) => m.purchaseCount > 0);
    return {
      spendReferenceFen: spendReferenceFen(buyers.map((m) => spend.get(m._id) ?? 0)),
      highTicketMinFen: highTicketMinFen(buyers.map((m) => Math.floor(m.totalSpendFen / m.purchaseCount)), care.highTicketTopPercent),
    };
  };
  const norms: ScoreNorms = { brand: normsOf(withFields), stores: {} };
  for (const store of CARE_STORES) norms.stores[store._id] = normsOf(withFields.filter((m) => m.homeStoreId === store._id));
  const weeks = [3, 2, 1, 0].map((w) => heatWeekKey(new Date(last.getTime() - w * 7 * DAY)));

  const tasks: Array<Stored<TaskDoc>> = [];
  const topTier = settings.tiers[settings.tiers.length - 1].id;
  for (let i = 0; i < withFields.length; i++) {
    const m = withFields[i];
    const norm = norms.stores[m.homeStoreId ?? ''] ?? norms.brand;
    const score = rfm.get(m._id) ?? null;
    const heat = heatIndex(heatInputsOf(m, norm.spendReferenceFen, last)).score;
    // Earlier weeks wander around today's score, so some members' heat fell two weeks running.
    const heatWeeks: Record<string, number> = {};
    let h = heat;
    for (let w = weeks.length - 1; w >= 0; w--) {
      heatWeeks[weeks[w]] = h;
      h = Math.max(0, Math.min(100, h + Math.round((random() - 0.4) * 20)));
    }
    const facts = { joinedAt: m.joinedAt, firstPurchaseAt: m.firstPurchaseAt, lastPurchaseAt: m.lastPurchaseAt, recentPurchaseDates: m.recentPurchases.map((p) => p.at), isTopTier: m.tierId === topTier, rfm: score };
    const segment: Segment = segmentOf(facts, care, last);
    const tags = autoTags(
      { birthday: m.birthday, purchaseCount: m.purchaseCount, couponPurchaseCount: m.couponPurchaseCount, totalSpendFen: m.totalSpendFen, categoryCounts: m.categoryCounts, segment },
      { highTicketMinFen: norm.highTicketMinFen },
      care,
      last,
    );
    // Then the member's visit (visit-members.ts): tasks by their keys, and when to look again.
    const lastPurchase = m.recentPurchases[0] ?? null;
    const plan = planCareTasks(
      {
        memberId: m._id,
        birthday: m.birthday,
        joinedAt: m.joinedAt,
        lastPurchase: lastPurchase ? { id: lastPurchase.id, at: lastPurchase.at } : null,
        recentPurchaseDates: facts.recentPurchaseDates,
        heatFalling: heatFallingTwoWeeks(heatWeeks, last),
      },
      care,
      last,
    );
    const owner = m.servingStaffId ?? MANAGER_OF[m.homeStoreId ?? 'S01'];
    // The journey's follow-ups of the last purchase, those still due or lately due (older ones are long
    // closed and read by nothing benched).
    const followUps = lastPurchase
      ? AFTER_PURCHASE_TASKS.map((step) => ({ key: `${step.cause}:${lastPurchase.id}`, cause: step.cause, dueAt: new Date(lastPurchase.at.getTime() + step.dueInDays * DAY), purchaseId: lastPurchase.id })).filter(
          (seed) => seed.dueAt.getTime() >= last.getTime() - care.taskExpireAfterDays * DAY,
        )
      : [];
    for (const seed of [...followUps, ...plan.create]) {
      // A dormant task was made when dormancy came, not yesterday: most are long closed.
      const dueAt = seed.cause === 'dormant' ? new Date((m.lastPurchaseAt ?? m.joinedAt).getTime() + care.dormantDays * DAY) : seed.dueAt;
      const past = dueAt.getTime() < last.getTime();
      const expired = dueAt.getTime() < last.getTime() - care.taskExpireAfterDays * DAY;
      const done = past && !expired && random() < 0.6;
      const status: TaskDoc['status'] = expired ? (random() < 0.5 ? 'done' : 'expired') : done ? 'done' : 'open';
      tasks.push(taskDoc(m, seed.key, seed.cause, owner, dueAt, seed.purchaseId, status, settings, last));
    }
    const next = [plan.nextCheckAt, nextSegmentChangeAt(facts, care, last), nextTagChangeAt(m.birthday, last)].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    Object.assign(members[i], {
      rfm: score,
      spend12mFen: spend.get(m._id) ?? 0,
      heat,
      heatWeeks,
      segment,
      autoTags: tags,
      careDueAt: next,
    });
  }

  // The leaver has LEAVER_OPEN_TASKS open: the rest of what their customers' purchases made was done
  // (or, when short, manual follow-ups make up the number).
  const leaverOpen = tasks.filter((t) => t.ownerStaffId === LEAVER && t.status === 'open');
  for (const task of leaverOpen.slice(LEAVER_OPEN_TASKS)) Object.assign(task, { status: 'done', closedAt: last, closedBy: LEAVER, outcome: 'reached' });
  const leaverMembers = members.filter((m) => m.servingStaffId === LEAVER);
  for (let n = leaverOpen.length; n < LEAVER_OPEN_TASKS; n++) {
    const m = withCare(leaverMembers[n % leaverMembers.length]);
    tasks.push({ ...taskDoc(m, `manual:${LEAVER}:bench-${n}`, 'manual', LEAVER, new Date(last.getTime() + (n % 14) * DAY), null, 'open', settings, last), title: '回访' });
  }

  // A day of sales after yesterday's visits: these members are due (careDueAt = their purchase).
  let boughtYesterday = 0;
  for (let i = 0; i < members.length; i += 1) {
    if (random() >= options.yesterdayShare) continue;
    const m = members[i];
    const storeId = m.homeStoreId!;
    const amountFen = (80 + Math.floor(random() * 900)) * 100;
    members[i] = buy(
      m,
      {
        id: `${storeId}_Y${i}`,
        at: new Date(yesterdayOpen + Math.floor(random() * 41_400) * 1000),
        fen: amountFen,
        amountFen,
        couponIds: [],
        storeId,
        staffId: m.servingStaffId ?? pick(CLERKS.filter((c) => c.storeId === storeId))._id,
        orderNo: `Y${i}`,
        categories: [pick(CATEGORIES)],
        lotId: `${m._id}-ly`,
      },
      settings,
    );
    boughtYesterday++;
  }

  // The profile's subject: served by the first clerk, bought often; a wallet and some notes.
  const profile = members.find((m) => m.servingStaffId === CLERKS[0]._id && m.purchaseCount >= 10)!;
  const coupons = Array.from({ length: 6 }, (_u, k) => couponDoc(profile._id, k, options.now));
  const interactions: Array<Stored<InteractionDoc>> = Array.from({ length: 12 }, (_u, k) => ({
    _id: `${CLERKS[0]._id}:bench-${k}`,
    memberId: profile._id,
    storeId: 'S01',
    staffId: CLERKS[0]._id,
    kind: k % 3 === 0 ? 'call' : 'wechat',
    outcome: 'reached',
    note: '',
    taskId: null,
    at: new Date(last.getTime() - k * 5 * DAY),
  }));
  for (let k = 0; k < 4; k++) tasks.push(taskDoc(withCare(profile), `manual:${CLERKS[0]._id}:profile-${k}`, 'manual', CLERKS[0]._id, new Date(options.now.getTime() + k * DAY), null, 'open', settings, last));

  const jobState: Array<Stored<JobStateDoc>> = [
    { _id: NORMS_ID, status: 'done', phase: 'norms', cursor: null, watermark: last, data: norms as unknown as Record<string, unknown>, updatedAt: last },
    { _id: `scores:${shanghaiDayKey(last)}`, status: 'done', phase: 'write', cursor: null, watermark: last, data: { members: members.length }, updatedAt: last },
  ];
  return { members, tasks, coupons, interactions, jobState, boughtYesterday, profileMemberId: profile._id };
}

function taskDoc(member: MemberWithCare, key: string, cause: TaskDoc['cause'], owner: string | null, dueAt: Date, purchaseId: string | null, status: TaskDoc['status'], settings: BrandSettings, at: Date): Stored<TaskDoc> {
  const closed = status !== 'open';
  return {
    _id: key,
    memberId: member._id,
    storeId: member.homeStoreId,
    ownerStaffId: owner,
    cause,
    title: '',
    note: '',
    dueAt,
    status,
    purchaseId,
    couponId: null,
    context: taskContext(member, settings),
    createdAt: new Date(Math.min(dueAt.getTime(), at.getTime())),
    createdBy: cause === 'manual' ? (owner ?? 'system') : 'system',
    closedAt: closed ? dueAt : null,
    closedBy: closed ? (status === 'expired' ? 'system' : owner) : null,
    outcome: status === 'done' ? 'reached' : null,
    closedReason: status === 'expired' ? 'overdue' : null,
  };
}

function couponDoc(memberId: string, k: number, now: Date): Stored<CouponDoc> {
  const validUntil = new Date(now.getTime() + (10 + k * 7) * DAY);
  return {
    _id: `bench-coupon-${k}`,
    grantKey: `manual:bench:${memberId}:${k}`,
    slotKey: `none:bench-coupon-${k}`,
    templateId: 'bench-template',
    templateName: '满300减50',
    memberId,
    rule: { kind: 'cash', thresholdFen: 30_000, amountOffFen: 5_000 },
    stackable: false,
    storeIds: [],
    validFrom: new Date(now.getTime() - 20 * DAY),
    validUntil,
    dueAt: validUntil,
    status: 'unused',
    source: 'manual',
    grantedMonth: shanghaiDayKey(now).slice(0, 6),
    grantedAt: new Date(now.getTime() - 20 * DAY),
    grantedBy: 'st-admin',
    usedAt: null,
    usedPurchaseId: null,
    usedStoreId: null,
    discountFen: 0,
    usedSaleFen: 0,
    pointsSpent: 0,
    history: [],
  };
}
