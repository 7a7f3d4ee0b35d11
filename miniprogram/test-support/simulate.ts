import fs from 'node:fs';
import path from 'node:path';
import simulate, { type RootComponent } from 'miniprogram-simulate';

/**
 * Loads a page or component of this mini-program into miniprogram-simulate. simulate does not
 * resolve npm names in .json files, so every `@vant/weapp/...` (and root-relative own component)
 * reachable from the target is mapped to its file under rootPath.
 */

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '..');

type UsingComponents = Record<string, string>;

function readUsing(base: string): UsingComponents {
  const file = `${base}.json`;
  if (!fs.existsSync(file)) return {};
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { usingComponents?: UsingComponents };
  return json.usingComponents ?? {};
}

/** simulate applies these overrides to every component it loads, so one merged map is enough. */
export function usingComponentsFor(base: string, seen = new Set<string>()): UsingComponents {
  if (seen.has(base)) return {};
  seen.add(base);
  const result: UsingComponents = {};
  for (const [tag, target] of Object.entries(readUsing(base))) {
    if (target.startsWith('@vant/weapp/')) {
      result[tag] = `/miniprogram_npm/${target}`;
    } else if (target.startsWith('/')) {
      result[tag] = target;
      Object.assign(result, usingComponentsFor(path.join(MINIPROGRAM_ROOT, target), seen));
    } else {
      const absolute = path.resolve(path.dirname(base), target);
      result[tag] = `/${path.relative(MINIPROGRAM_ROOT, absolute).split(path.sep).join('/')}`;
      Object.assign(result, usingComponentsFor(absolute, seen));
    }
  }
  return result;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rendered = RootComponent<any, any, any>;

/** `target` is relative to the mini-program root, without extension: 'pages/join/join'. */
export function render(target: string, properties: Record<string, unknown> = {}): Rendered {
  const base = path.join(MINIPROGRAM_ROOT, target);
  const id = simulate.load(base, { rootPath: MINIPROGRAM_ROOT, usingComponents: usingComponentsFor(base) });
  const rendered = simulate.render(id, properties) as Rendered;
  rendered.attach(document.createElement('parent-wrapper'));
  return rendered;
}

/** j-component delivers events and promise callbacks asynchronously; let them all settle. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await simulate.sleep(0);
}

type Node = NonNullable<ReturnType<Rendered['querySelector']>>;

/**
 * querySelector that can descend into child components: 'a >> b' finds `b` inside the shadow
 * tree of the component matched by `a` (a plain querySelector stops at component boundaries).
 */
export function query(rendered: Rendered, selector: string): Node | undefined {
  let current: Rendered | Node | undefined = rendered;
  for (const part of selector.split('>>').map((piece) => piece.trim())) {
    current = current?.querySelector(part) ?? undefined;
  }
  return (current as Node | undefined) ?? undefined;
}

export function text(rendered: Rendered, selector: string): string {
  return query(rendered, selector)?.dom?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

export function exists(rendered: Rendered, selector: string): boolean {
  return query(rendered, selector) !== undefined;
}

/** Taps the element, or the inner button of a Vant button given by id. */
export async function tap(rendered: Rendered, selector: string): Promise<void> {
  const target = query(rendered, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  // van-button listens on its inner <button>; a tap there reaches bind:click on the host.
  const inner = target.querySelector('.van-button') ?? target;
  inner.dispatchEvent('tap');
  await settle();
}

/** Fires a component event (input, change, getphonenumber…) with a detail, as WeChat would. */
export async function fire(rendered: Rendered, selector: string, event: string, detail: unknown = {}): Promise<void> {
  const target = query(rendered, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.dispatchEvent(event, { detail });
  await settle();
}

/** A page rendered and shown (its onShow call answered), as a tab or a navigated-to page appears. */
export async function show(target: string, properties: Record<string, unknown> = {}): Promise<Rendered> {
  const page = render(target, properties);
  page.instance.onShow();
  await settle();
  return page;
}

/** wx.showModal answered by `answer()` each time (confirm by default), for pages that ask first. */
export function answerModals(answer: () => Partial<WechatMiniprogram.ShowModalSuccessCallbackResult> = () => ({ confirm: true })): jest.SpyInstance {
  return jest.spyOn(wx, 'showModal').mockImplementation(((options: WechatMiniprogram.ShowModalOption) => {
    const result = { confirm: true, cancel: false, content: '', errMsg: 'showModal:ok', ...answer() };
    options.success?.({ ...result, cancel: !result.confirm });
  }) as never);
}

export { simulate };
