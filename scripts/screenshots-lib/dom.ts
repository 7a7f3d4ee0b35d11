import { JSDOM } from 'jsdom';

/**
 * miniprogram-simulate expects a browser-like global scope (jest's jsdom environment in the tests).
 * This gives a plain Node process the same: a jsdom window whose properties become globals. Must
 * run before miniprogram-simulate is first required.
 */
export function installDomGlobals(): JSDOM {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://servicewechat.com/screenshots/',
    pretendToBeVisual: true,
  });
  const globals = globalThis as unknown as Record<string, unknown>;
  const { window } = dom;
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in globals) continue;
    globals[key] = (window as unknown as Record<string, unknown>)[key];
  }
  globals.window = window;
  globals.document = window.document;
  globals.navigator = window.navigator;
  return dom;
}

/**
 * simulate requires a component as `require('<folder>/<name>')`. Node tries extensions in the order
 * of `require.extensions`, where tsx appends '.ts' after '.json' — so without this the page's .json
 * is loaded instead of its .ts. Jest's resolver already prefers .ts, which is why the tests work.
 */
export function preferTypeScriptOverJson(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extensions = require('node:module').Module._extensions as Record<string, unknown>;
  for (const ext of ['.json', '.node']) {
    const loader = extensions[ext];
    if (!loader) continue;
    delete extensions[ext];
    extensions[ext] = loader;
  }
}
