import { ERROR_MESSAGES, type ActionResult, type ErrorCode } from '../shared/contracts/errors';

/**
 * Answers for the recording cloud mock (cloud.ts): routes by action, ok/fail results, an offline
 * route. Free of `wx` so the screenshot script can use it outside the mini-program typings.
 */

export interface CloudCall {
  name: string;
  action: string;
  payload: unknown;
}

/** Returns the whole `res.result`; throw (or reject) to simulate a network failure. */
export type CloudRoute = (call: CloudCall) => unknown;

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string = ERROR_MESSAGES[code]): ActionResult<never> {
  return { ok: false, error: { code, message } };
}

/** Answers by `"<function>.<action>"`; a missing key answers UNKNOWN_ACTION like the server. */
export function byAction(answers: Record<string, unknown | ((payload: unknown) => unknown)>): CloudRoute {
  return ({ name, action, payload }) => {
    const key = `${name}.${action}`;
    if (!(key in answers)) return fail('UNKNOWN_ACTION');
    const answer = answers[key];
    return typeof answer === 'function' ? (answer as (payload: unknown) => unknown)(payload) : answer;
  };
}

/** A route that fails the way wx.cloud does when the request never reaches the function. */
export const offline: CloudRoute = () => {
  throw Object.assign(new Error('cloud.callFunction:fail request:fail'), { errCode: -1 });
};
