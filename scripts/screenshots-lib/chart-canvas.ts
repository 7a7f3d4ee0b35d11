import { chartsLibrary } from '../lib/charts-vendor';
import type { DomElement } from './dom-types';

/**
 * miniprogram-simulate paints no canvas, so a page's uCharts canvases export empty. The exporter puts
 * a real <canvas> in each and a script that draws the page's own chart options with the same library
 * (u-charts.min.js from node_modules) when Chromium loads the page: the screenshot shows the chart a
 * manager sees, drawn by the code and options the mini-program uses.
 */
export function drawCharts(root: DomElement, charts: Array<{ id: string; opts: Record<string, unknown> }>): void {
  let libraryAdded = false;
  for (const chart of charts) {
    const host = root.querySelector(`[class*="chart__canvas--${chart.id}"]`);
    if (!host) continue;
    const library = libraryAdded ? '' : `<script>${chartsLibrary('script')}</script>`;
    libraryAdded = true;
    // JSON in a script: only "</" could end it early.
    const options = JSON.stringify(chart.opts).replace(/<\//g, '<\\/');
    host.innerHTML = `${library}<canvas style="display:block;width:100%;height:100%"></canvas><script>(function () {
  var canvas = document.currentScript.previousElementSibling;
  var ratio = 2, width = canvas.clientWidth, height = canvas.clientHeight;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  var opts = ${options};
  opts.context = canvas.getContext('2d');
  opts.width = width * ratio;
  opts.height = height * ratio;
  opts.pixelRatio = ratio;
  new window.uCharts(opts);
})();</script>`;
  }
}
