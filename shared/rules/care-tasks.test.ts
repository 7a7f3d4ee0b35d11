import { parseShanghai } from '../time/shanghai';
import { DEFAULT_CARE_SETTINGS, type CareJobCause, type CareSettings } from './care-settings';
import {
  birthdayInYear,
  couponTaskDueAt,
  couponTaskKey,
  manualTaskKey,
  planCareTasks,
  type CareFacts,
} from './care-tasks';

const at = parseShanghai;
const DAY = 24 * 60 * 60 * 1000;
const NOW = at('2026-11-23 12:00');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const later = (from: Date, days: number) => new Date(from.getTime() + days * DAY);
// birthday 3 before, dormant 90, expire 7
const care = DEFAULT_CARE_SETTINGS;
const without = (...causes: CareJobCause[]): CareSettings => ({ ...care, causes: { ...care.causes, ...Object.fromEntries(causes.map((c) => [c, false])) } });

function facts(over: Partial<CareFacts> = {}): CareFacts {
  return { memberId: 'm1', birthday: null, joinedAt: ago(400), lastPurchase: null, recentPurchaseDates: [], heatFalling: false, ...over };
}
function boughtAgo(id: string, days: number): Partial<CareFacts> {
  return { lastPurchase: { id, at: ago(days) }, recentPurchaseDates: [ago(days)] };
}
const keys = (plan: { create: Array<{ key: string }> }) => plan.create.map((seed) => seed.key);

test('keys', () => {
  expect(couponTaskKey('c9')).toBe('coupon:c9');
  expect(manualTaskKey('st1', 'r7')).toBe('manual:st1:r7');
});

test('couponTaskDueAt: couponExpiringDays before the end', () => {
  expect(couponTaskDueAt(at('2026-12-10 23:59'), care)).toEqual(at('2026-12-07 23:59'));
  expect(couponTaskDueAt(at('2026-12-10 23:59'), { ...care, couponExpiringDays: 1 })).toEqual(at('2026-12-09 23:59'));
});

describe('post-purchase tasks', () => {
  it('are not the care jobs\' (the after-purchase journey makes them): a purchase alone plans nothing', () => {
    const purchaseAt = at('2026-11-23 10:00');
    const plan = planCareTasks(facts({ lastPurchase: { id: 'p2', at: purchaseAt }, recentPurchaseDates: [purchaseAt] }), without('birthday', 'churn'), NOW);
    expect(plan.create).toEqual([]);
    // the next look: when the purchase would leave the member dormant
    expect(plan.nextCheckAt).toEqual(later(purchaseAt, 90));
  });

  it('the same facts give the same plan (concurrent visits agree)', () => {
    const f = facts({ birthday: '1990-11-24', ...boughtAgo('p1', 30), heatFalling: true });
    expect(planCareTasks(f, care, NOW)).toEqual(planCareTasks(f, care, NOW));
  });
});

