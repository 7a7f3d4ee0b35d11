import { dropExpiredAttempts } from '../../../server/join-attempts';
import { timerOnly } from '../../../server/timer';
import { expireCoupons } from './expire-coupons';
import { expirePoints } from './expire-points';
import { reviewTiers } from './review-tiers';

/** Time left for work, out of the 60 s the function has: stop early, the next run resumes. */
const BUDGET_MS = 45_000;

/**
 * The daily timer (03:30 Beijing), and nothing else may start it: tier review, points expiry, coupon
 * expiry, old join attempts. Each job picks only members (or coupons) whose due
 * date has passed, by index, handles each in its own transaction, and moves that date on: a run that
 * stops halfway, or runs twice, neither skips nor repeats anyone.
 */
export const main = timerOnly(async (event) => {
  const deadline = Date.now() + BUDGET_MS;
  const now = new Date();
  const review = await reviewTiers(now, deadline);
  const expiry = await expirePoints(now, deadline);
  const coupons = await expireCoupons(now, deadline);
  const joinAttemptsDropped = await dropExpiredAttempts(now);
  const result = { trigger: event.TriggerName ?? 'timer', now: now.toISOString(), review, expiry, coupons, joinAttemptsDropped };
  console.log(JSON.stringify(result));
  return result;
});
