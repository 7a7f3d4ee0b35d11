import { BSONRegExp, EJSON } from 'bson';

/**
 * The SDK speaks canonical EJSON (bson 4, the version @cloudbase/database uses). Decoding turns it into
 * plain JS values mingo understands: numbers, Dates, RegExps. `db.serverDate()` arrives as the
 * CloudBase-only token `{$tcb_server_date: {offset}}` and is resolved against the local clock here, so
 * every write sees the same "now" the functions see.
 */
export type Doc = Record<string, unknown> & { _id?: unknown };

export function decode(text: string, now: () => Date): unknown {
  return resolveTokens(EJSON.parse(text, { relaxed: true }), now);
}

export function decodeDoc(text: string, now: () => Date): Doc {
  const value = decode(text, now);
  if (!isPlainObject(value)) throw new TypeError('expected a document');
  return value;
}

export function encode(value: unknown): string {
  return EJSON.stringify(value as Parameters<typeof EJSON.stringify>[0], { relaxed: false });
}

function resolveTokens(value: unknown, now: () => Date): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, toJsFlags(value.options));
  if (Array.isArray(value)) return value.map((item) => resolveTokens(item, now));
  if (!isPlainObject(value)) return value;
  const token = value.$tcb_server_date as { offset?: number } | undefined;
  if (token && Object.keys(value).length === 1) {
    return new Date(now().getTime() + Number(token.offset ?? 0));
  }
  const out: Doc = {};
  for (const [key, inner] of Object.entries(value)) out[key] = resolveTokens(inner, now);
  return out;
}

/** Mongo regex options (imsx) map to JS flags; `x` has no JS equivalent and is dropped. */
function toJsFlags(options: string): string {
  return [...options].filter((flag) => 'ims'.includes(flag)).join('');
}

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
