import { parseShanghai } from '../time/shanghai';
import { autoTagLabel, autoTags, highTicketMinFen, isAutoTag, nextTagChangeAt, type TagFacts } from './auto-tags';
import { DEFAULT_CARE_SETTINGS } from './care-settings';

const at = parseShanghai;
const NOW = at('2026-11-23 12:00');
const care = DEFAULT_CARE_SETTINGS; // price sensitive 50%, frequent category 3
const NOBODY: TagFacts = { birthday: null, purchaseCount: 0, couponPurchaseCount: 0, totalSpendFen: 0, categoryCounts: {}, segment: 'regular' };
const tags = (facts: Partial<TagFacts>, highTicket: number | null = null, now = NOW) => autoTags({ ...NOBODY, ...facts }, { highTicketMinFen: highTicket }, care, now);

describe('autoTags', () => {
  it('nothing for a regular member with nothing', () => {
    expect(tags({})).toEqual([]);
  });

  it('high ticket: floor of the average at least the threshold', () => {
    expect(tags({ purchaseCount: 3, totalSpendFen: 30_002 }, 10_000)).toEqual(['auto:high_ticket']);
    expect(tags({ purchaseCount: 3, totalSpendFen: 29_999 }, 10_000)).toEqual([]);
    expect(tags({ purchaseCount: 3, totalSpendFen: 30_000 }, null)).toEqual([]);
    expect(tags({ purchaseCount: 0, totalSpendFen: 0 }, 0)).toEqual([]);
  });

  it('price sensitive: at least two purchases and at least the percent with a coupon', () => {
    expect(tags({ purchaseCount: 2, couponPurchaseCount: 1 })).toEqual(['auto:price_sensitive']);
    expect(tags({ purchaseCount: 3, couponPurchaseCount: 1 })).toEqual([]);
    expect(tags({ purchaseCount: 1, couponPurchaseCount: 1 })).toEqual([]);
    expect(autoTags({ ...NOBODY, purchaseCount: 3, couponPurchaseCount: 1 }, { highTicketMinFen: null }, { ...care, priceSensitivePercent: 33 }, NOW)).toEqual(['auto:price_sensitive']);
  });

  it('birth month in the Shanghai month of now', () => {
    expect(tags({ birthday: '1990-11-30' })).toEqual(['auto:birth_month']);
    expect(tags({ birthday: '1990-12-01' })).toEqual([]);
    expect(tags({ birthday: '1990-12-01' }, null, new Date('2026-11-30T16:00:00Z'))).toEqual(['auto:birth_month']);
    expect(tags({ birthday: 'not a date' })).toEqual([]);
  });

  it('frequent categories at the minimum, and the segment unless regular, sorted', () => {
    expect(tags({ categoryCounts: { 童装: 3, 鞋: 2, 包: 5 }, segment: 'vip' })).toEqual(['auto:category:包', 'auto:category:童装', 'auto:segment:vip']);
    for (const segment of ['new', 'active', 'dormant', 'vip'] as const) expect(tags({ segment })).toEqual([`auto:segment:${segment}`]);
  });

  it('all together, sorted', () => {
    const all = tags({ birthday: '2000-11-02', purchaseCount: 4, couponPurchaseCount: 2, totalSpendFen: 80_000, categoryCounts: { 鞋: 4 }, segment: 'active' }, 20_000);
    expect(all).toEqual(['auto:birth_month', 'auto:category:鞋', 'auto:high_ticket', 'auto:price_sensitive', 'auto:segment:active']);
    expect(all.every(isAutoTag)).toBe(true);
  });
});

test('labels', () => {
  expect(autoTagLabel('auto:high_ticket')).toBe('高客单');
  expect(autoTagLabel('auto:price_sensitive')).toBe('价格敏感');
  expect(autoTagLabel('auto:birth_month')).toBe('生日月');
  expect(autoTagLabel('auto:category:童装')).toBe('常购:童装');
  expect(autoTagLabel('auto:segment:vip')).toBe('VIP');
  expect(autoTagLabel('auto:segment:dormant')).toBe('沉睡');
  expect(autoTagLabel('auto:segment:toString')).toBe('segment:toString');
  expect(autoTagLabel('auto:mystery')).toBe('mystery');
});

test('isAutoTag', () => {
  expect(isAutoTag('auto:x')).toBe(true);
  expect(isAutoTag('t123')).toBe(false);
  expect(isAutoTag('AUTO:x')).toBe(false);
});

describe('highTicketMinFen', () => {
  it('null for nobody', () => {
    expect(highTicketMinFen([], 20)).toBeNull();
  });

  it('at least one member', () => {
    expect(highTicketMinFen([500], 20)).toBe(500);
    expect(highTicketMinFen([100, 900, 500, 300], 20)).toBe(900);
  });

  it('the smallest of the top percent by rank', () => {
    const tickets = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(highTicketMinFen(tickets, 20)).toBe(90);
    expect(highTicketMinFen(tickets, 29)).toBe(90);
    expect(highTicketMinFen(tickets, 30)).toBe(80);
    expect(highTicketMinFen(tickets, 100)).toBe(10);
  });

  it('ties at the threshold: every tied member qualifies', () => {
    const min = highTicketMinFen([100, 100, 100, 50, 10], 20)!;
    expect(min).toBe(100);
  });
});

describe('nextTagChangeAt', () => {
  it('null without a birthday', () => {
    expect(nextTagChangeAt(null, NOW)).toBeNull();
    expect(nextTagChangeAt('1990-13-01', NOW)).toBeNull();
  });

  it('the start of the birth month, this year or next', () => {
    expect(nextTagChangeAt('1990-12-25', NOW)).toEqual(at('2026-12-01'));
    expect(nextTagChangeAt('1990-03-08', NOW)).toEqual(at('2027-03-01'));
  });

  it('during the birth month: the start of the month after it', () => {
    expect(nextTagChangeAt('1990-11-01', NOW)).toEqual(at('2026-12-01'));
    expect(nextTagChangeAt('1990-12-31', at('2026-12-15 08:00'))).toEqual(at('2027-01-01'));
  });

  it('turns at the Shanghai month boundary', () => {
    expect(nextTagChangeAt('1990-12-25', new Date('2026-11-30T15:59:59Z'))).toEqual(at('2026-12-01'));
    expect(nextTagChangeAt('1990-12-25', new Date('2026-11-30T16:00:00Z'))).toEqual(at('2027-01-01'));
  });
});
