import { canMoveTo, refundOutcome, takeRefusal, templateProblems, type TemplateTerms } from './coupon-templates';

const terms: TemplateTerms = {
  name: '满300减50',
  rule: { kind: 'cash', thresholdFen: 30_000, amountOffFen: 5_000 },
  validity: { type: 'days', days: 30, startsNextDay: false },
  storeIds: [],
  tierIds: [],
  limits: { totalStock: 100, perMember: 2, perMemberMonthly: 1 },
  stackable: false,
  claimable: true,
  pointsCost: null,
};
const known = { storeIds: ['S01', 'S02'], tierIds: ['normal', 'silver'] };
const now = new Date('2026-12-02T04:00:00Z');

test('a template moves draft → active ⇄ paused → ended, and never back', () => {
  expect(canMoveTo('draft', 'active')).toBe(true);
  expect(canMoveTo('active', 'paused')).toBe(true);
  expect(canMoveTo('paused', 'active')).toBe(true);
  expect(canMoveTo('ended', 'active')).toBe(false);
  expect(canMoveTo('active', 'draft')).toBe(false);
});

test('who may take one more', () => {
  const active = { ...terms, status: 'active' as const, remaining: 10 };
  const taker = { tierId: 'normal', taken: 0, takenThisMonth: 0, now };
  expect(takeRefusal(active, taker)).toBeNull();
  expect(takeRefusal({ ...active, status: 'paused' }, taker)).toBe('TEMPLATE_NOT_ACTIVE');
  expect(takeRefusal({ ...active, remaining: 0 }, taker)).toBe('OUT_OF_STOCK');
  expect(takeRefusal({ ...active, remaining: null }, taker)).toBeNull();
  expect(takeRefusal({ ...active, tierIds: ['silver'] }, taker)).toBe('NOT_FOR_TIER');
  expect(takeRefusal(active, { ...taker, taken: 2 })).toBe('MEMBER_LIMIT');
  expect(takeRefusal(active, { ...taker, taken: 1, takenThisMonth: 1 })).toBe('MONTHLY_LIMIT');
  expect(takeRefusal({ ...active, validity: { type: 'fixed', fromDay: '2026-11-01', untilDay: '2026-11-30' } }, taker)).toBe('VALIDITY_OVER');
});

test('template terms are checked field by field, in Chinese', () => {
  expect(templateProblems(terms, known)).toEqual({});
  expect(templateProblems({ ...terms, name: ' ', rule: { kind: 'cash', thresholdFen: 1_000, amountOffFen: 2_000 } }, known)).toEqual({
    name: '请填写券名称',
    'rule.amountOffFen': '减免金额不能高于门槛',
  });
  expect(templateProblems({ ...terms, rule: { kind: 'discount', thresholdFen: 0, rate: 100, capFen: 0 } }, known)).toEqual({
    'rule.rate': expect.stringContaining('1–99'),
    'rule.capFen': '最高优惠须大于0',
  });
  expect(Object.keys(templateProblems({ ...terms, rule: { kind: 'random', thresholdFen: 0, minOffFen: 500, maxOffFen: 100 } }, known))).toEqual(['rule.maxOffFen']);
  expect(templateProblems({ ...terms, storeIds: ['S09'], tierIds: ['gold'] }, known)).toEqual({ storeIds: '门店不存在：S09', tierIds: '会员等级不存在：gold' });
  expect(templateProblems({ ...terms, limits: { totalStock: 0, perMember: 1, perMemberMonthly: 2 } }, known)).toEqual({
    'limits.totalStock': expect.any(String),
    'limits.perMemberMonthly': '每月限领不能多于每人限领',
  });
  expect(Object.keys(templateProblems({ ...terms, validity: { type: 'fixed', fromDay: '2026-12-10', untilDay: '2026-12-01' } }, known))).toEqual(['validity.untilDay']);
});

test('a voided sale gives its coupon back while valid; after that, nothing or a replacement for the days it had left', () => {
  const coupon = { usedAt: new Date('2026-12-01T04:00:00Z'), validUntil: new Date('2026-12-05T16:00:00Z') };
  expect(refundOutcome('restore-if-valid', coupon, now)).toEqual({ action: 'restore' });
  const later = new Date('2026-12-08T04:00:00Z');
  expect(refundOutcome('restore-if-valid', coupon, later)).toEqual({ action: 'keep-used' });
  expect(refundOutcome('restore-or-replace', coupon, later)).toEqual({ action: 'replace', days: 5 });
});
