import { formatShanghai } from '../../../shared/time/shanghai';
import { staffDirectory } from '../../../server/directory';
import { continueHandOver, runningHandOvers } from '../../../server/hand-over';
import { scoreNorms } from '../../../server/score-norms';
import { brandSettings } from '../../../server/settings';
import { releaseExpiredHolds } from '../../../server/hold-expiry';
import { purgeOldExports } from '../../../server/data-exports';
import { resumeClosures } from '../../../server/membership-close';
import { refreshRollups } from '../../../server/rollups';
import { timerOnly } from '../../../server/timer';
import { couponExpiryTasks } from './coupon-tasks';
import { expireOverdueTasks } from './expire-tasks';
import { nightlyScores } from './scores';
import { visitDueMembers } from './visit-members';

/** Time left for work, out of the 60 s the function has: stop early, the next run resumes. */
const BUDGET_MS = 45_000;
/** The scores pass starts in the 02:00 run (Beijing) and goes on in later runs until today's is done. */
const SCORES_FROM_HOUR = 2;
/** The scores pass may use this much of a run; the rest is kept for visits, coupon tasks and expiry. */
const SCORES_SHARE_MS = 30_000;

/**
 * Hourly and timer-only: finish hand-overs of offboarded staff, look at members whose care inputs
 * changed or whose next care date came (tasks, segment, tags), make coupon-expiry tasks, expire
 * overdue tasks, the dashboard's daily rollups (today, yesterday, days a void changed), release stock
 * holds past their time, finish closed memberships' erasure, remove data exports older than a day, and from 02:00 the nightly scores. Each part is resumable and exactly-once by key.
 */
export const main = timerOnly(async (event) => {
  const deadline = Date.now() + BUDGET_MS;
  const now = new Date();
  const settings = await brandSettings();
  const handOvers: string[] = [];
  for (const staffId of await runningHandOvers()) {
    if (Date.now() >= deadline) break;
    await continueHandOver(staffId, deadline, now);
    handOvers.push(staffId);
  }
  const scoresDeadline = Math.min(deadline, Date.now() + SCORES_SHARE_MS);
  const scores = Number(formatShanghai(now, 'H')) >= SCORES_FROM_HOUR ? await nightlyScores(settings, now, scoresDeadline) : { status: 'later' };
  const [norms, staff] = await Promise.all([scoreNorms(), staffDirectory()]);
  const members = await visitDueMembers(settings, norms, now, deadline);
  const couponTasks = await couponExpiryTasks(settings, staff.byId, now, deadline);
  const expiredTasks = await expireOverdueTasks(settings, now);
  const rollups = await refreshRollups(settings, now, deadline);
  const holds = await releaseExpiredHolds(now, deadline);
  const closures = await resumeClosures(now, deadline);
  const exportsRemoved = await purgeOldExports(now);
  const result = { trigger: event.TriggerName ?? 'timer', now: now.toISOString(), handOvers, scores, members, couponTasks, expiredTasks, rollups, holds, closures, exportsRemoved };
  console.log(JSON.stringify(result));
  return result;
});
