import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT, REPO_ROOT } from './paths';

/**
 * uCharts for the dashboard subpackage. WeChat packs only what is inside a package's root, and a root
 * `dependencies` entry would be built into the main package's miniprogram_npm; so the minified file is
 * copied into the subpackage (git-ignored, like miniprogram/shared), its ES `export default` turned into
 * `module.exports` for the mini-program's CommonJS. The screenshot exporter reads the same build.
 */
export const CHARTS_SOURCE = path.join(REPO_ROOT, 'node_modules/@qiun/ucharts/u-charts.min.js');
export const CHARTS_VENDOR = path.join(MINIPROGRAM_ROOT, 'packages/dashboard/vendor/u-charts.js');

const EXPORT = /export default uCharts;\s*$/;

/** The library as a script that defines `uCharts` (browser) or exports it (mini-program). */
export function chartsLibrary(target: 'module' | 'script'): string {
  const source = fs.readFileSync(CHARTS_SOURCE, 'utf8');
  if (!EXPORT.test(source)) throw new Error(`${CHARTS_SOURCE}: expected it to end with "export default uCharts;"`);
  return source.replace(EXPORT, target === 'module' ? 'module.exports = uCharts;\n' : 'window.uCharts = uCharts;\n');
}

export function syncChartsVendor(): boolean {
  const content = chartsLibrary('module');
  if (fs.existsSync(CHARTS_VENDOR) && fs.readFileSync(CHARTS_VENDOR, 'utf8') === content) return false;
  fs.mkdirSync(path.dirname(CHARTS_VENDOR), { recursive: true });
  fs.writeFileSync(CHARTS_VENDOR, content);
  return true;
}
