import { adjustReason, earnReason, expireReason, reverseReason, welcomeReason } from './ledger-text';

describe('ledger reasons', () => {
  it('names the order for earnings and reversals', () => {
    expect(earnReason('A-1001')).toBe('消费积分（订单 A-1001）');
    expect(reverseReason('A-1001')).toBe('撤销消费（订单 A-1001）');
  });

  it('has fixed texts for welcome and expiry', () => {
    expect(welcomeReason()).toBe('入会礼');
    expect(expireReason(2026)).toBe('2026年积分到期');
  });

  it('adds the note to manual adjustments only when there is one', () => {
    expect(adjustReason(' 补录 ')).toBe('人工调整（补录）');
    expect(adjustReason('')).toBe('人工调整');
  });
});
