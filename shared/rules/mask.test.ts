import { maskName, maskPhone } from './mask';

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks a too-short value completely', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('')).toBe('');
  });
});

describe('maskName', () => {
  it.each([
    ['张三丰', '张**'],
    ['李四', '李*'],
    ['王', '王*'],
    ['欧阳娜娜', '欧***'],
    [' 𠀋丽 ', '𠀋*'],
    ['', ''],
  ])('%p → %p', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
