/**
 * The spend that scores full marks in a store's heat index: what its top fifth of buying members spend
 * in 12 months (the 80th percentile, by rank), never below ¥500 so a new store's first few sales do not
 * make everyone look hot. Measured nightly per store and for the brand.
 */
export const MIN_SPEND_REFERENCE_FEN = 50_000;

export function spendReferenceFen(spends12mFen: number[]): number {
  const buying = spends12mFen.filter((fen) => fen > 0).sort((a, b) => a - b);
  if (!buying.length) return MIN_SPEND_REFERENCE_FEN;
  const at = buying[Math.min(buying.length - 1, Math.floor(buying.length * 0.8))];
  return Math.max(MIN_SPEND_REFERENCE_FEN, at);
}
