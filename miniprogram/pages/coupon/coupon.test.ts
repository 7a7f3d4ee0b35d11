import jsQR from 'jsqr';
import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { render, text } from '../../test-support/simulate';

const PAGE = 'pages/coupon/coupon';

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await jest.advanceTimersByTimeAsync(0);
}

function fakeCanvas(width: number, height: number) {
  const pixels = new Uint8ClampedArray(width * 2 * height * 2 * 4);
  const canvas = {
    width: 0,
    height: 0,
    pixels,
    getContext: () => ({
      fillStyle: '#ffffff',
      fillRect(x: number, y: number, w: number, h: number) {
        const value = this.fillStyle === '#000000' ? 0 : 255;
        for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) {
          const at = (yy * canvas.width + xx) * 4;
          pixels[at] = pixels[at + 1] = pixels[at + 2] = value;
          pixels[at + 3] = 255;
        }
      },
    }),
  };
  return { canvas, field: { node: canvas, width, height } };
}

describe('coupon', () => {
  beforeEach(() => {
    jest.resetModules();
    jest.useFakeTimers();
    jest.spyOn(wx, 'getScreenBrightness').mockImplementation(((o: WechatMiniprogram.GetScreenBrightnessOption) => o.success?.({ value: 0.4, errMsg: '' })) as never);
    jest.spyOn(wx, 'setScreenBrightness').mockImplementation((() => undefined) as never);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('shows the coupon and its code as a readable QR code, and fetches the next before it expires', async () => {
    const cloud = installCloud(byAction({ 'coupons.couponCode': ok(demo.couponCode) }));
    const qr = fakeCanvas(200, 200);
    const page = render(PAGE, { couponId: 'cp-300-50' });
    jest.spyOn(wx, 'getWindowInfo').mockReturnValue({ pixelRatio: 2 } as WechatMiniprogram.WindowInfo);
    const query = { select: () => query, fields: () => query, exec: (cb: (r: unknown[]) => void) => cb([qr.field]) };
    page.instance.createSelectorQuery = () => query;
    page.instance.onShow();
    await flush();
    expect(cloud.calls).toEqual([{ name: 'coupons', action: 'couponCode', payload: { couponId: 'cp-300-50' } }]);
    expect(text(page, '#coupon')).toContain('满300减50');
    expect(jsQR(qr.canvas.pixels, 400, 400)?.data).toBe(demo.couponCode.token);
    expect(text(page, '#countdown')).toBe('60 秒后自动刷新');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(cloud.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('shows why when the coupon is not the caller’s', async () => {
    installCloud(byAction({ 'coupons.couponCode': fail('COUPON_NOT_FOUND') }));
    const page = render(PAGE, { couponId: 'someone-elses' });
    page.instance.onShow();
    await flush();
    expect(text(page, '#state >> #state-error-text')).toBe('优惠券不存在');
    page.instance.onHide();
    expect(jest.getTimerCount()).toBe(0);
  });
});
