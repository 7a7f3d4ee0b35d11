import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { db } from './cloud';
import { isDuplicateKey, isNotFound } from './errors';

/**
 * Short-lived signed tokens `<prefix>.<subject>.<expiry, base36 seconds>.<signature>` — the member code
 * (M1) and a coupon's code (C1). Signed with a key kept in secrets/member-code, made on first use, so a
 * screenshot stops working when it expires and a made-up token never verifies. Stateless: showing one
 * writes nothing. The prefix is signed too, so one kind never passes for another.
 */
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

export async function issueToken(prefix: string, subject: string, now: Date, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ttlSeconds * 1000);
  const body = `${prefix}.${subject}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return { token: `${body}.${signature(await signingKey(), body)}`, expiresAt };
}

/** The subject a token names, or why not: anything forged or malformed is 'invalid', a late one 'expired'. */
export async function verifyToken(prefix: string, token: string, now: Date): Promise<{ subject: string } | 'invalid' | 'expired'> {
  const parts = token.trim().split('.');
  if (parts.length !== 4 || parts[0] !== prefix || !/^[0-9a-z]+$/.test(parts[2])) return 'invalid';
  const body = parts.slice(0, 3).join('.');
  const expected = Buffer.from(signature(await signingKey(), body));
  const given = Buffer.from(parts[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  if (parseInt(parts[2], 36) * 1000 <= now.getTime()) return 'expired';
  return { subject: parts[1] };
}
