import { MAX_PURCHASE_FEN } from '../config/purchase';

/**
 * The purchase keypad works on the text the clerk typed (yuan, up to 2 decimals) and converts it to
 * integer fen by string arithmetic: parseFloat('0.29') * 100 is 28.999999999999996.
 */

export type AmountKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'delete';

const AMOUNT_TEXT = /^(\d+)(?:\.(\d{0,2}))?$/;

/** Integer fen for typed yuan ('12' → 1200, '12.5' → 1250, '0.29' → 29); null for anything else. */
export function yuanToFen(text: string): number | null {
  const match = AMOUNT_TEXT.exec(text);
  if (!match) return null;
  const yuan = match[1] as string;
  const cents = (match[2] ?? '').padEnd(2, '0');
  // 15 digits stay exact in a double; longer input is nonsense for a till anyway.
  if (yuan.length > 13) return null;
  return Number(yuan) * 100 + Number(cents);
}

/**
 * The amount text after one key press. Keys that would make it invalid (a second '.', a third
 * decimal, more than the server accepts) leave it unchanged, like a real keypad.
 */
export function pressAmountKey(text: string, key: AmountKey): string {
  if (key === 'delete') return text.slice(0, -1);
  if (key === '.') {
    if (text.includes('.')) return text;
    return text === '' ? '0.' : `${text}.`;
  }
  // A leading zero is replaced rather than kept: '0' then '5' reads 5, not 05.
  const next = text === '0' ? key : `${text}${key}`;
  const fen = yuanToFen(next);
  if (fen === null || fen > MAX_PURCHASE_FEN) return text;
  return next;
}
