import type { InteractionKind, InteractionOutcome } from '../shared/contracts/care-views';
import type { BrandSettings } from '../shared/rules/brand-settings';
import { spendInLast12Months } from '../shared/rules/care-stats';
import { manualTaskKey } from '../shared/rules/care-tasks';
import { highTicketMinFen } from '../shared/rules/auto-tags';
import { heatIndex, heatWeekKey } from '../shared/rules/heat';
import { builtInJourneys } from '../shared/rules/journeys';
import { rfmScores } from '../shared/rules/rfm';
import { spendReferenceFen } from '../shared/rules/score-norms';
import { addDaysToDayKey, shanghaiDayKey, startOfShanghaiDay, startOfShanghaiDayKey } from '../shared/time/shanghai';
import { careAfterPurchase, type MemberWithCare } from '../server/care-fields';
import { receiptOf, type InteractionDoc, type MemberDoc, type PurchaseDoc, type PurchaseReceipt, type TaskDoc } from '../server/documents';
import type { StaffEntry } from '../server/directory';
import { heatInputsOf } from '../server/member-scores';
import type { ScoreNorms, StoreNorms } from '../server/score-norms';
import { taskContext } from '../server/task-context';
import { taskOwner } from '../server/task-owner';
import { DEMO_STAFF } from './brand';
import type { DemoData, WithId } from './generate';

/**
 * The demo brand's customer care, made with the product's rules and helpers: manual tags on some
 * members, a few months of interactions, the follow-up tasks of earlier purchases that clerks closed
 * (done, skipped) or that closed themselves (expired) and a few manual ones, the follow-ups of each
 * member's newest purchase with the after-purchase journey's run that made them, the weekly heat
 * history, and what last night's scores pass would hold (RFM, heat, spend, the norms in
 * job_state/score-norms). Everything the care jobs make from the members as they are now — birthday,
 * dormant, churn and coupon tasks, segments, automatic tags — is left to the real `care-jobs`
 * function, which the seed runs once (demo/seed.ts).
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** job_state/score-norms (server/score-norms.ts NORMS_ID; that module talks to the database, so not imported here). */
const NORMS_ID = 'score-norms';
/** The built-in after-purchase journey (server/journey-store.ts builtInId; that module talks to the database too). */
const AFTER_PURCHASE_JOURNEY = 'builtin-after_purchase';
/** Its task steps — 感谢, 推荐, 回访, each due some days after the purchase: the post-purchase follow-ups. */
const FOLLOW_UPS = builtInJourneys({ invitation: '', birthday: '', winBack: '', anniversary: '' }).after_purchase.steps.flatMap((step) => (step.type === 'task' ? [step] : []));
/** Interactions the member document keeps (cloudfunctions/care/src/interactions.ts). */
const KEPT_INTERACTIONS = 20;
/** Receipts the member document keeps (shared/rules/purchase-stats.ts). */
const KEPT_RECEIPTS = 20;
/** Weeks of heat history, now's week included: the profile's trend shows 8. */
export const HEAT_WEEKS = 8;
/** The nightly pass starts at 02:00 Beijing: a past week's last score is Sunday's, 22 hours before Monday 00:00. */
const LAST_PASS_BEFORE_MONDAY = 22 * HOUR;

export const DEMO_TAG_IDS = {
  stylish: 'tag:brand:爱穿搭',
  vipCare: 'tag:brand:VIP客户维护',
  family: 'tag:S01:亲子顾客',
} as const;

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

/** The first hourly care-jobs run after an instant (the timer fires on the hour). */
function nextRun(at: Date, now: Date): Date {
  return new Date(Math.min(now.getTime(), Math.ceil((at.getTime() + 1) / HOUR) * HOUR));
}

/** The first every-minute automation-jobs run after an instant: the journeys' work. */
function nextJourneyRun(at: Date, now: Date): Date {
  return new Date(Math.min(now.getTime(), Math.ceil((at.getTime() + 1) / 60_000) * 60_000));
}

