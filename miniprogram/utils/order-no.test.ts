import { isValidOrderNo, suggestOrderNo } from './order-no';

describe('order numbers', () => {
  it('suggests the Shanghai date-time as digits', () => {
    expect(suggestOrderNo(new Date('2026-11-23T07:30:12Z'))).toBe('20261123153012');
  });

  it('accepts what the server accepts', () => {
    expect(isValidOrderNo('20261123153012')).toBe(true);
    expect(isValidOrderNo('POS-2026_0042')).toBe(true);
    expect(isValidOrderNo('x'.repeat(40))).toBe(true);
    expect(isValidOrderNo('')).toBe(false);
    expect(isValidOrderNo('x'.repeat(41))).toBe(false);
    expect(isValidOrderNo('单号1')).toBe(false);
    expect(isValidOrderNo('A 1')).toBe(false);
  });
});
