import { pressAmountKey, yuanToFen, type AmountKey } from './amount';

function type(keys: string): string {
  return [...keys].reduce((text, key) => pressAmountKey(text, (key === '<' ? 'delete' : key) as AmountKey), '');
}

describe('yuanToFen', () => {
  it.each([
    ['0', 0],
    ['1', 100],
    ['12.', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.29', 29],
    ['0.01', 1],
    ['1.1', 110],
    ['1000000', 100000000],
    ['4.35', 435],
  ])('%p yuan is %p fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it('is exact where float arithmetic is not', () => {
    // Every two-decimal amount up to 10 yuan, compared with integer arithmetic.
    for (let fen = 0; fen <= 1000; fen += 1) {
      const text = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
      expect(yuanToFen(text)).toBe(fen);
    }
    expect(Math.round(0.29 * 100) === 29 && 0.29 * 100 !== 29).toBe(true);
  });

  it.each(['', '.', '.5', '1.234', '1,5', '-1', 'abc', '1e3', '12345678901234'])('rejects %p', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });
});

describe('pressAmountKey', () => {
  it('builds amounts digit by digit', () => {
    expect(type('128')).toBe('128');
    expect(type('128.5')).toBe('128.5');
    expect(type('99.99')).toBe('99.99');
  });

  it('allows at most two decimals and one point', () => {
    expect(type('1.239')).toBe('1.23');
    expect(type('1..2')).toBe('1.2');
    expect(type('1.2.3')).toBe('1.23');
  });

  it('starts a bare point as 0. and drops a leading zero', () => {
    expect(type('.5')).toBe('0.5');
    expect(type('05')).toBe('5');
    expect(type('0.05')).toBe('0.05');
    expect(type('00')).toBe('0');
  });

  it('deletes the last character, and nothing from empty', () => {
    expect(type('12.3<')).toBe('12.');
    expect(type('12.3<<')).toBe('12');
    expect(type('<')).toBe('');
  });

  it('refuses keys past the server limit of 1,000,000 yuan', () => {
    expect(type('1000000')).toBe('1000000');
    expect(type('10000000')).toBe('1000000');
    expect(type('1000000.01')).toBe('1000000.0');
    expect(type('9999999')).toBe('999999');
  });
});
