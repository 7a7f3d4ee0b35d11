/**
 * Money is stored everywhere as integer fen (1 yuan = 100 fen) so sums never hit float rounding;
 * this is the single place where fen become the text a customer reads.
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`formatFen expects an integer number of fen, got ${fen}`);
  }
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** Short form for sentences: thousands grouped, fen only when there are any (¥3,200, ¥3,200.50). */
export function formatFenShort(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${sign}¥${yuan}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}
