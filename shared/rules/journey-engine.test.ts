import { branchTarget, calendarOccasion, conditionHolds, eventOccasion, exitReason, shouldEnter, stepKey, taskStepKey, waitEnds, type MemberFacts } from './journey-engine';
import { builtInJourneys, journeyProblems, type JourneyStep } from './journeys';

const at = (text: string) => new Date(text);
const facts = (over: Partial<MemberFacts> = {}): MemberFacts => ({
  memberId: 'm1',
  joinedAt: at('2025-03-10T10:00:00+08:00'),
  birthday: null,
  firstPurchaseAt: null,
  lastPurchase: null,
  recentPurchaseIds: [],
  tierId: 'silver',
  tierRank: 0,
  tierSince: at('2025-03-10T10:00:00+08:00'),
  tags: [],
  segment: 'new',
  quota: {},
  ...over,
});
const ranks = new Map([['silver', 0], ['gold', 1], ['black', 2]]);
const journeys = builtInJourneys({ invitation: 'c1', birthday: 'c2', winBack: 'c3', anniversary: 'c4' });

describe('entries', () => {
  test('event occasions: joined once; each purchase its own key; first purchase once', () => {
    const bought = facts({ lastPurchase: { id: 'S01_9', at: at('2026-12-01T10:00:00Z') }, firstPurchaseAt: at('2026-01-01T10:00:00Z') });
    expect(eventOccasion({ kind: 'joined' }, bought)).toEqual({ key: 'joined', at: bought.joinedAt });
    expect(eventOccasion({ kind: 'purchased' }, bought)).toEqual({ key: 'S01_9', at: at('2026-12-01T10:00:00Z') });
    expect(eventOccasion({ kind: 'first_purchase' }, bought)?.key).toBe('first');
    expect(eventOccasion({ kind: 'tier_upgraded' }, bought)).toBeNull();
  });

  test('re-entry: never twice for one key, never for an older occasion, after N days only after N days', () => {
    const run = { entryNo: 1, entryKey: 'p1', enteredAt: at('2026-06-01T00:00:00Z'), tierRank: 0 };
    const entry = { kind: 'purchased' } as const;
    const early = at('2026-01-01T00:00:00Z');
    expect(shouldEnter({ key: 'p1', at: run.enteredAt }, run, { kind: 'always' }, early, entry, facts())).toBe(false);
    expect(shouldEnter({ key: 'p0', at: at('2026-05-01T00:00:00Z') }, run, { kind: 'always' }, early, entry, facts())).toBe(false);
    expect(shouldEnter({ key: 'p2', at: at('2026-06-05T00:00:00Z') }, run, { kind: 'always' }, early, entry, facts())).toBe(true);
    expect(shouldEnter({ key: 'p2', at: at('2026-06-05T00:00:00Z') }, run, { kind: 'never' }, early, entry, facts())).toBe(false);
    expect(shouldEnter({ key: 'p2', at: at('2026-08-29T00:00:00Z') }, run, { kind: 'after_days', days: 90 }, early, entry, facts())).toBe(false);
    expect(shouldEnter({ key: 'p2', at: at('2026-08-30T00:00:00Z') }, run, { kind: 'after_days', days: 90 }, early, entry, facts())).toBe(true);
    // Before the journey was switched on (or long ago): no entry.
    expect(shouldEnter({ key: 'p2', at: at('2025-12-01T00:00:00Z') }, null, { kind: 'always' }, early, entry, facts())).toBe(false);
  });

  test('birthday on the day, keyed by year; 29 February is kept on 28 February in non-leap years', () => {
    const leapling = facts({ birthday: '2000-02-29' });
    const entry = { kind: 'birthday', when: 'day', daysBefore: 0 } as const;
    expect(calendarOccasion(entry, leapling, '20270227', 90)).toBeNull();
    expect(calendarOccasion(entry, leapling, '20270228', 90)).toEqual({ key: '2027', at: at('2027-02-28T00:00:00+08:00') });
    expect(calendarOccasion(entry, leapling, '20270301', 90)).toBeNull();
    expect(calendarOccasion(entry, leapling, '20280228', 90)).toBeNull();
    expect(calendarOccasion(entry, leapling, '20280229', 90)?.key).toBe('2028');
    // Three days before, and in the birth month.
    expect(calendarOccasion({ kind: 'birthday', when: 'day', daysBefore: 3 }, facts({ birthday: '1990-01-02' }), '20261230', 90)?.key).toBe('2027');
    expect(calendarOccasion({ kind: 'birthday', when: 'month', daysBefore: 0 }, facts({ birthday: '1990-05-20' }), '20260501', 90)?.key).toBe('2026');
    expect(calendarOccasion({ kind: 'birthday', when: 'month', daysBefore: 0 }, facts({ birthday: '1990-05-20' }), '20260502', 90)).toBeNull();
  });

  test('dormant: the day the spell starts, keyed by the last purchase (or joining); anniversary by year', () => {
    const sleeper = facts({ lastPurchase: { id: 'p7', at: at('2026-03-02T15:00:00+08:00') } });
    expect(calendarOccasion({ kind: 'dormant' }, sleeper, '20260531', 90)).toEqual({ key: 'dormant:p7', at: at('2026-05-31T00:00:00+08:00') });
    expect(calendarOccasion({ kind: 'dormant' }, sleeper, '20260601', 90)).toBeNull();
    expect(calendarOccasion({ kind: 'dormant' }, facts(), '20250608', 90)?.key).toBe('dormant:joined');
    expect(calendarOccasion({ kind: 'anniversary' }, facts(), '20260310', 90)?.key).toBe('year1');
    expect(calendarOccasion({ kind: 'anniversary' }, facts(), '20250310', 90)).toBeNull();
  });
});

