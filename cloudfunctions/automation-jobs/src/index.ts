import { runCampaigns } from '../../../server/campaigns';
import { scanCalendarJourneys } from '../../../server/journey-calendar';
import { advanceDueEnrollments, visitJourneyMembers } from '../../../server/journey-runner';
import { allJourneys, ensureBuiltIns } from '../../../server/journey-store';
import { sendDueMessages } from '../../../server/message-sender';
import { brandSettings } from '../../../server/settings';
import { continueTierRollout } from '../../../server/tier-rollout';
import { timerOnly } from '../../../server/timer';

/** Time left for work, out of the 60 s the function has: stop early, the next run resumes. */
const BUDGET_MS = 45_000;
/** Journeys may use this much of a run; campaigns what is left but the sender's reserve. */
const JOURNEYS_SHARE_MS = 27_000;
const SENDER_RESERVE_MS = 8_000;
/** An admin's tier change reaching the members (only while one is under way: otherwise one read). */
const TIER_ROLLOUT_SHARE_MS = 10_000;

/** Runs a part and adds how long it took, for the log and the bench. */
async function timed<R extends object>(work: () => Promise<R>): Promise<R & { ms: number }> {
  const started = Date.now();
  const result = await work();
  return { ...result, ms: Date.now() - started };
}

/**
 * Every minute, and nothing else may start it. In order: journey entries (event and calendar), the
 * journey tick, an admin's tier change reaching the members (the upgrade messages go out in the same
 * run), campaigns, then the outbox — last, so that what this run queued goes out in this run.
 * A part that has little to do leaves its time to the next; the sender always keeps a reserve. Each
 * part is resumable and keyed, so an overlapping or repeated run neither skips nor repeats.
 */
export const main = timerOnly(async (event) => {
  const start = Date.now();
  const deadline = start + BUDGET_MS;
  const now = new Date();
  const settings = await brandSettings();
  await ensureBuiltIns(now);
  const journeys = await allJourneys();
  const journeysDeadline = Math.min(deadline - SENDER_RESERVE_MS, start + JOURNEYS_SHARE_MS);
  const entries = await timed(() => visitJourneyMembers(journeys, settings, now, journeysDeadline));
  const calendar = await timed(() => scanCalendarJourneys(journeys, settings, now, journeysDeadline));
  const tick = await timed(() => advanceDueEnrollments(journeys, settings, now, journeysDeadline));
  const tierRollout = await timed(() => continueTierRollout(settings, now, Math.min(deadline - SENDER_RESERVE_MS, Date.now() + TIER_ROLLOUT_SHARE_MS)));
  const campaigns = await timed(() => runCampaigns(settings, now, deadline - SENDER_RESERVE_MS));
  const messages = await timed(() => sendDueMessages(settings, now, deadline));
  const result = { trigger: event.TriggerName ?? 'timer', now: now.toISOString(), entries, calendar, tick, tierRollout, campaigns, messages };
  console.log(JSON.stringify(result));
  return result;
});
