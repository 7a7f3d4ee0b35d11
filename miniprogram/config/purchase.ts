/** Category tags a clerk may attach to a purchase (shown as toggles; optional). */
export const PURCHASE_CATEGORIES: readonly string[] = ['上装', '下装', '鞋履', '配饰', '童装'];

/**
 * Largest amount the keypad accepts, in fen. Matches the server's `amountFen` limit
 * (shared/contracts/fields.ts) so the clerk is stopped while typing rather than on submit.
 */
export const MAX_PURCHASE_FEN = 100_000_000;
