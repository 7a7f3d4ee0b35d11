import { parseShanghai } from '../time/shanghai';
import { DEFAULT_CARE_SETTINGS } from './care-settings';
import { nextSegmentChangeAt, SEGMENT_LABELS, segmentOf, type SegmentFacts } from './segments';

const at = parseShanghai;
const DAY = 24 * 60 * 60 * 1000;
const NOW = at('2026-11-23 12:00');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const care = DEFAULT_CARE_SETTINGS; // dormant 90, new 30, active 2 within 90, VIP total 15

function facts(over: Partial<SegmentFacts>): SegmentFacts {
  return { joinedAt: ago(400), firstPurchaseAt: null, lastPurchaseAt: null, recentPurchaseDates: [], isTopTier: false, rfm: null, ...over };
}
function bought(...daysAgo: number[]): Partial<SegmentFacts> {
  const dates = daysAgo.map(ago);
  const times = dates.map((d) => d.getTime());
  return { firstPurchaseAt: new Date(Math.min(...times)), lastPurchaseAt: new Date(Math.max(...times)), recentPurchaseDates: dates };
}

test('labels', () => {
  expect(SEGMENT_LABELS).toEqual({ new: '新客户', active: '活跃', dormant: '沉睡', vip: 'VIP', regular: '普通' });
});

describe('segmentOf', () => {
  it('dormant at exactly dormantDays since the last purchase, not a moment before', () => {
    expect(segmentOf(facts(bought(200, 90)), care, NOW)).toBe('dormant');
    expect(segmentOf(facts(bought(200, 89.99)), care, NOW)).toBe('regular');
  });

  it('dormant when never bought and joined dormantDays ago', () => {
    expect(segmentOf(facts({ joinedAt: ago(90) }), care, NOW)).toBe('dormant');
    expect(segmentOf(facts({ joinedAt: ago(89) }), care, NOW)).toBe('regular');
  });

  it('dormant wins over VIP', () => {
    expect(segmentOf(facts({ ...bought(100), isTopTier: true }), care, NOW)).toBe('dormant');
  });

  it('VIP by top tier or by an RFM total at the threshold', () => {
    expect(segmentOf(facts({ ...bought(40), isTopTier: true }), care, NOW)).toBe('vip');
    expect(segmentOf(facts({ ...bought(40), rfm: { r: 5, f: 5, m: 5 } }), care, NOW)).toBe('vip');
    expect(segmentOf(facts({ ...bought(40), rfm: { r: 5, f: 5, m: 4 } }), care, NOW)).toBe('regular');
    expect(segmentOf(facts({ ...bought(40), rfm: { r: 4, f: 4, m: 4 } }), { ...care, vipRfmTotal: 12 }, NOW)).toBe('vip');
  });

  it('VIP wins over new', () => {
    expect(segmentOf(facts({ joinedAt: ago(1), isTopTier: true }), care, NOW)).toBe('vip');
  });

  it('new by joining or by a first purchase within newCustomerDays', () => {
    expect(segmentOf(facts({ joinedAt: ago(29.9) }), care, NOW)).toBe('new');
    expect(segmentOf(facts({ joinedAt: ago(30) }), care, NOW)).toBe('regular');
    expect(segmentOf(facts(bought(29)), care, NOW)).toBe('new');
    expect(segmentOf(facts(bought(30)), care, NOW)).toBe('regular');
  });

  it('new wins over active', () => {
    expect(segmentOf(facts({ joinedAt: ago(5), ...bought(3, 1) }), care, NOW)).toBe('new');
  });

  it('active with activeMinPurchases within activeWindowDays', () => {
    expect(segmentOf(facts(bought(89, 40)), care, NOW)).toBe('active');
    expect(segmentOf(facts(bought(120, 90 - 0.001, 40)), care, NOW)).toBe('active');
    expect(segmentOf(facts(bought(120, 91, 40)), care, NOW)).toBe('regular');
    expect(segmentOf(facts(bought(120, 40)), { ...care, activeMinPurchases: 1 }, NOW)).toBe('active');
  });
});

describe('nextSegmentChangeAt', () => {
  it('a new member turns regular when the 30 days after joining end', () => {
    const f = facts({ joinedAt: ago(10) });
    expect(nextSegmentChangeAt(f, care, NOW)).toEqual(new Date(ago(10).getTime() + 30 * DAY));
  });

  it('a new buyer turns active when the new window ends, active later turns regular as purchases leave the window', () => {
    const f = facts(bought(20, 10));
    const endOfNew = new Date(ago(20).getTime() + 30 * DAY);
    expect(nextSegmentChangeAt(f, care, NOW)).toEqual(endOfNew);
    expect(segmentOf(f, care, endOfNew)).toBe('active');
    const leaves = new Date(ago(20).getTime() + 90 * DAY);
    expect(nextSegmentChangeAt(f, care, endOfNew)).toEqual(leaves);
    expect(segmentOf(f, care, leaves)).toBe('regular');
    // then dormant 90 days after the last purchase
    expect(nextSegmentChangeAt(f, care, leaves)).toEqual(new Date(ago(10).getTime() + 90 * DAY));
  });

  it('skips window ends that do not change the answer (a third purchase keeps the member active)', () => {
    const f = facts(bought(200, 80, 50, 40));
    expect(segmentOf(f, care, NOW)).toBe('active');
    // 80 days ago leaves in 10 days (still 2 left), 50 days ago leaves in 40 days → regular then
    expect(nextSegmentChangeAt(f, care, NOW)).toEqual(new Date(ago(50).getTime() + 90 * DAY));
  });

  it('a VIP changes only on going dormant', () => {
    const f = facts({ ...bought(5), isTopTier: true });
    expect(nextSegmentChangeAt(f, care, NOW)).toEqual(new Date(ago(5).getTime() + 90 * DAY));
  });

  it('a never-buying member goes dormant 90 days after joining', () => {
    expect(nextSegmentChangeAt(facts({ joinedAt: ago(50) }), care, NOW)).toEqual(new Date(ago(50).getTime() + 90 * DAY));
  });

  it('is null once dormant: nothing changes without new input', () => {
    expect(nextSegmentChangeAt(facts(bought(100)), care, NOW)).toBeNull();
    expect(nextSegmentChangeAt(facts({ joinedAt: ago(100) }), care, NOW)).toBeNull();
  });

  it('is strictly after now', () => {
    const f = facts({ joinedAt: ago(30) });
    expect(nextSegmentChangeAt(f, care, NOW)!.getTime()).toBeGreaterThan(NOW.getTime());
  });
});
