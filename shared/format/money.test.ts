import { formatFen, formatFenShort } from './money';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [99, '¥0.99'],
    [1234, '¥12.34'],
    [100000000, '¥1000000.00'],
    [-1, '-¥0.01'],
    [-1234, '-¥12.34'],
  ])('formats %p fen as %p', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('never prints a negative zero', () => {
    expect(formatFen(-0)).toBe('¥0.00');
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'rejects %p because fen must be a safe integer',
    (fen) => {
      expect(() => formatFen(fen)).toThrow(RangeError);
    },
  );
});

test('formatFenShort groups thousands and shows fen only when there are any', () => {
  expect(formatFenShort(320_000)).toBe('¥3,200');
  expect(formatFenShort(320_050)).toBe('¥3,200.50');
  expect(formatFenShort(99)).toBe('¥0.99');
  expect(formatFenShort(-123_456_700)).toBe('-¥1,234,567');
});
