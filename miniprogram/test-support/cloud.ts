import { ERROR_MESSAGES, type ActionResult, type ErrorCode } from '../shared/contracts/errors';

/**
 * A stand-in for `wx.cloud.callFunction` that records every call and answers from a route. Used by
 * the component tests and by the screenshot script (no jest dependency here).
 */

export interface CloudCall {
  name: string;
  action: string;
  payload: unknown;
}

/** Returns the whole `res.result`; throw (or reject) to simulate a network failure. */
export type CloudRoute = (call: CloudCall) => unknown;

export interface InstalledCloud {
  calls: CloudCall[];
  /** Swaps the route, e.g. to answer differently on a retry. */
  setRoute(route: CloudRoute): void;
}

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

export function installCloud(route: CloudRoute): InstalledCloud {
  const calls: CloudCall[] = [];
  let current = route;
  const callFunction = async (options: { name: string; data: { action: string; payload: unknown } }) => {
    const call = { name: options.name, action: options.data.action, payload: options.data.payload };
    calls.push(call);
    return { result: await current(call), errMsg: 'cloud.callFunction:ok', requestID: `req-${calls.length}` };
  };
  (wx as unknown as { cloud: unknown }).cloud = { init: () => undefined, callFunction };
  return { calls, setRoute: (next) => (current = next) };
}
