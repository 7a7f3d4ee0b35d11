/**
 * The local cloud for the automation bench (startTestCloud's `entry`): the care brand's 100 000 members
 * (bench/lib/care-brand.ts), half of them with subscription acceptances, plus what the bench measures —
 * a journey with 100 000 enrollments due now (message, task and tag steps), a pending message per member
 * of a slice for the sender, and an active coupon template for the campaign. Inserted straight into the
 * cloud's database in this process (as care-cloud-entry.ts does, and for the same reasons). Prints
 * `care seeded <facts>` when done.
 */
import { SEEDED_LINE, serveSeeded } from './seeding-cloud';
import type { CouponTemplateDoc, EnrollmentDoc, JourneyDoc, MessageDoc } from '../../server/documents';
import { CARE_STAFF, CARE_STORES, generateCareBrand } from './care-brand';
import { BENCH_JOURNEY, BENCH_JOURNEY_DEFINITION, BENCH_TEMPLATE, type AutomationFacts, type AutomationSeed } from './automation-brand';

serveSeeded<AutomationSeed>('--automation-seed', (request, insert) => {
  const now = new Date(request.now);
  const brand = generateCareBrand({ count: request.count, yesterdayShare: 0, now });
  // Every other member accepted the store notice, the coupon notice and points messages once.
  const members = brand.members.map((m, i) => ({ ...m, careDueAt: null, journeyDueAt: null, messageQuota: i % 2 === 0 ? { store_notice: 1, coupon_arrived: 1, points_changed: 1 } : {}, marketingSentAt: [] }));
  insert('stores', CARE_STORES);
  insert('staff', CARE_STAFF);
  insert('members', members);
  const template: CouponTemplateDoc & { _id: string } = {
    _id: BENCH_TEMPLATE,
    name: '会员回馈券',
    rule: { kind: 'cash', thresholdFen: 20_000, amountOffFen: 3_000 },
    validity: { type: 'days', days: 30, startsNextDay: false },
    limits: { totalStock: null, perMember: null, perMemberMonthly: null },
    claimable: false,
    pointsCost: null,
    storeIds: [],
    tierIds: [],
    stackable: false,
    description: '',
    status: 'active',
    remaining: null,
    issued: 0,
    ownerStoreId: null,
    createdBy: 'st-admin',
    createdAt: now,
    updatedBy: 'st-admin',
    updatedAt: now,
  };
  insert('coupon_templates', [template]);
  const journey: JourneyDoc & { _id: string } = { _id: BENCH_JOURNEY, definition: BENCH_JOURNEY_DEFINITION, builtIn: null, status: 'active', activeSince: new Date(now.getTime() - 86_400_000), createdAt: now, updatedAt: now, updatedBy: 'st-admin', requestId: null };
  insert('journeys', [journey]);
  const enrollments: Array<EnrollmentDoc & { _id: string }> = members.map((m) => ({
    _id: `${BENCH_JOURNEY}:${m._id}`,
    journeyId: BENCH_JOURNEY,
    memberId: m._id,
    storeId: m.homeStoreId,
    entryNo: 1,
    entryKey: 'joined',
    enteredAt: new Date(now.getTime() - 60_000),
    tierRank: 0,
    status: 'active',
    exitReason: null,
    stepId: 's1',
    stepDueAt: new Date(now.getTime() - 60_000),
    wakeAt: new Date(now.getTime() - 60_000),
    taskKeys: [],
    convertedAt: null,
    updatedAt: now,
  }));
  insert('journey_enrollments', enrollments);
  const withQuota = members.filter((m) => Object.keys(m.messageQuota).length > 0);
  const messages: Array<MessageDoc & { _id: string }> = withQuota.slice(0, request.messages).map((m) => ({
    _id: `points:bench-${m._id}`,
    memberId: m._id,
    openid: m.openid,
    storeId: m.homeStoreId,
    template: 'points_changed',
    data: { thing1: { value: '消费积分（订单 B-1）' }, character_string2: { value: '+128' }, number3: { value: '1280' }, time4: { value: '2026年12月9日 14:30' } },
    page: 'pages/points-history/points-history',
    marketing: false,
    status: 'pending',
    dueAt: new Date(now.getTime() - 60_000),
    attempts: [],
    heldFor: null,
    fallbackTaskKey: null,
    fallback: null,
    journeyId: null,
    campaignId: null,
    createdAt: new Date(now.getTime() - 60_000),
    sentAt: null,
    settledAt: null,
  }));
  insert('messages', messages);
  const facts: AutomationFacts = { members: members.length, enrollments: enrollments.length, messages: messages.length, withQuota: withQuota.length };
  console.log(`${SEEDED_LINE}${JSON.stringify(facts)}`);
});
