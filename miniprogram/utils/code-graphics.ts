import JsBarcode = require('jsbarcode');
import qrcode = require('qrcode-generator');

/**
 * The member code as graphics: pure functions compute the QR module matrix and the Code 128 module
 * row (tested without any canvas), and the draw functions paint them onto anything with
 * `fillStyle` and `fillRect` — the mini-program's <canvas type="2d"> context in the app.
 */

/** Enough of CanvasRenderingContext2D for the draw functions (and a fake in tests). */
export interface FillContext {
  fillStyle: unknown;
  fillRect(x: number, y: number, width: number, height: number): void;
}

/**
 * QR modules, row by row (true = dark). Error correction M survives a scratched or reflecting screen
 * while keeping the ~65-character token at version 5 (37×37), which reads well at phone size.
 */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)));
}

interface BarcodeObject {
  encodings?: { data: string }[];
}

/**
 * Code 128 modules left to right (true = bar), from JsBarcode's encoder through its DOM-free object
 * renderer; JsBarcode picks the code sets (A/B/C) that make the shortest symbol.
 */
export function code128Modules(text: string): boolean[] {
  const target: BarcodeObject = {};
  JsBarcode(target, text, { format: 'CODE128' });
  const data = (target.encodings ?? []).map((encoding) => encoding.data).join('');
  return [...data].map((bit) => bit === '1');
}

/** Widths of alternating bars and spaces, starting with a bar: what a scanner measures. */
export function barWidths(modules: readonly boolean[]): number[] {
  const widths: number[] = [];
  modules.forEach((dark, index) => {
    if (index > 0 && dark === modules[index - 1]) widths[widths.length - 1] += 1;
    else widths.push(1);
  });
  return widths;
}

const LIGHT = '#ffffff';
const DARK = '#000000';

/**
 * Paints the matrix centred in a `size`×`size` area with a quiet zone of `quiet` modules. Module
 * edges are rounded to whole pixels so neighbouring modules never leave hairline gaps.
 */
export function drawQr(ctx: FillContext, matrix: readonly (readonly boolean[])[], size: number, quiet = 2): void {
  const count = matrix.length;
  const cell = size / (count + quiet * 2);
  const edge = (index: number) => Math.round((index + quiet) * cell);
  ctx.fillStyle = LIGHT;
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = DARK;
  matrix.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (!dark) return;
      ctx.fillRect(edge(c), edge(r), edge(c + 1) - edge(c), edge(r + 1) - edge(r));
    });
  });
}

/** Paints the bars across `width` with a 10-module quiet zone each side (Code 128's minimum). */
export function drawBarcode(ctx: FillContext, modules: readonly boolean[], width: number, height: number): void {
  const quiet = 10;
  const unit = width / (modules.length + quiet * 2);
  const edge = (index: number) => Math.round((index + quiet) * unit);
  ctx.fillStyle = LIGHT;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = DARK;
  let start = 0;
  barWidths(modules).forEach((run, index) => {
    // Runs alternate bar/space starting with a bar: even indexes are bars.
    if (index % 2 === 0) ctx.fillRect(edge(start), 0, edge(start + run) - edge(start), height);
    start += run;
  });
}

/** A canvas node with its laid-out size, as a selector query's `fields({ node, size })` answers. */
export interface CanvasField {
  /** A 2d canvas node (WechatMiniprogram.Canvas), described by what is used of it. */
  node?: { width: number; height: number; getContext(type: '2d'): unknown };
  width: number;
  height: number;
}

/** Sizes the canvas backing store to device pixels so modules land on whole pixels, then draws. */
export function paintCanvas(field: CanvasField | null | undefined, pixelRatio: number, draw: (ctx: FillContext, width: number, height: number) => void): void {
  const canvas = field?.node;
  if (!canvas) return;
  const width = Math.round(field.width * pixelRatio);
  const height = Math.round(field.height * pixelRatio);
  canvas.width = width;
  canvas.height = height;
  draw(canvas.getContext('2d') as unknown as FillContext, width, height);
}
