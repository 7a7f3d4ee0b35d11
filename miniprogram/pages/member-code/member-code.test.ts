import { barWidths, code128Modules } from '../../utils/code-graphics';
import jsQR from 'jsqr';
import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { exists, render, text } from '../../test-support/simulate';

const PAGE = 'pages/member-code/member-code';

/** With fake timers, simulate.sleep would never return: advance the fake clock instead. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await jest.advanceTimersByTimeAsync(0);
}

async function showPage() {
  const page = render(PAGE);
  page.instance.onShow();
  await flush();
  return page;
}

/** A <canvas type="2d"> node that rasterises fillRect, so the drawn code can be decoded. */
function fakeCanvas(cssWidth: number, cssHeight: number) {
  const canvas = {
    width: 0,
    height: 0,
    pixels: new Uint8ClampedArray(0),
    getContext() {
      canvas.pixels = new Uint8ClampedArray(canvas.width * canvas.height * 4).fill(128);
      const ctx = {
        fillStyle: '',
        fillRect(x: number, y: number, w: number, h: number) {
          const value = ctx.fillStyle === '#ffffff' ? 255 : 0;
          for (let row = y; row < y + h; row += 1) {
            for (let col = x; col < x + w; col += 1) canvas.pixels.set([value, value, value, 255], (row * canvas.width + col) * 4);
          }
        },
      };
      return ctx;
    },
  };
  return { field: { node: canvas, width: cssWidth, height: cssHeight }, canvas };
}

