import { code128Modules, qrMatrix } from '../../miniprogram/utils/code-graphics';

/**
 * The member code page draws on <canvas type="2d">, which the simulator cannot paint. The screenshot
 * puts SVGs from the same pure functions (module matrix, bar modules) where the canvases are, so the
 * picture shows the code the page would draw — scannable, as the page's own tests check.
 */

export function qrSvg(token: string, quiet = 2): string {
  const matrix = qrMatrix(token);
  const size = matrix.length + quiet * 2;
  const rects = matrix
    .flatMap((row, r) => row.map((dark, c) => (dark ? `M${c + quiet} ${r + quiet}h1v1h-1z` : '')))
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="100%" height="100%" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${rects}" fill="#000"/></svg>`;
}

export function barcodeSvg(token: string, quiet = 10): string {
  const modules = code128Modules(token);
  const width = modules.length + quiet * 2;
  const bars = modules.map((dark, i) => (dark ? `M${i + quiet} 0h1v1h-1z` : '')).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 1" width="100%" height="100%" preserveAspectRatio="none" shape-rendering="crispEdges"><rect width="${width}" height="1" fill="#fff"/><path d="${bars}" fill="#000"/></svg>`;
}
