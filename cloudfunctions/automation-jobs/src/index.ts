import { scanCalendarJourneys } from '../../../server/journey-calendar';
import { advanceDueEnrollments, visitJourneyMembers } from '../../../server/journey-runner';
import { allJourneys, ensureBuiltIns } from '../../../server/journey-store';
import { runCampaigns } from '../../../server/campaigns';
import { sendDueMessages } from '../../../server/message-sender';
import { brandSettings } from '../../../server/settings';
import { timerOnly } from '../../../server/timer';

/** Time left for work, out of the 60 s the function has: stop early, the next run resumes. */
const BUDGET_MS = 45_000;
/** Journeys may use this much of a run and campaigns this much; the sender has the rest (at least 8 s). */
const JOURNEYS_SHARE_MS = 27_000;
const CAMPAIGNS_SHARE_MS = 10_000;

/**
 * Every minute, and nothing else may start it. In order: journey entries (event and calendar), the
 * journey tick, campaigns, then the outbox — last, so that what this run queued goes out in this run.
 * Each part has a share of the budget so none starves the others; each is resumable and keyed, so an
 * overlapping or repeated run neither skips nor repeats.
 */
export const main = timerOnly(async (event) => {
  const start = Date.now();
  const deadline = start + BUDGET_MS;
  const now = new Date();
  const settings = await brandSettings();
  await ensureBuiltIns(now);
  const journeys = await allJourneys();
  const journeysDeadline = Math.min(deadline, start + JOURNEYS_SHARE_MS);
  const entries = await visitJourneyMembers(journeys, settings, now, journeysDeadline);
  const calendar = await scanCalendarJourneys(journeys, settings, now, journeysDeadline);
  const tick = await advanceDueEnrollments(journeys, settings, now, journeysDeadline);
  const campaigns = await runCampaigns(settings, now, Math.min(deadline, Date.now() + CAMPAIGNS_SHARE_MS));
  const messages = await sendDueMessages(settings, now, deadline);
  const result = { trigger: event.TriggerName ?? 'timer', now: now.toISOString(), entries, calendar, tick, campaigns, messages };
  console.log(JSON.stringify(result));
  return result;
});