/** An instant on a Shanghai day `daysAgo` before now, in shop hours (10:00–21:30), never after now. */
function shopTime(now: Date, daysAgo: number, draw: number): Date {
  const day = startOfShanghaiDayKey(addDaysToDayKey(shanghaiDayKey(now), -daysAgo));
  return new Date(Math.min(now.getTime() - 60_000, day.getTime() + 10 * HOUR + Math.floor(draw * 41_400) * 1000));
}

/** The latest instant in shop hours before `before` and not before `from`: a Shanghai 10:00–21:30 minute. */
function shopTimeBefore(before: Date, from: Date): Date {
  for (let at = before.getTime() - 60_000; at >= from.getTime(); at -= 15 * 60_000) {
    const minute = Math.floor((at - startOfShanghaiDay(new Date(at)).getTime()) / 60_000);
    if (minute >= 10 * 60 && minute < 21 * 60 + 30) return new Date(at);
  }
  throw new RangeError('no shop hours in the span');
}

type Member = WithId<MemberDoc> & MemberWithCare;

export function addCareDemo(out: DemoData, now: Date, settings: BrandSettings): void {
  const members = out.members as Member[];
  const purchasesOf = new Map<string, WithId<PurchaseDoc>[]>();
  for (const purchase of out.purchases) if (purchase.status === 'valid') purchasesOf.set(purchase.memberId, [...(purchasesOf.get(purchase.memberId) ?? []), purchase]);
  for (const list of purchasesOf.values()) list.sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime());

  addTags(out, members, now);
  addInteractions(out, members, now);
  addTasks(out, members, settings, now);
  addFollowUps(out, members, settings, now);
  // Each member's interaction times as logInteraction and completeTask keep them: newest first, at most 20.
  const interactionsOf = new Map<string, Date[]>();
  for (const interaction of out.interactions) interactionsOf.set(interaction.memberId, [...(interactionsOf.get(interaction.memberId) ?? []), interaction.at]);
  for (const member of members) {
    member.recentInteractions = (interactionsOf.get(member._id) ?? []).sort((a, b) => b.getTime() - a.getTime()).slice(0, KEPT_INTERACTIONS);
  }
  addScores(out, members, purchasesOf, settings, now);
}

// ── tags ────────────────────────────────────────────────────────────────────────────────────────

function addTags(out: DemoData, members: Member[], now: Date): void {
  const createdAt = new Date(now.getTime() - 75 * DAY);
  out.tags.push(
    { _id: DEMO_TAG_IDS.stylish, name: '爱穿搭', storeId: null, createdBy: 'staff-admin', createdAt, archived: false },
    { _id: DEMO_TAG_IDS.vipCare, name: 'VIP客户维护', storeId: null, createdBy: 'staff-admin', createdAt, archived: false },
    { _id: DEMO_TAG_IDS.family, name: '亲子顾客', storeId: 'S01', createdBy: 'staff-manager', createdAt: new Date(createdAt.getTime() + 3 * DAY), archived: false },
  );
  const tag = (member: Member, id: string) => (member.manualTags = [...(member.manualTags ?? []), id]);
  const counts = (m: Member, name: string) => m.categoryCounts?.[name] ?? 0;
  // 爱穿搭: who keeps coming back for tops and accessories (陈静 among them).
  members.filter((m) => m._id === members[0]._id || counts(m, '上装') + counts(m, '配饰') >= 4).slice(0, 14).forEach((m) => tag(m, DEMO_TAG_IDS.stylish));
  // VIP客户维护: the brand's biggest spenders, looked after personally.
  [...members].sort((a, b) => b.totalSpendFen - a.totalSpendFen).slice(0, 8).forEach((m) => tag(m, DEMO_TAG_IDS.vipCare));
  // 亲子顾客 (静安旗舰店's own tag): shoppers who buy children's wear there.
  members.filter((m) => m.homeStoreId === 'S01' && counts(m, '童装') >= 1).slice(0, 12).forEach((m) => tag(m, DEMO_TAG_IDS.family));
}

