import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { db } from './cloud';
import { AppError, isDuplicateKey, isNotFound } from './errors';

/**
 * Rotating member codes: `M1.<memberId>.<expiry, base36 seconds>.<signature>`. Signed with a key kept
 * in secrets/member-code, made on first use, so a screenshot stops working when it expires and a
 * made-up code never verifies. Stateless: showing a code writes nothing.
 */
const PREFIX = 'M1';
let keyCache: Buffer | undefined;

async function signingKey(): Promise<Buffer> {
  if (keyCache) return keyCache;
  const secrets = db.collection<{ key: string }>('secrets');
  try {
    keyCache = Buffer.from((await secrets.doc('member-code').get()).data.key, 'base64');
    return keyCache;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    // add, not set: when two instances race to create the key, the second fails and reads the first's.
    await secrets.add({ data: { _id: 'member-code', key: randomBytes(32).toString('base64') } });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  keyCache = Buffer.from((await secrets.doc('member-code').get()).data.key, 'base64');
  return keyCache;
}

function signature(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url').slice(0, 22);
}

export async function issueMemberCode(memberId: string, now: Date, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ttlSeconds * 1000);
  const body = `${PREFIX}.${memberId}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return { token: `${body}.${signature(await signingKey(), body)}`, expiresAt };
}

/** The member a scanned code names; MEMBER_CODE_INVALID for anything forged or malformed, MEMBER_CODE_EXPIRED after its time. */
export async function verifyMemberCode(token: string, now: Date): Promise<string> {
  const parts = token.trim().split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX || !/^[0-9a-z]+$/.test(parts[2])) throw new AppError('MEMBER_CODE_INVALID');
  const body = parts.slice(0, 3).join('.');
  const expected = Buffer.from(signature(await signingKey(), body));
  const given = Buffer.from(parts[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AppError('MEMBER_CODE_INVALID');
  if (parseInt(parts[2], 36) * 1000 <= now.getTime()) throw new AppError('MEMBER_CODE_EXPIRED');
  return parts[1];
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
