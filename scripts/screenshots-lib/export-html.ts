import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../lib/paths';
import type { DomElement } from './dom-types';

/**
 * Turns what miniprogram-simulate rendered (the component DOM plus the <style> tags it injected) into
 * a standalone HTML page that looks like the phone: WeChat's status and navigation bars, rpx at a
 * 375 px wide screen, the base styles WeChat gives its built-in tags, and Vant's icon font embedded
 * (its default points at a CDN this machine cannot reach).
 */

export const SCREEN = { width: 375, height: 812, statusBar: 44, navBar: 44 };

/** WeChat's rpx: 750 rpx = screen width. */
export function convertRpx(text: string, screenWidth = SCREEN.width): string {
  return text.replace(/(-?\d*\.?\d+)rpx/g, (_, value: string) => `${+(Number(value) * (screenWidth / 750)).toFixed(3)}px`);
}

/** WXSS `page { … }` styles the page root; in the export that is the page frame. */
export function replacePageSelector(css: string): string {
  return css.replace(/(^|[{}\s,])page(?=\s*[{,:.\s])/g, '$1.page-frame');
}

let iconFontCss: string | undefined;

/** @vant/icons ships the same icon font as a base64 woff2 inside a .less file. */
function vantIconFontFace(): string {
  if (iconFontCss) return iconFontCss;
  const less = fs.readFileSync(path.join(REPO_ROOT, 'node_modules/@vant/icons/src/encode-woff2.less'), 'utf8');
  const url = /url\('(data:font\/woff2[^']+)'\)/.exec(less)?.[1];
  if (!url) throw new Error('@vant/icons: no embedded woff2 found in src/encode-woff2.less');
  iconFontCss = `@font-face{font-family:'vant-icon';font-style:normal;font-weight:400;src:url('${url}') format('woff2');}`;
  return iconFontCss;
}

/**
 * simulate leaves a component's `:host` rules as they are, which match nothing in the exported DOM.
 * It prefixes the same component's classes with its tag (`.van-tabbar-item--…`), so the first such
 * prefix after a `:host` names the host element (`van-tabbar-item { flex: 1 }`).
 */
export function resolveHostSelectors(css: string): string {
  return css.replace(/:host\b/g, (match, offset: number) => {
    const owner = /\.([a-z][a-z0-9-]*?)--/.exec(css.slice(offset));
    return owner ? owner[1]! : match;
  });
}

/** Drops Vant's CDN @font-face so the embedded one is the only candidate. */
function withoutRemoteFonts(css: string): string {
  return css.replace(/@font-face\s*{[^}]*at\.alicdn\.com[^}]*}/g, '');
}

/** Default look of WeChat's built-in components, which the simulator's custom elements lack. */
const BASE_CSS = `
html, body { margin: 0; padding: 0; }
body {
  width: ${SCREEN.width}px; height: ${SCREEN.height}px; overflow: hidden;
  font-family: -apple-system, BlinkMacSystemFont, 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', sans-serif;
  font-size: 16px; line-height: 1.4; color: #323233; -webkit-font-smoothing: antialiased;
}
wx-view, wx-scroll-view, wx-form, wx-picker, wx-canvas, wx-label, wx-navigator, wx-cover-view { display: block; }
wx-text { display: inline; white-space: pre-wrap; }
wx-image { display: inline-block; overflow: hidden; }
wx-canvas { width: 300px; height: 150px; }
wx-input, wx-textarea { display: block; min-height: 1.4rem; line-height: 1.4rem; overflow: hidden; white-space: nowrap; }
wx-button {
  position: relative; display: block; margin-left: auto; margin-right: auto; padding-left: 14px; padding-right: 14px;
  box-sizing: border-box; font-size: 18px; text-align: center; text-decoration: none; line-height: 2.55555556;
  border-radius: 5px; overflow: hidden; color: #000; background-color: #f8f8f8; cursor: pointer;
}
wx-button::after {
  content: " "; width: 200%; height: 200%; position: absolute; top: 0; left: 0; box-sizing: border-box;
  border: 1px solid rgba(0, 0, 0, 0.2); transform: scale(0.5); transform-origin: 0 0; border-radius: 10px;
}
.input-text { color: #323233; }
.input-placeholder { color: #c8c9cc; }
.device { position: relative; width: ${SCREEN.width}px; height: ${SCREEN.height}px; overflow: hidden; display: flex; flex-direction: column; }
.status-bar { height: ${SCREEN.statusBar}px; flex: none; display: flex; align-items: center; justify-content: space-between; padding: 0 26px 0 32px; box-sizing: border-box; font: 600 15px/1 -apple-system, 'Helvetica Neue', sans-serif; }
.status-bar__icons { display: flex; gap: 5px; align-items: center; }
.status-bar__battery { width: 22px; height: 11px; border: 1.5px solid currentColor; border-radius: 3px; box-sizing: border-box; padding: 1px; opacity: 0.9; }
.status-bar__battery::after { content: ''; display: block; height: 100%; width: 75%; background: currentColor; border-radius: 1px; }
.nav-bar { height: ${SCREEN.navBar}px; flex: none; position: relative; display: flex; align-items: center; justify-content: center; font-size: 17px; font-weight: 600; }
.nav-bar__back { position: absolute; left: 10px; top: 11px; width: 11px; height: 11px; border-left: 2.5px solid currentColor; border-bottom: 2.5px solid currentColor; transform: translate(5px, 4px) rotate(45deg); }
.nav-bar__capsule { position: absolute; right: 7px; top: 6px; width: 87px; height: 32px; border-radius: 16px; box-sizing: border-box; display: flex; align-items: center; }
.nav-bar__dots { flex: 1; display: flex; justify-content: center; align-items: center; gap: 3px; }
.nav-bar__dots i { display: block; width: 4px; height: 4px; border-radius: 50%; background: currentColor; }
.nav-bar__dots i:nth-child(2) { width: 6px; height: 6px; }
.nav-bar__divider { width: 1px; height: 18px; opacity: 0.25; background: currentColor; }
.nav-bar__close { flex: 1; display: flex; justify-content: center; }
.nav-bar__close b { display: block; width: 17px; height: 17px; border-radius: 50%; border: 2.5px solid currentColor; box-sizing: border-box; position: relative; }
.nav-bar__close b::after { content: ''; position: absolute; left: 4px; top: 4px; width: 4px; height: 4px; border-radius: 50%; background: currentColor; }
.page-frame { flex: 1; position: relative; overflow: hidden; }
`;