// ── interactions ────────────────────────────────────────────────────────────────────────────────

type Note = [InteractionKind, InteractionOutcome, string];

/** What clerks write down; {品类} is the member's last category. */
const NOTES: Note[] = [
  ['wechat', 'reached', '微信发了几款{品类}新品图，回复说很喜欢，周末有空来看看'],
  ['wechat', 'interested', '问到{品类}有没有小一码，已经帮她留了一件，约了周六到店试'],
  ['wechat', 'not_interested', '发了会员日活动，回复最近出差不需要，先不打扰'],
  ['wechat', 'reached', '发了洗护小贴士，提醒羊毛衫要平铺晾干，回复谢谢'],
  ['call', 'reached', '电话回访，上次买的{品类}穿着合适，对面料很满意'],
  ['call', 'no_answer', '打了两次没接通，稍后微信留言'],
  ['call', 'interested', '电话告知会员日双倍积分，说月底前来店里看看'],
  ['call', 'follow_up', '想要的{品类}颜色断码，已登记，到货后电话通知'],
  ['visit', 'reached', '到店逛了逛，试了几件{品类}，说再考虑，加了微信方便发新款'],
  ['visit', 'interested', '陪孩子来逛，看中一件外套，下次带孩子来试尺码'],
  ['visit', 'follow_up', '看中一双短靴，缺37码，已调货，到了通知'],
  ['complaint', 'resolved', '反映{品类}洗后起球，已按规定办理换货，顾客接受'],
  ['complaint', 'follow_up', '反映线上订单发货慢，已联系仓库催单，明天回复她'],
];

function noteText(template: string, member: Member): string {
  return template.split('{品类}').join(member.recentPurchases[0]?.categories[0] ?? '新品');
}

/** Realistic interactions for about 30 members (陈静 among them) by whoever serves them, over the last 60 days. */
function addInteractions(out: DemoData, members: Member[], now: Date): void {
  const random = rng(20261203);
  let request = 0;
  const add = (member: Member, at: Date, [kind, outcome, note]: Note) => {
    const staff = DEMO_STAFF.find((s) => s._id === member.servingStaffId)!;
    out.interactions.push({ _id: `${staff._id}:demo-${String(++request).padStart(4, '0')}`, memberId: member._id, storeId: staff.storeId, staffId: staff._id, kind, outcome, note: noteText(note, member), taskId: null, at });
  };
  // 陈静: contacted often in the summer, once since — and her heat has fallen two weeks in a row: each
  // week one more of those contacts left the heat index's 90 days (placed so that holds whatever the
  // weekday), on top of her last purchase growing older.
  const [shopper] = members;
  const lastWeekEnd = heatWeekEnds(now)[HEAT_WEEKS - 2];
  add(shopper, shopTimeBefore(new Date(lastWeekEnd.getTime() - 90 * DAY), new Date(lastWeekEnd.getTime() - 96 * DAY)), ['visit', 'reached', '到店看了秋装新款，试了两件外套，说等换季再来']);
  add(shopper, shopTimeBefore(new Date(now.getTime() - 90 * DAY), new Date(now.getTime() - 90 * DAY - 20 * HOUR)), ['wechat', 'reached', '微信发了初秋新款的搭配图，回复说喜欢那件驼色风衣']);
  add(shopper, shopTime(now, 44, 0.3), ['call', 'interested', '电话告知会员日双倍积分，说月底前来店里看看']);
  const buyers = members.slice(3).filter((m) => m.purchaseCount > 0 && m.servingStaffId);
  const chosen = buyers.filter(() => random() < 0.2).slice(0, 29);
  for (const member of chosen) {
    const count = 1 + Math.floor(random() * 3);
    const oldest = Math.min(60, Math.floor((now.getTime() - member.joinedAt.getTime()) / DAY));
    for (let i = 0; i < count; i++) {
      const at = shopTime(now, Math.floor(random() * (oldest + 1)), random());
      if (at.getTime() < member.joinedAt.getTime()) continue;
      add(member, at, NOTES[Math.floor(random() * NOTES.length)]);
    }
  }
}