describe('birthday task', () => {
  const only = without('dormant', 'churn');
  const plan = (birthday: string, now: Date, settings = only) => planCareTasks(facts({ birthday, joinedAt: ago(10) }), settings, now);

  it('due at 00:00 Shanghai birthdayDaysBefore days before, made from then until the birthday', () => {
    expect(plan('1990-11-26', at('2026-11-22 23:59')).create).toEqual([]);
    expect(plan('1990-11-26', at('2026-11-22 23:59')).nextCheckAt).toEqual(at('2026-11-23 00:00'));
    const due = plan('1990-11-26', at('2026-11-23 00:00'));
    expect(due.create).toEqual([{ key: 'birthday:m1:2026', cause: 'birthday', dueAt: at('2026-11-23 00:00'), purchaseId: null }]);
    expect(keys(plan('1990-11-26', at('2026-11-26 23:59')))).toEqual(['birthday:m1:2026']);
  });

  it('after the birthday, nothing until next year; then next year key', () => {
    const after = plan('1990-11-26', at('2026-11-27 00:00'));
    expect(after.create).toEqual([]);
    expect(after.nextCheckAt).toEqual(at('2027-11-23 00:00'));
  });

  it('once due, the next check is next year\'s due time', () => {
    expect(plan('1990-11-26', at('2026-11-24 09:00')).nextCheckAt).toEqual(at('2027-11-23 00:00'));
  });

  it('across the new year: a 1 January birthday is due on 29 December, keyed by the birthday\'s year', () => {
    const p = plan('1990-01-01', at('2026-12-30 10:00'));
    expect(p.create).toEqual([{ key: 'birthday:m1:2027', cause: 'birthday', dueAt: at('2026-12-29 00:00'), purchaseId: null }]);
  });

  it('29 February counts as 28 February in 2027 and is itself in 2028', () => {
    expect(birthdayInYear('1992-02-29', 2027)).toBe('20270228');
    expect(birthdayInYear('1992-02-29', 2028)).toBe('20280229');
    expect(birthdayInYear('1992-02-29', 2100)).toBe('21000228');
    expect(plan('1992-02-29', at('2027-02-24 12:00')).nextCheckAt).toEqual(at('2027-02-25 00:00'));
    expect(plan('1992-02-29', at('2027-02-25 00:00')).create).toEqual([{ key: 'birthday:m1:2027', cause: 'birthday', dueAt: at('2027-02-25 00:00'), purchaseId: null }]);
    expect(plan('1992-02-29', at('2027-03-01 00:00')).nextCheckAt).toEqual(at('2028-02-26 00:00'));
    expect(plan('1992-02-29', at('2028-02-26 00:00')).create).toEqual([{ key: 'birthday:m1:2028', cause: 'birthday', dueAt: at('2028-02-26 00:00'), purchaseId: null }]);
    expect(keys(plan('1992-02-29', at('2028-02-29 23:00')))).toEqual(['birthday:m1:2028']);
  });

  it('0 days before: due at the start of the birthday', () => {
    expect(plan('1990-11-26', at('2026-11-26 00:00'), { ...only, birthdayDaysBefore: 0 }).create[0].dueAt).toEqual(at('2026-11-26 00:00'));
  });

  it('nothing when the cause is off or the birthday is no date', () => {
    expect(plan('1990-11-24', NOW, { ...only, causes: { ...only.causes, birthday: false } })).toMatchObject({ create: [], nextCheckAt: null });
    expect(plan('1990-02-30', NOW)).toMatchObject({ create: [], nextCheckAt: null });
  });
});

describe('dormant task', () => {
  const only = without('birthday', 'churn');

  it('dormantDays after the last purchase, due now, keyed by that purchase', () => {
    const plan = planCareTasks(facts({ ...boughtAgo('p1', 90) }), only, NOW);
    expect(plan.create).toEqual([{ key: 'dormant:m1:p1', cause: 'dormant', dueAt: NOW, purchaseId: null }]);
    expect(plan.nextCheckAt).toBeNull();
  });

  it('not a moment before; then the next check is the threshold', () => {
    const plan = planCareTasks(facts({ ...boughtAgo('p1', 89) }), only, NOW);
    expect(plan.create).toEqual([]);
    expect(plan.nextCheckAt).toEqual(later(ago(89), 90));
  });

  it('never bought: dormantDays after joining, keyed joined', () => {
    expect(keys(planCareTasks(facts({ joinedAt: ago(90) }), only, NOW))).toEqual(['dormant:m1:joined']);
    const young = planCareTasks(facts({ joinedAt: ago(60) }), only, NOW);
    expect(young.create).toEqual([]);
    expect(young.nextCheckAt).toEqual(later(ago(60), 90));
  });

  it('nothing when the cause is off', () => {
    expect(planCareTasks(facts({ joinedAt: ago(100) }), without('dormant'), NOW)).toMatchObject({ create: [], nextCheckAt: null });
  });
});

