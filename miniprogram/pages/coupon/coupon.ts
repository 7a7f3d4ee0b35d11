import { loadState } from '../../behaviors/load-state';
import { rotatingCode } from '../../behaviors/rotating-code';
import { callCoupons } from '../../services/cloud';
import type { CouponCodeView } from '../../shared/contracts/views';
import { drawQr, paintCanvas, qrMatrix, type CanvasField } from '../../utils/code-graphics';
import { couponDisplay, type CouponDisplay } from '../../utils/coupon-display';

/**
 * One coupon and its rotating code for the clerk to scan at the till (coupons.couponCode, one call per
 * code). The code names the coupon, and the till accepts it only for the member it belongs to.
 */

type Data = {
  coupon: CouponDisplay | null;
};

type Props = {
  couponId: { type: StringConstructor; value: string };
};

type Methods = {
  _reload(): void;
  _draw(view: CouponCodeView): void;
};

Component<Data, Props, Methods, [typeof loadState, typeof rotatingCode], {}, true>({
  behaviors: [loadState, rotatingCode],
  properties: {
    couponId: { type: String, value: '' },
  },
  data: {
    coupon: null,
  },
  methods: {
    _reload() {
      this._loadCode(
        () => callCoupons('couponCode', { couponId: this.data.couponId }),
        (view) => ({ coupon: couponDisplay(view.coupon, new Date()) }),
      );
    },

    _draw(view) {
      const pixelRatio = typeof wx.getWindowInfo === 'function' ? wx.getWindowInfo().pixelRatio : 2;
      this.createSelectorQuery()
        .select('#coupon-qr')
        .fields({ node: true, size: true })
        .exec((result: (CanvasField | null)[]) => paintCanvas(result[0], pixelRatio, (ctx, width) => drawQr(ctx, qrMatrix(view.token), width)));
    },
  },
});
