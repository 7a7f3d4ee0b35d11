import { decodeQueryValue } from './query';

describe('decodeQueryValue', () => {
  it('decodes percent-encoding once', () => {
    expect(decodeQueryValue('s%3DS001%26c%3DAB12')).toBe('s=S001&c=AB12');
    expect(decodeQueryValue('%E5%BC%A0%E4%B8%89')).toBe('张三');
  });

  it('keeps plain and malformed values as they are', () => {
    expect(decodeQueryValue('s=S001')).toBe('s=S001');
    expect(decodeQueryValue('100%')).toBe('100%');
  });

  it('treats a missing value as empty', () => {
    expect(decodeQueryValue(undefined)).toBe('');
  });
});