describe('churn task', () => {
  const only = without('birthday', 'dormant');
  // purchases every 10 days; the last one `days` ago
  const rhythm = (days: number, over: Partial<CareFacts> = {}) =>
    facts({ lastPurchase: { id: 'p3', at: ago(days) }, recentPurchaseDates: [ago(days), ago(days + 10), ago(days + 20)], ...over });

  it('more than twice the median gap since the last purchase, due now, once per purchase', () => {
    expect(planCareTasks(rhythm(20), only, NOW)).toMatchObject({ create: [], nextCheckAt: new Date(later(ago(20), 20).getTime() + 1) });
    expect(planCareTasks(rhythm(20.001), only, NOW).create).toEqual([{ key: 'churn:m1:p3', cause: 'churn', dueAt: NOW, purchaseId: null }]);
  });

  it('a falling heat index warns at once', () => {
    expect(keys(planCareTasks(rhythm(2, { heatFalling: true }), only, NOW))).toEqual(['churn:m1:p3']);
    expect(keys(planCareTasks(facts({ ...boughtAgo('p1', 2), heatFalling: true }), only, NOW))).toEqual(['churn:m1:p1']);
  });

  it('no rhythm with fewer than 3 purchases, or gaps under a day', () => {
    const two = facts({ lastPurchase: { id: 'p2', at: ago(50) }, recentPurchaseDates: [ago(50), ago(55)] });
    expect(planCareTasks(two, only, NOW)).toMatchObject({ create: [], nextCheckAt: null });
    const oneTrip = facts({ lastPurchase: { id: 'p3', at: ago(5) }, recentPurchaseDates: [ago(5), ago(5.01), ago(5.02)] });
    expect(planCareTasks(oneTrip, only, NOW).create).toEqual([]);
  });

  it('not once dormant (the dormant task takes over), even with the dormant cause off', () => {
    expect(planCareTasks(rhythm(90, { heatFalling: true }), only, NOW).create).toEqual([]);
    expect(keys(planCareTasks(rhythm(90, { heatFalling: true }), care, NOW))).toEqual(['dormant:m1:p3']);
  });

  it('no check at a gap threshold beyond the dormant one', () => {
    const slow = facts({ lastPurchase: { id: 'p3', at: ago(10) }, recentPurchaseDates: [ago(10), ago(60), ago(110)] });
    expect(planCareTasks(slow, only, NOW).nextCheckAt).toBeNull();
    expect(planCareTasks(slow, without('birthday'), NOW).nextCheckAt).toEqual(later(ago(10), 90));
  });

  it('nothing when the cause is off', () => {
    expect(planCareTasks(rhythm(30, { heatFalling: true }), without('birthday', 'dormant', 'churn'), NOW)).toMatchObject({ create: [], nextCheckAt: null });
  });
});

describe('everything together', () => {
  it('creates in a fixed order and wakes at the earliest future time', () => {
    const f = facts({
      birthday: '1990-12-25',
      lastPurchase: { id: 'p3', at: ago(25) },
      recentPurchaseDates: [ago(25), ago(35), ago(45)],
      heatFalling: false,
    });
    const plan = planCareTasks(f, care, NOW);
    // churn at +20 days has passed; no post-purchase tasks (the journey's)
    expect(keys(plan)).toEqual(['churn:m1:p3']);
    // birthday due 22 Dec, dormant at +90 days (65 days from now): the birthday comes first
    expect(plan.nextCheckAt).toEqual(at('2026-12-22 00:00'));
  });

  it('every cause off: no tasks, no wake-up', () => {
    const off = without('birthday', 'dormant', 'churn', 'coupon_expiring');
    const plan = planCareTasks(facts({ birthday: '1990-11-24', ...boughtAgo('p9', 100), heatFalling: true }), off, NOW);
    expect(plan).toEqual({ create: [], nextCheckAt: null });
  });
});
