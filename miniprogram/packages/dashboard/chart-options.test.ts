import { moneyAxis } from './chart-options';

describe('moneyAxis', () => {
  test.each([
    [[12_900, 4_000], 15_000],
    [[8_100], 9_000],
    [[7_400], 7_500],
    [[600], 600],
    [[601], 750],
    [[0, 1], 3],
    [[], 3],
  ])('largest of %j → three round steps up to %d', (values, max) => {
    const axis = moneyAxis(values);
    expect(axis).toMatchObject({ min: 0, max });
    // Every tick a whole number of yuan, and the largest bar fits.
    const step = (axis.max as number) / 3;
    expect(Number.isInteger(step)).toBe(true);
    expect(axis.max as number).toBeGreaterThanOrEqual(Math.max(0, ...values));
  });
});
