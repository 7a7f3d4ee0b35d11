/**
 * The documents every database benchmark uses, so SDK and in-process figures are comparable. memberId
 * (indexed) and shopCode (not indexed) take the same values, so the two equality queries differ only
 * in the index; createdAt advances one minute per document, so a time window selects a known count.
 */
export const MEMBER_COLLECTION = 'bench_members';
export const MEMBER_DOCS = 100_000;
export const DOCS_PER_KEY = 10;
export const KEY_COUNT = MEMBER_DOCS / DOCS_PER_KEY;
const BASE_TIME = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;

const LEVELS = ['bronze', 'silver', 'gold', 'platinum'];

export interface MemberDoc {
  memberId: string;
  shopCode: string;
  createdAt: Date;
  name: string;
  phone: string;
  level: string;
  points: number;
  tags: string[];
}

export function memberKey(index: number): string {
  return `M${String(index % KEY_COUNT).padStart(6, '0')}`;
}

export function memberDoc(index: number): MemberDoc {
  const key = memberKey(index);
  return {
    memberId: key,
    shopCode: key,
    createdAt: new Date(BASE_TIME + index * MINUTE),
    name: `会员 ${index}`,
    phone: `138${String(index).padStart(8, '0')}`,
    level: LEVELS[index % LEVELS.length],
    points: (index * 7919) % 10_000,
    tags: index % 3 ? ['retail'] : ['retail', 'vip'],
  };
}

/** A window of createdAt that holds exactly `count` documents, starting at document `first`. */
export function createdWindow(first: number, count: number): { from: Date; to: Date } {
  return { from: new Date(BASE_TIME + first * MINUTE), to: new Date(BASE_TIME + (first + count) * MINUTE) };
}

/** Spreads lookups over the key space deterministically, so runs are comparable. */
export function spreadKey(i: number): string {
  return memberKey((i * 7919) % KEY_COUNT);
}
