import { loadState } from '../../behaviors/load-state';
import { rotatingCode } from '../../behaviors/rotating-code';
import { callMember } from '../../services/cloud';
import type { MemberCodeView } from '../../shared/contracts/views';
import { code128Modules, drawBarcode, drawQr, paintCanvas, qrMatrix, type CanvasField } from '../../utils/code-graphics';

/**
 * The rotating member code a clerk scans: the QR code of a short-lived signed token, and a Code 128
 * barcode of its 18-digit till code (sparse enough for a handheld laser scanner, printed below it for
 * typing). One member.memberCode call per code; the rotation is behaviors/rotating-code.ts.
 */

type Data = {
  ready: boolean;
  /** The till code in groups of four, for a clerk to type when nothing scans. */
  tillCodeText: string;
};

type Methods = {
  _reload(): void;
  _draw(view: MemberCodeView): void;
};

function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

Component<Data, {}, Methods, [typeof loadState, typeof rotatingCode], {}, true>({
  behaviors: [loadState, rotatingCode],
  data: {
    ready: false,
    tillCodeText: '',
  },
  methods: {
    _reload() {
      this._loadCode(
        () => callMember('memberCode', {}),
        (view) => ({ ready: true, tillCodeText: groupDigits(view.tillCode) }),
      );
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
          paintCanvas(qr, pixelRatio, (ctx, width) => drawQr(ctx, qrMatrix(view.token), width));
          try {
            const modules = code128Modules(view.tillCode);
            paintCanvas(barcode, pixelRatio, (ctx, width, height) => drawBarcode(ctx, modules, width, height));
          } catch {
            // A code Code 128 cannot carry still works as the QR code and in print.
          }
        });
    },
  },
});
