import { formatShanghaiCompact } from '../shared/format/datetime';

/**
 * A prefilled order number for sales without a POS receipt number: the Shanghai date-time digits,
 * which a clerk cannot produce twice within a second at one till.
 */
export function suggestOrderNo(now: Date): string {
  return formatShanghaiCompact(now);
}

/** Same rule as the server's `orderNo` field (shared/contracts/fields.ts), without zod. */
export function isValidOrderNo(text: string): boolean {
  return /^[0-9A-Za-z_-]{1,40}$/.test(text);
}
