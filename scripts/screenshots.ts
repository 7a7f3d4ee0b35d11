/**
 * `npm run screenshots [scene…]`: renders every page with miniprogram-simulate and demo data, exports
 * each as standalone HTML (scripts/screenshots-lib/export-html.ts) and photographs it at 375×812
 * (device scale 2) in headless Chromium, writing docs/screenshots/<scene>.png.
 *
 * Data: by default a fresh local cloud with the demo brand (scripts/start.ts, as `npm start` seeds it) in a
 * temporary folder; with SCREENSHOT_CLOUD_URL set (e.g. http://127.0.0.1:8787 after `npm start`), that
 * cloud instead; with `--fixtures`, the typed fixtures in miniprogram/fixtures/ (byte-stable PNGs).
 * Scenes that write (join, record purchase) always use fixtures. wx.cloud.callFunction goes to the local cloud as
 * POST <url>/invoke/<function> {openid, data}, as the demo shopper (SCREENSHOT_SHOPPER_OPENID,
 * default demo-shopper), the demo clerk (SCREENSHOT_CLERK_OPENID, default demo-clerk-1) or a visitor
 * who is neither (SCREENSHOT_VISITOR_OPENID, default screenshot-visitor).
 */
import fs from 'node:fs';
import path from 'node:path';
import { installDomGlobals, preferTypeScriptOverJson } from './screenshots-lib/dom';

// Before anything loads miniprogram-simulate: it needs a DOM, and tsx must resolve a page's .ts
// rather than its .json.
installDomGlobals();
preferTypeScriptOverJson();

import { byAction, type CloudRoute } from '../miniprogram/test-support/answers';
import { syncShared } from './lib/sync-shared';
import { syncChartsVendor } from './lib/charts-vendor';
import { buildFunctions } from './lib/build-functions';
import { startTestCloud, type TestCloud } from '../emulator/testing';
import { ensureMiniprogramNpm } from './lib/pack-npm';
import { MINIPROGRAM_ROOT, REPO_ROOT } from './lib/paths';
import { currentDocument, type DomElement, type RenderedPage } from './screenshots-lib/dom-types';
import * as html from './screenshots-lib/export-html';
import { SCENES, type Persona, type Scene } from './screenshots-lib/scenes';

/**
 * The simulator side is required, not imported: its modules need the DOM globals above at load
 * time, and their types (miniprogram-simulate → the mini-program API typings) would replace Node's
 * `require` and friends in the repo-wide type check. These are the parts used, typed by hand.
 */
