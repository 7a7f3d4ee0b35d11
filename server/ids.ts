import { randomBytes } from 'node:crypto';

/** Ids made by the functions themselves, so related documents can reference each other inside one transaction. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Short codes people type or that fit a 32-character scene: no 0/O or 1/I to misread. */
export function shortCode(length: number): string {
  const bytes = randomBytes(length);
  return [...bytes].map((b) => INVITE_ALPHABET[b % INVITE_ALPHABET.length]).join('');
}

/**
 * Ledger entries that happen at most once per cause get ids made from the cause, so the unique _id
 * says "already done" and others can find them without a query: a lot expires once; a purchase is
 * voided once.
 */
export function expiryEntryId(lotId: string): string {
  return `${lotId}:expired`;
}

export function reversalEntryId(purchaseId: string): string {
  return `${purchaseId}:voided`;
}
