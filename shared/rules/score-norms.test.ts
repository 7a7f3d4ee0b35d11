import { MIN_SPEND_REFERENCE_FEN, spendReferenceFen } from './score-norms';

test('the 80th percentile of buying members, by rank', () => {
  const spends = Array.from({ length: 10 }, (_u, i) => (i + 1) * 100_000);
  expect(spendReferenceFen(spends)).toBe(900_000);
  expect(spendReferenceFen([0, 0, ...spends])).toBe(900_000);
  expect(spendReferenceFen([700_000])).toBe(700_000);
});

test('never below the floor, and the floor with nobody buying', () => {
  expect(spendReferenceFen([])).toBe(MIN_SPEND_REFERENCE_FEN);
  expect(spendReferenceFen([0, 0])).toBe(MIN_SPEND_REFERENCE_FEN);
  expect(spendReferenceFen([100, 200])).toBe(MIN_SPEND_REFERENCE_FEN);
});