// ── tasks ───────────────────────────────────────────────────────────────────────────────────────

type Closing = { status: 'done'; kind: InteractionKind; outcome: InteractionOutcome; note: string } | { status: 'skipped' } | null;

/**
 * Per clerk (李导购, 孙导购): three customers whose previous purchase's follow-ups (感谢, 推荐, 回访) the
 * clerk closed or let lapse — a newer purchase superseded them, or they expired a week past due — and
 * three manual tasks: one overdue, one the care jobs will expire on their first run, one upcoming.
 * Follow-ups of the newest purchases are addFollowUps'; birthdays, dormant and churn warnings and
 * coupons about to run out are the care jobs' to make.
 */
const PLANS: Array<[Closing, Closing, Closing]> = [
  [{ status: 'done', kind: 'wechat', outcome: 'reached', note: '微信问候，{品类}穿着合身，很满意' }, { status: 'skipped' }, null],
  [{ status: 'done', kind: 'call', outcome: 'reached', note: '电话感谢光临，提醒积分可以兑换帆布袋' }, { status: 'done', kind: 'wechat', outcome: 'interested', note: '发了三款搭配新品，说下次来试' }, null],
  [{ status: 'skipped' }, null, null],
];

const MANUAL: Array<{ requestId: string; title: string; dueDays: number; createdDays: number }> = [
  { requestId: 'demo-overdue', title: '回电确认改衣时间', dueDays: -2, createdDays: 6 },
  { requestId: 'demo-lapsed', title: '提醒取回修改好的裤子', dueDays: -10, createdDays: 14 },
  { requestId: 'demo-upcoming', title: '约试穿新到的羊绒衫', dueDays: 3, createdDays: 1 },
];

function addTasks(out: DemoData, members: Member[], settings: BrandSettings, now: Date): void {
  const care = settings.care;
  for (const clerkId of ['staff-clerk-1', 'staff-clerk-3']) {
    const clerk = DEMO_STAFF.find((s) => s._id === clerkId)!;
    const served = members.filter((m) => m.servingStaffId === clerkId && m._id !== members[0]._id);
    const candidates = served.filter((m) => {
      const [last, previous] = m.recentPurchases;
      if (!last || !previous) return false;
      const age = now.getTime() - previous.at.getTime();
      return last.at.getTime() - previous.at.getTime() >= 8 * DAY && age >= 15 * DAY && age <= 150 * DAY;
    });
    candidates.slice(0, PLANS.length).forEach((member, index) => {
      const [next, previous] = member.recentPurchases;
      // The member as the task was made (the run after the purchase): that purchase the newest, its tier.
      const context = taskContext({ ...member, tierId: previous.tierAfter, recentPurchases: [previous] }, settings);
      // The after-purchase journey made them at its first run after the purchase, due as its steps say.
      const createdAt = nextJourneyRun(previous.at, now);
      FOLLOW_UPS.forEach((step, i) => {
        const key = `${step.cause}:${previous.id}`;
        const cause = step.cause;
        const dueAt = new Date(previous.at.getTime() + step.dueInDays * DAY);
        const closing = PLANS[index][i];
        const base: WithId<TaskDoc> = {
          _id: key, memberId: member._id, storeId: member.homeStoreId, ownerStaffId: clerkId, cause, title: '', note: '', dueAt, status: 'open',
          purchaseId: previous.id, couponId: null, context, createdAt, createdBy: 'system', closedAt: null, closedBy: null, outcome: null, closedReason: null,
        };
        if (closing) {
          const closedAt = new Date(Math.min(now.getTime(), dueAt.getTime() + HOUR));
          if (closing.status === 'done') {
            out.tasks.push({ ...base, status: 'done', closedAt, closedBy: clerkId, outcome: closing.outcome });
            out.interactions.push({ _id: `task:${key}`, memberId: member._id, storeId: clerk.storeId, staffId: clerkId, kind: closing.kind, outcome: closing.outcome, note: noteText(closing.note, member), taskId: key, at: closedAt });
          } else {
            out.tasks.push({ ...base, status: 'skipped', closedAt, closedBy: clerkId });
          }
          return;
        }
        // Left open: the newer purchase superseded it (the journey's next run), or the care jobs' overdue expiry took it a week past due.
        const lapse = dueAt.getTime() + care.taskExpireAfterDays * DAY;
        const superseded = next.at.getTime() < lapse;
        out.tasks.push({ ...base, status: 'expired', closedAt: superseded ? nextJourneyRun(next.at, now) : nextRun(new Date(lapse), now), closedBy: 'system', closedReason: superseded ? 'superseded' : 'overdue' });
      });
    });
    served.slice(-MANUAL.length).forEach((member, index) => {
      const manual = MANUAL[index];
      const today = shanghaiDayKey(now);
      out.tasks.push({
        _id: manualTaskKey(clerkId, manual.requestId), memberId: member._id, storeId: member.homeStoreId, ownerStaffId: clerkId, cause: 'manual', title: manual.title, note: '',
        dueAt: startOfShanghaiDayKey(addDaysToDayKey(today, manual.dueDays)), status: 'open', purchaseId: null, couponId: null, context: taskContext(member, settings),
        createdAt: shopTime(now, manual.createdDays, 0.5), createdBy: clerkId, closedAt: null, closedBy: null, outcome: null, closedReason: null,
      });
    });
  }
}