describe('conditions, exits, waits and branches', () => {
  const enteredAt = at('2026-12-01T10:00:00Z');
  test('made a purchase since entering; tags; segment; tier; quota', () => {
    expect(conditionHolds({ kind: 'purchased_since_entry' }, facts({ lastPurchase: { id: 'p', at: at('2026-12-02T00:00:00Z') } }), enteredAt, ranks)).toBe(true);
    expect(conditionHolds({ kind: 'purchased_since_entry' }, facts({ lastPurchase: { id: 'p', at: enteredAt } }), enteredAt, ranks)).toBe(false);
    expect(conditionHolds({ kind: 'has_tag', tag: 'auto:high_ticket' }, facts({ tags: ['auto:high_ticket'] }), enteredAt, ranks)).toBe(true);
    expect(conditionHolds({ kind: 'segment_is', segment: 'dormant' }, facts({ segment: 'dormant' }), enteredAt, ranks)).toBe(true);
    expect(conditionHolds({ kind: 'tier_at_least', tierId: 'gold' }, facts({ tierRank: 2 }), enteredAt, ranks)).toBe(true);
    expect(conditionHolds({ kind: 'has_quota', template: 'store_notice' }, facts({ quota: { store_notice: 1 } }), enteredAt, ranks)).toBe(true);
  });

  test('an after-purchase run whose purchase was voided exits; the new-member run exits on a purchase', () => {
    const run = { entryNo: 1, entryKey: 'p1', enteredAt, tierRank: 0 };
    expect(exitReason(journeys.after_purchase, facts({ recentPurchaseIds: [] }), run, ranks)).toBe('voided');
    expect(exitReason(journeys.after_purchase, facts({ recentPurchaseIds: ['p1'] }), run, ranks)).toBeNull();
    const joinRun = { ...run, entryKey: 'joined' };
    expect(exitReason(journeys.new_member, facts({ lastPurchase: { id: 'p', at: at('2026-12-03T00:00:00Z') } }), joinRun, ranks)).toBe('purchased_since_entry');
  });

  test('waits count from when the wait began on schedule', () => {
    const from = at('2026-12-01T22:30:00+08:00');
    expect(waitEnds({ id: 'w', type: 'wait', days: 3, hours: 2 }, from, facts())).toEqual(at('2026-12-05T00:30:00+08:00'));
    expect(waitEnds({ id: 'w', type: 'wait_until_time', time: '10:00' }, from, facts())).toEqual(at('2026-12-02T10:00:00+08:00'));
    expect(waitEnds({ id: 'w', type: 'wait_until_time', time: '23:00' }, from, facts())).toEqual(at('2026-12-01T23:00:00+08:00'));
    const birthday = { id: 'w', type: 'wait_until_date', field: 'birthday', offsetDays: -3, time: '10:00' } as const;
    expect(waitEnds(birthday, from, facts({ birthday: '1990-12-20' }))).toEqual(at('2026-12-17T10:00:00+08:00'));
    expect(waitEnds(birthday, from, facts({ birthday: '1990-12-02' }))).toEqual(at('2027-11-29T10:00:00+08:00'));
    expect(waitEnds(birthday, from, facts())).toBeNull();
  });

  test('a branch goes on when its condition holds, else to its target (or the end)', () => {
    const steps: JourneyStep[] = [
      { id: 'a', type: 'branch', condition: { kind: 'has_quota', template: 'store_notice' }, elseGoto: 'c' },
      { id: 'b', type: 'message', template: 'store_notice', text: '到店提醒', fallbackTask: false },
      { id: 'c', type: 'tag', op: 'add', tag: 't1' },
    ];
    const branch = steps[0] as Extract<JourneyStep, { type: 'branch' }>;
    expect(branchTarget(steps, branch, true)).toBe('b');
    expect(branchTarget(steps, branch, false)).toBe('c');
    expect(branchTarget(steps, { ...branch, elseGoto: 'end' }, false)).toBeNull();
  });

  test('step keys; post-purchase tasks keep the keys care has always used', () => {
    expect(stepKey('j1', 'm1', 2, 's3')).toBe('journey:j1:m1:2:s3');
    const thanks = journeys.after_purchase.steps[0] as Extract<JourneyStep, { type: 'task' }>;
    expect(taskStepKey(thanks, journeys.after_purchase.entry, 'S01_42', 'journey:x')).toBe('thanks:S01_42');
    expect(taskStepKey({ ...thanks, cause: 'journey' }, journeys.after_purchase.entry, 'S01_42', 'journey:x')).toBe('journey:x');
  });
});

describe('journey problems', () => {
  test('the built-ins are valid once their coupons exist; without, they say which step needs one', () => {
    const all = new Set(['c1', 'c2', 'c3', 'c4']);
    for (const journey of Object.values(journeys)) expect(journeyProblems(journey, all)).toEqual([]);
    expect(journeyProblems(journeys.new_member, new Set())).toEqual([{ field: 'steps.3', message: '请选择一张可发放的优惠券' }]);
  });
  test('duplicate ids, backward jumps, a wait at the end, a zero wait', () => {
    const problems = journeyProblems(
      {
        ...journeys.after_purchase,
        steps: [
          { id: 'a', type: 'wait', days: 0, hours: 0 },
          { id: 'a', type: 'branch', condition: { kind: 'purchased_since_entry' }, elseGoto: 'a' },
          { id: 'c', type: 'wait', days: 1, hours: 0 },
        ],
      },
      new Set(),
    );
    expect(problems.map((p) => p.message)).toEqual(['等待时长须大于0', '步骤编号重复：a', '只能跳转到后面的步骤', '最后一步不能是等待']);
  });
});
