/**
 * miniprogram-simulate expects a browser-like global scope (jest's jsdom environment in the tests).
 * This gives a plain Node process the same: a jsdom window whose properties become globals. Must
 * run before miniprogram-simulate is first required.
 */

const KEEP_NODE_GLOBALS = new Set([
  'globalThis', 'global', 'window', 'self', 'top', 'parent', 'frames',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask',
  'console', 'process', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'fetch', 'Request', 'Response',
  'Headers', 'AbortController', 'AbortSignal', 'structuredClone', 'performance', 'crypto', 'atob', 'btoa', 'Blob',
]);

interface JsdomModule {
  JSDOM: new (html: string, options: Record<string, unknown>) => { window: Record<string, unknown> };
}

export function installDomGlobals(): void {
  // Required, not imported: @types/jsdom would add the DOM lib to the repo-wide type check.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM } = require('jsdom') as JsdomModule;
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://servicewechat.com/screenshots/',
    pretendToBeVisual: true,
  });
  const globals = globalThis as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(window)) {
    // DOM classes must be jsdom's even where Node has its own (Event, EventTarget): jsdom rejects
    // foreign Event objects. Node's timers, console and the like stay, as in jest's environment.
    if (KEEP_NODE_GLOBALS.has(key) || key.startsWith('_')) continue;
    try {
      globals[key] = window[key];
    } catch {
      // Some Node globals are read-only getters; Node's own is fine for those.
    }
  }
  globals.window = window;
  globals.document = window.document;
  globals.navigator = window.navigator;
}

/**
 * simulate requires a component as `require('<folder>/<name>')`. Node tries extensions in the order
 * of `require.extensions`, where tsx appends '.ts' after '.json' — so without this the page's .json
 * is loaded instead of its .ts. Jest's resolver already prefers .ts, which is why the tests work.
 */
export function preferTypeScriptOverJson(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extensions = (require('node:module') as { Module: { _extensions: Record<string, unknown> } }).Module._extensions;
  for (const ext of ['.json', '.node']) {
    const loader = extensions[ext];
    if (!loader) continue;
    delete extensions[ext];
    extensions[ext] = loader;
  }
}