/**
 * How the clerks close most follow-ups that came due a day and more ago (the rest stay open, overdue, for
 * the care jobs to expire): so the dashboard's task completion and each clerk's done tasks are real figures.
 * 陈静's stay open: her profile and the staff walkthrough show them.
 */
const DONE_SHARE = 0.75;
const FOLLOW_UP_DONE: Partial<Record<string, { kind: InteractionKind; outcome: InteractionOutcome; note: string }>> = {
  thanks: { kind: 'wechat', outcome: 'reached', note: '微信感谢光临，提醒了{品类}的洗护方法' },
  recommend: { kind: 'wechat', outcome: 'interested', note: '发了几款和{品类}好搭的新品，说周末来看看' },
  revisit: { kind: 'call', outcome: 'reached', note: '电话回访，{品类}穿着合适，很满意' },
};

/**
 * The follow-ups (感谢, 推荐, 回访) of every member's newest purchase, as the after-purchase journey made
 * them at its first run after the purchase, and that run: its enrollment (done, the purchase its entry
 * key, the tasks it made that may be open) and its step records. The journey itself is made by the
 * first automation-jobs run (demo/automation.ts) and is on from then: purchases before it do not enter,
 * so nothing here is made twice; a newer purchase re-enters the member and closes these as superseded,
 * a void of the purchase closes them. Most that came due a day and more ago are done (FOLLOW_UP_DONE). A
 * follow-up a week and more past due is left out (the care jobs' expiry would have closed it long ago;
 * its enrollment does not name it).
 */