describe('member-code', () => {
  let setBrightness: jest.SpyInstance;
  let getBrightness: jest.SpyInstance;

  beforeEach(() => {
    jest.resetModules();
    jest.useFakeTimers();
    getBrightness = jest.spyOn(wx, 'getScreenBrightness').mockImplementation(((options: WechatMiniprogram.GetScreenBrightnessOption) => {
      options.success?.({ value: 0.4, errMsg: 'getScreenBrightness:ok' });
    }) as never);
    setBrightness = jest.spyOn(wx, 'setScreenBrightness').mockImplementation((() => undefined) as never);
  });

  afterEach(() => {
    jest.useRealTimers();
    getBrightness.mockRestore();
    setBrightness.mockRestore();
  });

  it('fetches one code with member.memberCode and shows the countdown', async () => {
    const cloud = installCloud(byAction({ 'member.memberCode': ok(demo.memberCode) }));
    const page = await showPage();

    expect(cloud.calls).toEqual([{ name: 'member', action: 'memberCode', payload: {} }]);
    expect(text(page, '#countdown')).toBe('60 秒后自动刷新');

    await jest.advanceTimersByTimeAsync(1000);
    expect(text(page, '#countdown')).toBe('59 秒后自动刷新');
  });

  it('fetches a fresh code five seconds before the current one expires', async () => {
    const cloud = installCloud(byAction({ 'member.memberCode': ok(demo.memberCode) }));
    const page = await showPage();

    await jest.advanceTimersByTimeAsync(54_900);
    expect(cloud.calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(200);
    await flush();
    expect(cloud.calls).toHaveLength(2);
    expect(text(page, '#countdown')).toBe('60 秒后自动刷新');

    await jest.advanceTimersByTimeAsync(55_000);
    await flush();
    expect(cloud.calls).toHaveLength(3);
  });

  it('stops refreshing and restores the brightness when the page is left', async () => {
    const cloud = installCloud(byAction({ 'member.memberCode': ok(demo.memberCode) }));
    const page = await showPage();
    expect(setBrightness).toHaveBeenLastCalledWith(expect.objectContaining({ value: 1 }));

    page.instance.onHide();
    expect(setBrightness).toHaveBeenLastCalledWith(expect.objectContaining({ value: 0.4 }));
    await jest.advanceTimersByTimeAsync(600_000);
    expect(cloud.calls).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);

    // Back on screen: bright again and a fresh code at once.
    page.instance.onShow();
    await flush();
    expect(cloud.calls).toHaveLength(2);
    expect(setBrightness).toHaveBeenLastCalledWith(expect.objectContaining({ value: 1 }));
  });

  it('clears its timers when detached (onUnload alike)', async () => {
    const cloud = installCloud(byAction({ 'member.memberCode': ok(demo.memberCode) }));
    const page = await showPage();
    page.detach();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(cloud.calls).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps working when the brightness cannot be read or set', async () => {
    getBrightness.mockImplementation(((options: WechatMiniprogram.GetScreenBrightnessOption) => {
      options.fail?.({ errMsg: 'getScreenBrightness:fail' });
    }) as never);
    installCloud(byAction({ 'member.memberCode': ok(demo.memberCode) }));
    const page = await showPage();
    expect(text(page, '#countdown')).toBe('60 秒后自动刷新');
    page.instance.onHide();
    // The level could not be read, so it is neither raised nor "restored" to a guess.
    expect(setBrightness).not.toHaveBeenCalled();
  });

  it('ignores a failure to raise the brightness', async () => {
    setBrightness.mockImplementation(((options: WechatMiniprogram.SetScreenBrightnessOption) => {
      options.fail?.({ errMsg: 'setScreenBrightness:fail' });
    }) as never);
    installCloud(byAction({ 'member.memberCode': ok(demo.memberCode) }));
    const page = await showPage();
    expect(text(page, '#countdown')).toBe('60 秒后自动刷新');
  });

  it('draws the token as a readable QR code at device resolution, and a barcode', async () => {
    installCloud(byAction({ 'member.memberCode': ok(demo.memberCode) }));
    const qr = fakeCanvas(200, 200);
    const barcode = fakeCanvas(311, 90);
    const page = render(PAGE);
    jest.spyOn(wx, 'getWindowInfo').mockReturnValue({ pixelRatio: 2 } as WechatMiniprogram.WindowInfo);
    const query = { select: () => query, fields: () => query, exec: (cb: (r: unknown[]) => void) => cb([qr.field, barcode.field]) };
    page.instance.createSelectorQuery = () => query;
    page.instance.onShow();
    await flush();

    expect([qr.canvas.width, qr.canvas.height]).toEqual([400, 400]);
    expect(jsQR(qr.canvas.pixels, 400, 400)?.data).toBe(demo.memberCode.token);
    expect([barcode.canvas.width, barcode.canvas.height]).toEqual([622, 180]);
    // Bars (black) and quiet zone (white) were painted across the whole barcode.
    const firstRow = Array.from({ length: 622 }, (_, x) => barcode.canvas.pixels[x * 4]);
    expect(firstRow[0]).toBe(255);
    expect(firstRow.filter((value) => value === 0).length).toBeGreaterThan(100);
    // The barcode is the 18-digit till code, not the token: as many bars as its Code 128, and under
    // half the modules of the token's, so each bar is wide enough for a laser scanner.
    const painted = barWidths(firstRow.map((value) => value === 0)).length;
    const expected = barWidths(code128Modules(demo.memberCode.tillCode)).length;
    expect(painted).toBe(expected + 2); // plus the quiet zones either side
    expect(code128Modules(demo.memberCode.tillCode).length * 2).toBeLessThan(code128Modules(demo.memberCode.token).length);
    expect(text(page, '#till-code')).toBe('4802 1395 7762 0318 45');
  });

  it('shows the server message and retries, without leaving timers behind', async () => {
    const cloud = installCloud(byAction({ 'member.memberCode': fail('NOT_MEMBER') }));
    const page = await showPage();
    expect(text(page, '#state >> #state-error-text')).toBe('您还不是会员，请先加入会员');
    expect(exists(page, '#countdown')).toBe(false);
    expect(jest.getTimerCount()).toBe(0);

    cloud.setRoute(byAction({ 'member.memberCode': ok(demo.memberCode) }));
    page.querySelector('#state')!.querySelector('#state-retry')!.querySelector('.van-button')!.dispatchEvent('tap');
    await flush();
    expect(text(page, '#countdown')).toBe('60 秒后自动刷新');
  });

  it('refreshes on demand', async () => {
    const cloud = installCloud(byAction({ 'member.memberCode': ok(demo.memberCode) }));
    const page = await showPage();
    await jest.advanceTimersByTimeAsync(20_000);
    page.querySelector('#refresh')!.dispatchEvent('tap');
    await flush();
    expect(cloud.calls).toHaveLength(2);
    expect(text(page, '#countdown')).toBe('60 秒后自动刷新');
    // The old refresh timer was replaced, not added to.
    await jest.advanceTimersByTimeAsync(54_000);
    expect(cloud.calls).toHaveLength(2);
  });
});
