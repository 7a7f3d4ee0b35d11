import { loadState } from '../../behaviors/load-state';
import { MEMBER_CODE_BRIGHTNESS, MEMBER_CODE_REFRESH_LEAD_MS } from '../../config/member-code';
import { callMember } from '../../services/cloud';
import type { MemberCodeView } from '../../shared/contracts/views';
import { code128Modules, drawBarcode, drawQr, qrMatrix, type FillContext } from '../../utils/code-graphics';

/**
 * The rotating member code a clerk scans: the QR code of a short-lived signed token, and a Code 128
 * barcode of its 18-digit till code (sparse enough for a handheld laser scanner, printed below it for
 * typing). One member.memberCode call per code; the next one is fetched shortly before it expires,
 * and only while the page is on screen.
 */

/** A refresh is never scheduled sooner than this, even for a TTL shorter than the lead time. */
const MIN_REFRESH_DELAY_MS = 1_000;

interface CanvasField {
  node?: WechatMiniprogram.Canvas;
  width: number;
  height: number;
}

type Data = {
  ready: boolean;
  secondsLeft: number;
  /** The till code in groups of four, for a clerk to type when nothing scans. */
  tillCodeText: string;
};

type Methods = {
  onShow(): void;
  onHide(): void;
  onUnload(): void;
  onRefresh(): void;
  _reload(): void;
  _showCode(view: MemberCodeView): void;
  _draw(view: MemberCodeView): void;
  _tick(): void;
  _stopTimers(): void;
  _leave(): void;
  _brighten(): void;
  _restoreBrightness(): void;
};

type Instance = {
  _refreshTimer: number | null;
  _tickTimer: number | null;
  /** Phone-clock time the shown code stops working, from the TTL (immune to a wrong phone clock). */
  _expiresAtMs: number;
  _savedBrightness: number | null;
  _brightened: boolean;
};

function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Sizes the canvas backing store to device pixels so modules land on whole pixels. */
function paint(field: CanvasField | null | undefined, pixelRatio: number, draw: (ctx: FillContext, width: number, height: number) => void): void {
  const canvas = field?.node;
  if (!canvas) return;
  const width = Math.round(field.width * pixelRatio);
  const height = Math.round(field.height * pixelRatio);
  canvas.width = width;
  canvas.height = height;
  draw(canvas.getContext('2d') as unknown as FillContext, width, height);
}

Component<Data, {}, Methods, [typeof loadState], Instance, true>({
  behaviors: [loadState],
  data: {
    ready: false,
    secondsLeft: 0,
    tillCodeText: '',
  },
  lifetimes: {
    created() {
      this._refreshTimer = null;
      this._tickTimer = null;
      this._expiresAtMs = 0;
      this._savedBrightness = null;
      this._brightened = false;
    },
    detached() {
      this._leave();
    },
  },
  methods: {
    onShow() {
      this._brighten();
      this._reload();
    },

    onHide() {
      this._leave();
    },

    onUnload() {
      this._leave();
    },

    onRefresh() {
      this._reload();
    },

    _reload() {
      this._stopTimers();
      this._load(
        () => callMember('memberCode', {}),
        (view) => ({ ready: true, secondsLeft: view.ttlSeconds, tillCodeText: groupDigits(view.tillCode) }),
      ).then((view) => {
        if (view) this._showCode(view);
      });
    },

    _showCode(view) {
      const ttlMs = view.ttlSeconds * 1000;
      this._expiresAtMs = Date.now() + ttlMs;
      this._draw(view);
      this._refreshTimer = setTimeout(
        () => this._reload(),
        Math.max(MIN_REFRESH_DELAY_MS, ttlMs - MEMBER_CODE_REFRESH_LEAD_MS),
      ) as unknown as number;
      this._tickTimer = setInterval(() => this._tick(), 1000) as unknown as number;
    },

    _tick() {
      const secondsLeft = Math.max(0, Math.ceil((this._expiresAtMs - Date.now()) / 1000));
      if (secondsLeft !== this.data.secondsLeft) this.setData({ secondsLeft });
    },

    _draw(view) {
      const pixelRatio = typeof wx.getWindowInfo === 'function' ? wx.getWindowInfo().pixelRatio : 2;
      this.createSelectorQuery()
        .select('#qr-canvas')
        .fields({ node: true, size: true })
        .select('#barcode-canvas')
        .fields({ node: true, size: true })
        .exec((result: (CanvasField | null)[]) => {
          const [qr, barcode] = result;
          paint(qr, pixelRatio, (ctx, width) => drawQr(ctx, qrMatrix(view.token), width));
          try {
            const modules = code128Modules(view.tillCode);
            paint(barcode, pixelRatio, (ctx, width, height) => drawBarcode(ctx, modules, width, height));
          } catch {
            // A code Code 128 cannot carry still works as the QR code and in print.
          }
        });
    },

    _stopTimers() {
      if (this._refreshTimer !== null) clearTimeout(this._refreshTimer);
      if (this._tickTimer !== null) clearInterval(this._tickTimer);
      this._refreshTimer = null;
      this._tickTimer = null;
    },

    _leave() {
      this._stopTimers();
      this._restoreBrightness();
    },

    /**
     * Scanners read a dim screen badly. Raised only once the current level is known, so leaving can
     * put it back; failures (old base library, refused) leave the screen as it was.
     */
    _brighten() {
      if (this._brightened) return;
      this._brightened = true;
      wx.getScreenBrightness({
        success: (result) => {
          // The page may have been left before the answer came.
          if (!this._brightened) return;
          this._savedBrightness = result.value;
          wx.setScreenBrightness({ value: MEMBER_CODE_BRIGHTNESS, fail: () => undefined });
        },
        fail: () => undefined,
      });
    },

    _restoreBrightness() {
      if (!this._brightened) return;
      this._brightened = false;
      const saved = this._savedBrightness;
      this._savedBrightness = null;
      if (saved !== null) wx.setScreenBrightness({ value: saved, fail: () => undefined });
    },
  },
});