function addFollowUps(out: DemoData, members: Member[], settings: BrandSettings, now: Date): void {
  const staff = new Map<string, StaffEntry>(DEMO_STAFF.map((s) => [s._id, s]));
  const random = rng(20261204);
  const ranks = new Map(settings.tiers.map((tier, index) => [tier.id, index]));
  for (const member of members) {
    const last = member.recentPurchases[0];
    if (!last) continue;
    const at = nextJourneyRun(last.at, now);
    // The member as the journey found them: the purchase the newest, the phone it had then.
    const context = taskContext({ ...member, phone: member.phone || member.review?.phone || '', tierId: last.tierAfter }, settings);
    const owner = taskOwner(member, staff);
    const taskKeys: string[] = [];
    for (const step of FOLLOW_UPS) {
      const dueAt = new Date(last.at.getTime() + step.dueInDays * DAY);
      if (dueAt.getTime() < now.getTime() - settings.care.taskExpireAfterDays * DAY) continue;
      const key = `${step.cause}:${last.id}`;
      taskKeys.push(key);
      const task: WithId<TaskDoc> = {
        _id: key, memberId: member._id, storeId: member.homeStoreId, ownerStaffId: owner, cause: step.cause, title: '', note: '', dueAt, status: 'open',
        purchaseId: last.id, couponId: null, context, createdAt: at, createdBy: 'system', closedAt: null, closedBy: null, outcome: null, closedReason: null,
        journeyId: AFTER_PURCHASE_JOURNEY,
      };
      const closing = FOLLOW_UP_DONE[step.cause];
      const ownerStore = owner ? staff.get(owner)?.storeId : undefined;
      if (closing && owner && ownerStore && member !== members[0] && dueAt.getTime() <= now.getTime() - DAY && random() < DONE_SHARE) {
        // Done by the owner within hours of coming due, as a clerk works down the list.
        const closedAt = new Date(Math.min(now.getTime(), dueAt.getTime() + (2 + random() * 6) * HOUR));
        out.tasks.push({ ...task, status: 'done', closedAt, closedBy: owner, outcome: closing.outcome });
        out.interactions.push({ _id: `task:${key}`, memberId: member._id, storeId: ownerStore, staffId: owner, kind: closing.kind, outcome: closing.outcome, note: noteText(closing.note, member), taskId: key, at: closedAt });
      } else {
        out.tasks.push(task);
      }
    }
    out.enrollments.push({
      _id: `${AFTER_PURCHASE_JOURNEY}:${member._id}`, journeyId: AFTER_PURCHASE_JOURNEY, memberId: member._id, storeId: member.homeStoreId, entryNo: 1, entryKey: last.id,
      enteredAt: last.at, tierRank: ranks.get(last.tierAfter) ?? 0, status: 'done', exitReason: null, stepId: null, stepDueAt: last.at, wakeAt: null, taskKeys, convertedAt: null, updatedAt: at,
    });
    for (const step of FOLLOW_UPS) {
      out.stepRuns.push({ _id: `journey:${AFTER_PURCHASE_JOURNEY}:${member._id}:1:${step.id}`, journeyId: AFTER_PURCHASE_JOURNEY, stepId: step.id, memberId: member._id, entryNo: 1, at, result: 'task' });
    }
  }
}

// ── heat history and scores ─────────────────────────────────────────────────────────────────────

/** A member's valid purchases, oldest first, and the care figures after each, as recordPurchase kept them. */
interface History {
  purchases: WithId<PurchaseDoc>[];
  care: Array<Partial<MemberDoc>>;
}

function historyOf(purchases: WithId<PurchaseDoc>[]): History {
  const care: Array<Partial<MemberDoc>> = [];
  let figures: Partial<MemberDoc> = {};
  for (const purchase of purchases) care.push((figures = { ...figures, ...careAfterPurchase(figures as MemberDoc, receiptOf(purchase), purchase.paidAt) }));
  return { purchases, care };
}

/** The member as their document stood at `at`: purchases and interactions up to then, care figures as recordPurchase kept them. */
function memberAt(member: Member, history: History, at: Date): MemberWithCare {
  const upTo = history.purchases.filter((p) => p.paidAt.getTime() <= at.getTime());
  const care = upTo.length ? history.care[upTo.length - 1] : {};
  const receipts: PurchaseReceipt[] = upTo.map(receiptOf).reverse().slice(0, KEPT_RECEIPTS);
  return {
    ...member,
    ...care,
    purchaseCount: upTo.length,
    totalSpendFen: upTo.reduce((sum, p) => sum + p.paidFen, 0),
    lastPurchaseAt: receipts[0]?.at ?? null,
    recentPurchases: receipts,
    couponPurchaseCount: care.couponPurchaseCount ?? 0,
    spendMonths: care.spendMonths ?? {},
    recentInteractions: member.recentInteractions.filter((time) => time.getTime() <= at.getTime()),
  };
}