interface SimulateSupport {
  render(target: string, properties?: Record<string, unknown>): RenderedPage;
  settle(rounds?: number): Promise<void>;
  tap(page: RenderedPage, selector: string): Promise<void>;
  fire(page: RenderedPage, selector: string, event: string, detail?: unknown): Promise<void>;
}
interface CloudSupport {
  installCloud(route: CloudRoute): unknown;
}
interface StaffRoleStore {
  setIsStaff(value: boolean): void;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const simulateUtils = require('miniprogram-simulate/src/utils') as { transformRpx: (css: string) => string };
const jComponent = require('j-component') as { register(definition: Record<string, unknown>): unknown };
const support = require('../miniprogram/test-support/simulate') as SimulateSupport;
const cloudSupport = require('../miniprogram/test-support/cloud') as CloudSupport;
/* eslint-enable @typescript-eslint/no-require-imports */

const CHROMIUM = '/usr/bin/chromium';
const OUT_DIR = path.join(REPO_ROOT, 'docs/screenshots');
const HTML_DIR = path.join(REPO_ROOT, '.build/screenshots');
const TAB_PATHS = { member: '/pages/member-home/member-home', staff: '/pages/staff-home/staff-home' } as const;

let cloudUrl = process.env.SCREENSHOT_CLOUD_URL?.replace(/\/+$/, '');
const openids: Record<Persona, string> = {
  shopper: process.env.SCREENSHOT_SHOPPER_OPENID ?? 'demo-shopper',
  clerk: process.env.SCREENSHOT_CLERK_OPENID ?? 'demo-clerk-1',
  manager: process.env.SCREENSHOT_MANAGER_OPENID ?? 'demo-manager',
  admin: process.env.SCREENSHOT_ADMIN_OPENID ?? 'demo-admin',
  visitor: process.env.SCREENSHOT_VISITOR_OPENID ?? 'screenshot-visitor',
};

// The exporter converts rpx at the phone's width; simulate's own rpx→px 1:1 must not run first.
simulateUtils.transformRpx = (css) => css;

// simulate registers <input> without properties, so a typed value never reaches the DOM. Keeping
// value and placeholder lets the export show filled-in fields.
jComponent.register({
  id: 'input',
  tagName: 'wx-input',
  template: '<slot/>',
  properties: { value: { type: String, value: '' }, placeholder: { type: String, value: '' }, type: String, password: Boolean },
});

function cloudRoute(url: string, openid: string): CloudRoute {
  return async ({ name, action, payload }) => {
    const response = await fetch(`${url}/invoke/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid, data: { action, payload } }),
    });
    if (!response.ok) throw new Error(`local cloud answered ${response.status} for ${name}.${action}: ${await response.text()}`);
    return ((await response.json()) as { result: unknown }).result;
  };
}

function routeFor(scene: Scene, persona: Persona): CloudRoute {
  if (!cloudUrl || scene.writes) return byAction(scene.fixtures);
  return cloudRoute(cloudUrl, openids[persona]);
}

/** Each scene loads the mini-program's modules afresh (stores, handoffs, Component registrations). */
function forgetMiniprogramModules(): void {
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(MINIPROGRAM_ROOT) && !key.includes(`${path.sep}test-support${path.sep}`)) delete require.cache[key];
  }
}

function inputValues(root: DomElement): Map<DomElement, { value: string; placeholder: string }> {
  const values = new Map<DomElement, { value: string; placeholder: string }>();
  root.querySelectorAll('wx-input').forEach((element) => {
    const data = (element as unknown as { __wxElement?: { data?: { value?: unknown; placeholder?: unknown } } }).__wxElement?.data;
    values.set(element, { value: String(data?.value ?? ''), placeholder: String(data?.placeholder ?? '') });
  });
  return values;
}

function styleText(head: DomElement): string {
  const parts: string[] = [];
  head.querySelectorAll('style').forEach((style) => parts.push(style.textContent ?? ''));
  return parts.join('\n');
}

async function renderScene(scene: Scene): Promise<string> {
  forgetMiniprogramModules();
  const document = currentDocument();
  document.head.innerHTML = '';
  const answers = new Map<string, unknown>();
  const route = routeFor(scene, scene.persona);
  let pending = 0;
  cloudSupport.installCloud(async (call) => {
    pending += 1;
    try {
      const answer = await route(call);
      answers.set(`${call.name}.${call.action}`, answer);
      return answer;
    } finally {
      pending -= 1;
    }
  });
  /** Fixture answers settle in a few ticks; the local cloud takes real milliseconds. */
  const settle = async () => {
    await support.settle(5);
    while (pending > 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await support.settle(5);
    }
  };

  const page = await scene.run({
    mode: cloudUrl && !scene.writes ? 'cloud' : 'fixtures',
    render: (properties) => support.render(scene.page, properties),
    settle,
    tap: async (target, selector) => {
      await support.tap(target, selector);
      await settle();
    },
    fire: async (target, selector, event, detail) => {
      await support.fire(target, selector, event, detail);
      await settle();
    },
    call: async (persona, name, action, payload) => routeFor(scene, persona)({ name, action, payload }),
  });
  await settle();

  let tabBar: RenderedPage | undefined;
  if (scene.tab) {
    // Fresh after forgetMiniprogramModules: the same store instance the tab bar is about to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const role = require('../miniprogram/stores/staff-role') as StaffRoleStore;
    role.setIsStaff(scene.persona === 'clerk' || scene.persona === 'manager');
    tabBar = support.render('custom-tab-bar/index');
    tabBar.instance.selectTab(TAB_PATHS[scene.tab]);
    await support.settle();
  }

  const root = page.dom as DomElement;
  scene.decorate?.(root, answers);
  html.fillInputs(root, inputValues(root));
  const exported = html.exportHtml({
    chrome: html.pageChrome(MINIPROGRAM_ROOT, scene.page, Boolean(scene.tab)),
    appCss: fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.wxss'), 'utf8'),
    componentCss: styleText(document.head),
    pageHtml: root.outerHTML,
    tabBarHtml: tabBar?.dom?.outerHTML,
  });
  // Pages with timers (member-code) stop them when detached.
  page.detach();
  tabBar?.detach();
  return exported;
}

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(
      `Chromium was not found at ${CHROMIUM}. Install it (and the CJK fonts that make Chinese readable) with:\n` +
        '  apt-get update && apt-get install -y chromium fonts-noto-cjk',
    );
    return 1;
  }
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const scenes = wanted.length > 0 ? SCENES.filter((scene) => wanted.includes(scene.name)) : SCENES;
  const unknown = wanted.filter((name) => !SCENES.some((scene) => scene.name === name));
  if (unknown.length > 0) {
    console.error(`unknown scene(s): ${unknown.join(', ')}; known: ${SCENES.map((scene) => scene.name).join(', ')}`);
    return 1;
  }

  syncShared();
  syncChartsVendor();
  await ensureMiniprogramNpm();
  let demoCloud: TestCloud | undefined;
  if (!cloudUrl && !process.argv.includes('--fixtures')) {
    await buildFunctions(path.join(REPO_ROOT, 'cloudfunctions'));
    demoCloud = await startTestCloud({ functionsRoot: path.join(REPO_ROOT, 'cloudfunctions'), entry: path.join(REPO_ROOT, 'scripts/start.ts') });
    cloudUrl = demoCloud.url;
  }
  try {
    return await shoot(scenes);
  } finally {
    await demoCloud?.stop();
  }
}

async function shoot(scenes: Scene[]): Promise<number> {
  console.log(cloudUrl ? `data: local cloud ${cloudUrl} (shopper ${openids.shopper}, clerk ${openids.clerk})` : 'data: fixtures (miniprogram/fixtures/demo.ts)');

  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.mkdirSync(HTML_DIR, { recursive: true });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: html.SCREEN.width, height: html.SCREEN.height },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
    });
    const tab = await context.newPage();
    for (const scene of scenes) {
      const exported = await renderScene(scene);
      fs.writeFileSync(path.join(HTML_DIR, `${scene.name}.html`), exported);
      await tab.setContent(exported, { waitUntil: 'load' });
      // A string, not a function: tsx would rename `document` inside a function it compiles.
      await tab.evaluate('document.fonts.ready.then(() => undefined)');
      const png = path.join(OUT_DIR, `${scene.name}.png`);
      await tab.screenshot({ path: png });
      const source = cloudUrl && !scene.writes ? 'cloud' : 'fixtures';
      console.log(`  ${path.relative(REPO_ROOT, png)}  (${source})`);
    }
  } finally {
    await browser.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
