/**
 * Signs the upload and download links the local cloud hands out, so that a link works only for the file
 * and the method it was made for, and only until it expires (on the local clock), as a COS signature does.
 * The key is kept in the data folder: links handed out before a restart keep working until they expire,
 * like real ones.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';

export type LinkMethod = 'GET' | 'PUT';

const KEY_TEXT = /^[0-9a-f]{64}$/;

export class LinkSigner {
  private readonly key: Buffer;

  constructor(keyFile: string) {
    this.key = readOrCreateKey(keyFile);
  }

  /** Hex HMAC-SHA256 over method, cloud path and expiry (Unix seconds). */
  sign(method: LinkMethod, cloudPath: string, expiresAt: number): string {
    return createHmac('sha256', this.key).update(`${method}\n${cloudPath}\n${expiresAt}`).digest('hex');
  }

  verify(method: LinkMethod, cloudPath: string, expiresAt: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(method, cloudPath, expiresAt));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function readOrCreateKey(file: string): Buffer {
  const saved = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (KEY_TEXT.test(saved)) return Buffer.from(saved, 'hex');
  // A missing or damaged key only costs the links already handed out, so a new one is made instead of refusing to start.
  const key = randomBytes(32);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, key.toString('hex'), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return key;
}
