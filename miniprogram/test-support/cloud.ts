import type { CloudCall, CloudRoute } from './answers';

export { byAction, fail, offline, ok, type CloudCall, type CloudRoute } from './answers';

/**
 * A stand-in for `wx.cloud.callFunction` that records every call and answers from a route. Used by
 * the component tests and by the screenshot script (no jest dependency here).
 */

export interface InstalledCloud {
  calls: CloudCall[];
  /** Swaps the route, e.g. to answer differently on a retry. */
  setRoute(route: CloudRoute): void;
}

export function installCloud(route: CloudRoute): InstalledCloud {
  const calls: CloudCall[] = [];
  let current = route;
  const callFunction = async (options: { name: string; data: { action: string; payload: unknown } }) => {
    const call = { name: options.name, action: options.data.action, payload: options.data.payload };
    calls.push(call);
    return { result: await current(call), errMsg: 'cloud.callFunction:ok', requestID: `req-${calls.length}` };
  };
  // Through globalThis, so this file type-checks outside the mini-program typings (screenshot script).
  (globalThis as unknown as { wx: { cloud?: unknown } }).wx.cloud = { init: () => undefined, callFunction };
  return { calls, setRoute: (next) => (current = next) };
}
