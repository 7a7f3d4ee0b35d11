import { db, _, type Stored } from '../../../server/cloud';
import { C, type MemberDoc } from '../../../server/documents';

const PAGE = 100;

/**
 * Visits members whose `field` (an indexed date) is due, a page at a time, until none is left or time
 * runs out. Each visit moves the member's date forward, so the next page query finds the rest.
 */
export async function forEachDue(
  field: 'tierReviewAt' | 'pointsNextExpiry',
  now: Date,
  deadline: number,
  visit: (member: Stored<MemberDoc>) => Promise<void>,
): Promise<{ visited: number; finished: boolean }> {
  let visited = 0;
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    const { data } = await db.collection<MemberDoc>(C.members).where({ [field]: _.lte(now) }).orderBy(field, 'asc').limit(PAGE).get();
    const fresh = data.filter((member) => !seen.has(member._id));
    if (!fresh.length) return { visited, finished: true };
    for (const member of fresh) {
      if (Date.now() >= deadline) return { visited, finished: false };
      seen.add(member._id);
      await visit(member);
      visited++;
    }
  }
  return { visited, finished: false };
}
