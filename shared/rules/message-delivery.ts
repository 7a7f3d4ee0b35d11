/**
 * What to make of a subscribeMessage.send answer. Only a user's refusal and a malformed request are
 * final; anything that says WeChat (or the way to it) had trouble is tried again later, a bounded number
 * of times, each later than the one before.
 */
export type SendFailure = 'refused' | 'transient' | 'invalid';

/** 43101: the user has not subscribed (or turned the template off) — no acceptance is left to use. */
export const USER_REFUSED = 43101;

/** Request errors that no retry fixes: bad openid, template id, page or data. */
const INVALID = new Set([40003, 40037, 41030, 47003, 43107]);

/** A failed send's kind from the error's errCode (anything without one, e.g. a network error, is transient). */
export function sendFailure(errCode: unknown): SendFailure {
  if (errCode === USER_REFUSED) return 'refused';
  if (typeof errCode === 'number' && INVALID.has(errCode)) return 'invalid';
  // -1 system busy, 45009/45011 quota and frequency limits, SDK and network errors.
  return 'transient';
}

/** Minutes to wait after the n-th failed attempt (1-based); the last value repeats. */
const BACKOFF_MINUTES = [1, 5, 30, 120];

export function retryAt(failedAttempts: number, now: Date): Date {
  const minutes = BACKOFF_MINUTES[Math.min(failedAttempts, BACKOFF_MINUTES.length) - 1];
  return new Date(now.getTime() + minutes * 60_000);
}