/** What the scores pass measures per store and for the brand (cloudfunctions/care-jobs/src/scores.ts storeNorms). */
function storeNorms(members: MemberWithCare[], at: Date, topPercent: number): StoreNorms {
  const buyers = members.filter((m) => m.purchaseCount > 0);
  return {
    spendReferenceFen: spendReferenceFen(buyers.map((m) => spendInLast12Months(m.spendMonths, at))),
    highTicketMinFen: highTicketMinFen(buyers.map((m) => Math.floor(m.totalSpendFen / m.purchaseCount)), topPercent),
  };
}

function normsAt(members: MemberWithCare[], at: Date, topPercent: number): ScoreNorms {
  const norms: ScoreNorms = { brand: storeNorms(members, at, topPercent), stores: {} };
  for (const storeId of new Set(members.map((m) => m.homeStoreId))) {
    if (storeId) norms.stores[storeId] = storeNorms(members.filter((m) => m.homeStoreId === storeId), at, topPercent);
  }
  return norms;
}

/** The instants whose heat each kept week holds: the last nightly pass of each past week, and now for this week. Oldest first. */
export function heatWeekEnds(now: Date): Date[] {
  const today = startOfShanghaiDay(now);
  const weekday = (new Date(today.getTime() + 8 * HOUR).getUTCDay() + 6) % 7; // Monday 0
  const monday = today.getTime() - weekday * DAY;
  const ends = [now];
  for (let i = 0; i < HEAT_WEEKS - 1; i++) ends.unshift(new Date(monday - i * 7 * DAY - LAST_PASS_BEFORE_MONDAY));
  return ends;
}

/**
 * The heat of each kept week, scored as the nightly pass scored it then (the member's figures and the
 * store's spend reference at that time), and what the pass holds now: heat, RFM, 12-month spend, norms.
 */
function addScores(out: DemoData, members: Member[], purchasesOf: Map<string, WithId<PurchaseDoc>[]>, settings: BrandSettings, now: Date): void {
  const care = settings.care;
  const histories = new Map(members.map((m) => [m._id, historyOf(purchasesOf.get(m._id) ?? [])]));
  for (const at of heatWeekEnds(now)) {
    const week = heatWeekKey(at);
    const existing = members.filter((m) => m.joinedAt.getTime() <= at.getTime());
    const then = existing.map((m) => memberAt(m, histories.get(m._id)!, at));
    const norms = normsAt(then, at, care.highTicketTopPercent);
    then.forEach((m, i) => {
      const reference = ((m.homeStoreId && norms.stores[m.homeStoreId]) || norms.brand).spendReferenceFen;
      const score = heatIndex(heatInputsOf(m, reference, at)).score;
      existing[i].heatWeeks = { ...existing[i].heatWeeks, [week]: score };
      if (at === now) existing[i].heat = score;
    });
    if (at === now) out.jobState.push({ _id: NORMS_ID, status: 'done', phase: 'norms', cursor: null, watermark: now, data: norms as unknown as Record<string, unknown>, updatedAt: now });
  }
  const rfm = rfmScores(
    members.map((m) => ({
      memberId: m._id,
      storeId: m.homeStoreId,
      lastPurchaseAt: m.lastPurchaseAt,
      purchases12m: m.recentPurchases.filter((p) => now.getTime() - p.at.getTime() <= 365 * DAY).length,
      spend12mFen: spendInLast12Months(m.spendMonths, now),
    })),
    care,
    now,
  );
  for (const member of members) member.rfm = rfm.get(member._id) ?? null;
}
