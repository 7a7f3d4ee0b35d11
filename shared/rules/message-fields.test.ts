import { fitKeyword, messageData } from './message-fields';
import { MESSAGE_TEMPLATE_KEYS, MESSAGE_TEMPLATES } from './message-templates';
import { sendFailure, retryAt } from './message-delivery';

describe('keyword values fitted to WeChat rules', () => {
  test('thing: at most 20 characters, cut with an ellipsis', () => {
    expect(fitKeyword('thing1', '满300减50')).toBe('满300减50');
    const long = fitKeyword('thing1', '这是一个非常非常非常非常非常非常长的优惠券名称啊')!;
    expect([...long]).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
  test('phrase keeps only Chinese, at most 5; number must be a number; dates and times in Shanghai', () => {
    expect(fitKeyword('phrase2', '已到账 ok')).toBe('已到账');
    expect(fitKeyword('number3', '12.5')).toBe('12.5');
    expect(fitKeyword('number3', '十二')).toBeNull();
    expect(fitKeyword('date3', new Date('2026-12-31T15:59:59Z'))).toBe('2026年12月31日');
    expect(fitKeyword('time4', new Date('2026-12-01T13:05:00Z'))).toBe('2026年12月1日 21:05');
    expect(fitKeyword('thing1', '   ')).toBeNull();
  });
  test('every template names its keywords by WeChat type, titles stay transactional', () => {
    for (const key of MESSAGE_TEMPLATE_KEYS) {
      const template = MESSAGE_TEMPLATES[key];
      for (const keyword of template.keywords) expect(keyword.key).toMatch(/^(thing|number|time|date|phrase|amount|character_string|name)\d+$/);
      expect(template.title).not.toMatch(/优惠活动|促销|大促|秒杀|特价/);
    }
  });
  test('messageData fills every keyword and refuses a missing one', () => {
    const data = messageData('coupon_expiring', { thing1: '满300减50', date2: new Date('2026-12-31T15:00:00Z'), thing3: '请及时使用' });
    expect(data).toEqual({ thing1: { value: '满300减50' }, date2: { value: '2026年12月31日' }, thing3: { value: '请及时使用' } });
    expect(() => messageData('coupon_expiring', { thing1: 'x' })).toThrow(/date2/);
  });
});

describe('send failures', () => {
  test('43101 is a refusal, bad requests are final, the rest are transient', () => {
    expect(sendFailure(43101)).toBe('refused');
    expect(sendFailure(47003)).toBe('invalid');
    expect(sendFailure(40003)).toBe('invalid');
    expect(sendFailure(-1)).toBe('transient');
    expect(sendFailure(45009)).toBe('transient');
    expect(sendFailure(undefined)).toBe('transient');
  });
  test('backoff grows: 1, 5, 30, 120 minutes, then stays', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect([1, 2, 3, 4, 5].map((n) => (retryAt(n, now).getTime() - now.getTime()) / 60_000)).toEqual([1, 5, 30, 120, 120]);
  });
});
