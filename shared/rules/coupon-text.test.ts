import { conditionText, notApplicableText, rateText, ruleTitle, validityText, yuanText } from './coupon-text';

test('coupon faces', () => {
  expect(ruleTitle({ kind: 'cash', thresholdFen: 30_000, amountOffFen: 5_000 })).toBe('满300元减¥50');
  expect(ruleTitle({ kind: 'cash', thresholdFen: 0, amountOffFen: 1_250 })).toBe('无门槛减¥12.50');
  expect(ruleTitle({ kind: 'discount', thresholdFen: 0, rate: 88, capFen: 2_000 })).toBe('8.8折 · 最高减¥20');
  expect(ruleTitle({ kind: 'discount', thresholdFen: 0, rate: 80, capFen: null })).toBe('8折');
  expect(ruleTitle({ kind: 'gift', thresholdFen: 0, giftName: '帆布袋' })).toBe('兑换 帆布袋');
  expect(ruleTitle({ kind: 'random', thresholdFen: 0, minOffFen: 500, maxOffFen: 2_000 })).toBe('随机减¥5–¥20');
  expect(conditionText({ kind: 'gift', thresholdFen: 0, giftName: 'x' })).toBe('无门槛使用');
  expect(conditionText({ kind: 'cash', thresholdFen: 19_900, amountOffFen: 100 })).toBe('满199元可用');
  expect(rateText(5)).toBe('0.5折');
  expect(yuanText(1)).toBe('¥0.01');
});

test('validity and reasons read as a clerk would say them', () => {
  const now = new Date('2026-12-02T04:00:00Z');
  expect(validityText('2026-12-01T16:00:00Z', '2026-12-09T16:00:00Z', now)).toBe('有效期至 2026-12-09');
  expect(validityText('2026-12-02T16:00:00Z', '2026-12-09T16:00:00Z', now)).toBe('2026-12-03 00:00 起可用，至 2026-12-09');
  expect(notApplicableText({ code: 'BELOW_THRESHOLD', missingFen: 5_200 })).toBe('还差¥52可用');
  expect(notApplicableText({ code: 'STORE' })).toBe('本门店不可用');
});