export interface PageChrome {
  title: string;
  navBackground: string;
  navText: 'black' | 'white';
  pageBackground: string;
  /** Non-tab pages opened from another page show a back arrow. */
  back: boolean;
}

/** Navigation bar settings as WeChat merges them: app.json window, then the page's own json. */
export function pageChrome(miniprogramRoot: string, page: string, isTabPage: boolean): PageChrome {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(miniprogramRoot, file), 'utf8')) as Record<string, unknown>;
  const window = { ...(read('app.json').window as Record<string, unknown>), ...read(`${page}.json`) };
  return {
    title: String(window.navigationBarTitleText ?? ''),
    navBackground: String(window.navigationBarBackgroundColor ?? '#ffffff'),
    navText: window.navigationBarTextStyle === 'white' ? 'white' : 'black',
    pageBackground: String(window.backgroundColor ?? '#f7f8fa'),
    back: !isTabPage,
  };
}

/**
 * simulate keeps an <input>'s value in component data, not in the DOM: show it (or the placeholder)
 * as text so typed-in fields appear filled in.
 */
export function fillInputs(root: DomElement, values: Map<DomElement, { value: string; placeholder: string }>): void {
  for (const [element, { value, placeholder }] of values) {
    if (!root.contains(element)) continue;
    element.textContent = '';
    const span = element.ownerDocument.createElement('span');
    span.className = value ? 'input-text' : 'input-placeholder';
    span.textContent = value || placeholder;
    element.appendChild(span);
  }
}

export interface ExportInput {
  chrome: PageChrome;
  /** app.wxss, applied to every page in the real app. */
  appCss: string;
  /** Every <style> simulate injected for this page (and its tab bar). */
  componentCss: string;
  pageHtml: string;
  tabBarHtml?: string;
}

export function exportHtml(input: ExportInput): string {
  const { chrome } = input;
  const navColor = chrome.navText === 'white' ? '#ffffff' : '#000000';
  const css = [BASE_CSS, vantIconFontFace(), replacePageSelector(input.appCss), withoutRemoteFonts(resolveHostSelectors(replacePageSelector(input.componentCss)))]
    .map((part) => convertRpx(part))
    .join('\n');
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=${SCREEN.width}">
<title>${escape(chrome.title)}</title>
<style>${css}</style>
</head>
<body>
<div class="device" style="background:${chrome.pageBackground}">
  <div class="status-bar" style="background:${chrome.navBackground};color:${navColor}">
    <span>9:41</span>
    <span class="status-bar__icons"><span>●●●●</span><span class="status-bar__battery"></span></span>
  </div>
  <div class="nav-bar" style="background:${chrome.navBackground};color:${navColor}">
    ${chrome.back ? '<span class="nav-bar__back"></span>' : ''}
    <span>${escape(chrome.title)}</span>
    <span class="nav-bar__capsule" style="border:1px solid ${chrome.navText === 'white' ? 'rgba(255,255,255,.35)' : 'rgba(0,0,0,.12)'};background:${chrome.navText === 'white' ? 'rgba(0,0,0,.15)' : 'rgba(255,255,255,.6)'}"><span class="nav-bar__dots"><i></i><i></i><i></i></span><span class="nav-bar__divider"></span><span class="nav-bar__close"><b></b></span></span>
  </div>
  <div class="page-frame" style="background:${chrome.pageBackground}">${convertRpx(input.pageHtml)}</div>
  ${input.tabBarHtml ? convertRpx(input.tabBarHtml) : ''}
</div>
</body>
</html>
`;
}
