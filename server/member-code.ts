import { randomInt } from 'node:crypto';
import { AppError } from './errors';
import { issueToken, verifyToken } from './signed-token';

/** Rotating member codes: a signed token `M1.<memberId>.<expiry>.<signature>` (signed-token.ts). */
const PREFIX = 'M1';

export function issueMemberCode(memberId: string, now: Date, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  return issueToken(PREFIX, memberId, now, ttlSeconds);
}

/** The member a scanned code names; MEMBER_CODE_INVALID for anything forged or malformed, MEMBER_CODE_EXPIRED after its time. */
export async function verifyMemberCode(token: string, now: Date): Promise<string> {
  const verdict = await verifyToken(PREFIX, token, now);
  if (verdict === 'invalid') throw new AppError('MEMBER_CODE_INVALID');
  if (verdict === 'expired') throw new AppError('MEMBER_CODE_EXPIRED');
  return verdict.subject;
}

/**
 * The barcode's short form: 18 random digits (Code 128 packs them in 9 symbols, which a handheld laser
 * scanner reads where the 60-character token is too dense). It names no member by itself; the member
 * document holds it with the token's expiry, so it resolves to the same member for exactly as long.
 * With ~10^18 values and at most one live code per member, guessing one is hopeless.
 */
export const TILL_CODE_DIGITS = 18;
export const TILL_CODE_PATTERN = /^\d{18}$/;

export function newTillCode(): string {
  let code = '';
  for (let i = 0; i < TILL_CODE_DIGITS; i += 6) code += String(randomInt(0, 1_000_000)).padStart(6, '0');
  return code;
}
