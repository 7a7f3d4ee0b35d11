import jsQR from 'jsqr';
import { barWidths, code128Modules, drawBarcode, drawQr, qrMatrix, type FillContext } from './code-graphics';

const TOKEN = 'M1.3f9a1c0e5b7d4a2f8e6c1b0a9d8e7f6a.t4k2m9.Yx3kP0qLr8sTuVwX1zAb2c';

/** A canvas stand-in that rasterises fillRect into a pixel grid (RGBA for jsQR). */
class PixelCanvas implements FillContext {
  fillStyle: unknown = '#000000';
  readonly pixels: Uint8ClampedArray;

  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Uint8ClampedArray(width * height * 4);
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    const value = this.fillStyle === '#ffffff' ? 255 : 0;
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row += 1) {
      for (let col = Math.max(0, x); col < Math.min(this.width, x + w); col += 1) {
        const i = (row * this.width + col) * 4;
        this.pixels.set([value, value, value, 255], i);
      }
    }
  }

  isDark(x: number, y: number): boolean {
    return this.pixels[(y * this.width + x) * 4] === 0;
  }
}

/** Reads a Code 128 row back into modules by sampling the middle of each module. */
function sampleModules(canvas: PixelCanvas, count: number): boolean[] {
  const quiet = 10;
  const unit = canvas.width / (count + quiet * 2);
  return Array.from({ length: count }, (_, i) => canvas.isDark(Math.floor((i + quiet + 0.5) * unit), 5));
}

describe('qrMatrix', () => {
  it('encodes the member token in a square matrix that a QR reader decodes back', () => {
    const matrix = qrMatrix(TOKEN);
    expect(matrix.length).toBe(37); // version 5: 65 bytes at level M
    expect(matrix.every((row) => row.length === matrix.length)).toBe(true);

    const canvas = new PixelCanvas(296, 296);
    drawQr(canvas, matrix, 296);
    expect(jsQR(canvas.pixels, canvas.width, canvas.height)?.data).toBe(TOKEN);
  });

  it('has the three finder patterns in the corners', () => {
    const matrix = qrMatrix('hello');
    const n = matrix.length;
    for (const [r, c] of [[0, 0], [0, n - 7], [n - 7, 0]] as const) {
      expect(matrix[r]![c]).toBe(true);
      expect(matrix[r + 1]![c + 1]).toBe(false);
      expect(matrix[r + 3]![c + 3]).toBe(true);
    }
  });
});

describe('code128Modules', () => {
  it('starts with a start code, ends with the stop pattern and is 11 modules per symbol + 13', () => {
    const modules = code128Modules('ABC123');
    const bits = modules.map((dark) => (dark ? '1' : '0')).join('');
    // Start B = 11010010000, stop = 1100011101011.
    expect(bits.startsWith('11010010000')).toBe(true);
    expect(bits.endsWith('1100011101011')).toBe(true);
    expect((modules.length - 13) % 11).toBe(0);
  });

  it('switches to code set C for digit runs, halving their width', () => {
    const digits = code128Modules('12345678');
    // Start C + 4 digit pairs + check + stop.
    expect(digits.length).toBe(11 * 6 + 13);
  });

  it('encodes a whole member token', () => {
    const modules = code128Modules(TOKEN);
    expect(modules.length).toBeGreaterThan(500);
    expect(modules[0]).toBe(true);
    expect(modules[modules.length - 1]).toBe(true);
  });

  it('rejects characters Code 128 cannot carry', () => {
    expect(() => code128Modules('会员')).toThrow();
  });
});

describe('barWidths', () => {
  it('run-length encodes alternating bars and spaces', () => {
    expect(barWidths([true, true, false, true, false, false, false, true])).toEqual([2, 1, 1, 3, 1]);
    expect(barWidths([])).toEqual([]);
  });

  it('gives every Code 128 symbol three bars and three spaces of 11 modules', () => {
    const widths = barWidths(code128Modules('Hi'));
    // Symbols: start, H, i, check (6 runs each), then the 7-run stop pattern.
    expect(widths.length).toBe(4 * 6 + 7);
    for (let s = 0; s < 4; s += 1) {
      expect(widths.slice(s * 6, s * 6 + 6).reduce((a, b) => a + b, 0)).toBe(11);
    }
  });
});

describe('drawBarcode', () => {
  it('paints exactly the modules, with light quiet zones', () => {
    const modules = code128Modules('M1.ab');
    const canvas = new PixelCanvas((modules.length + 20) * 3, 10);
    drawBarcode(canvas, modules, canvas.width, canvas.height);
    expect(sampleModules(canvas, modules.length)).toEqual(modules);
    expect(canvas.isDark(0, 5)).toBe(false);
    expect(canvas.isDark(canvas.width - 1, 5)).toBe(false);
  });

  it('snaps bars to whole pixels at fractional module widths', () => {
    const rects: number[][] = [];
    const ctx: FillContext = { fillStyle: '', fillRect: (...args) => rects.push(args) };
    drawBarcode(ctx, code128Modules(TOKEN), 1035, 240);
    expect(rects.flat().every(Number.isInteger)).toBe(true);
  });
});
