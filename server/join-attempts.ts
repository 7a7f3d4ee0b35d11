import { JOIN_REFUSALS_PER_DAY } from '../shared/rules/joining';
import { addDaysToDayKey, shanghaiDayKey, startOfShanghaiDayKey } from '../shared/time/shanghai';
import { db, _ } from './cloud';
import { C, type JoinAttemptDoc } from './documents';
import { isDuplicateKey } from './errors';

/**
 * Counts a refused join against the caller's daily allowance and says whether it was still within it.
 * The count only moves by a conditional increment (never past the limit), so a burst of parallel
 * probes cannot slip extra answers through between a read and a write.
 */
export async function withinRefusalAllowance(openid: string, now: Date): Promise<boolean> {
  const day = shanghaiDayKey(now);
  const id = `${openid}:${day}`;
  const attempts = db.collection<JoinAttemptDoc>(C.joinAttempts);
  const increment = async () =>
    (await attempts.where({ _id: id, refused: _.lt(JOIN_REFUSALS_PER_DAY) }).update({ data: { refused: _.inc(1) } })).stats.updated === 1;
  if (await increment()) return true;
  try {
    await attempts.add({ data: { _id: id, openid, day, refused: 1, expiresAt: startOfShanghaiDayKey(addDaysToDayKey(day, 1)) } });
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  // Someone else created today's record first: it exists now, so the increment alone decides.
  return increment();
}

/** Yesterday's and older records answer nothing any more. */
export async function dropExpiredAttempts(now: Date): Promise<number> {
  const { stats } = await db.collection<JoinAttemptDoc>(C.joinAttempts).where({ expiresAt: _.lte(now) }).remove();
  return stats.removed;
}
