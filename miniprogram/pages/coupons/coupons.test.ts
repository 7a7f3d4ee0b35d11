import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { exists, render, settle, show, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/coupons/coupons';

const showPage = () => show(PAGE);

describe('coupons (wallet)', () => {
  let navigateTo: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
  });
  afterEach(() => navigateTo.mockRestore());

  it('shows the usable coupons with tab counts from one call, each with rule, validity and stores', async () => {
    const cloud = installCloud(byAction({ 'coupons.wallet': ok(demo.walletUnused) }));
    const page = await showPage();
    expect(cloud.calls).toEqual([{ name: 'coupons', action: 'wallet', payload: { tab: 'unused' } }]);
    expect(text(page, '#tab-unused')).toBe('可用3');
    expect(text(page, '#tab-used')).toBe('已使用1');
    const first = text(page, '#coupon-0');
    expect(first).toContain('¥50');
    expect(first).toContain('满300元可用');
    expect(first).toContain('满300元减¥50');
    expect(first).toContain('有效期至 2026-12-03');
    expect(first).toContain('全部门店可用');
    expect(text(page, '#coupon-1')).toContain('9折 · 最高减¥20');
    expect(text(page, '#coupon-1')).toContain('限 静安嘉里中心店 使用');
    expect(text(page, '#coupon-2')).toContain('兑换 品牌帆布袋');
  });

  it('switches tabs with one call each; used coupons say when and how much they saved', async () => {
    const cloud = installCloud(byAction({ 'coupons.wallet': (payload: unknown) => ok((payload as { tab: string }).tab === 'used' ? demo.walletUsed : demo.walletUnused) }));
    const page = await showPage();
    await tap(page, '#tab-used');
    expect(cloud.calls[1]).toEqual({ name: 'coupons', action: 'wallet', payload: { tab: 'used' } });
    expect(text(page, '#coupon-0')).toContain('2026-11-02 已使用，省¥50');
    // a used coupon opens nothing
    await tap(page, '#coupon-0 >> .coupon');
    expect(navigateTo).not.toHaveBeenCalled();
  });

  it('opens a usable coupon’s code, and links to the claim centre and the points exchange', async () => {
    installCloud(byAction({ 'coupons.wallet': ok(demo.walletUnused) }));
    const page = await showPage();
    await tap(page, '#coupon-0 >> .coupon');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/coupon/coupon?couponId=cp-300-50' });
    await tap(page, '#claim-center');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/claim-center/claim-center' });
    await tap(page, '#exchange');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/points-exchange/points-exchange' });
  });

  it('says so when a tab is empty, and offers a retry after an error', async () => {
    const cloud = installCloud(byAction({ 'coupons.wallet': ok({ ...demo.walletUnused, coupons: [], counts: { unused: 0, used: 0, expired: 0 } }) }));
    const page = await showPage();
    expect(text(page, '#state >> #state-empty-text')).toBe('暂无可用的优惠券，去领券中心看看吧');
    cloud.setRoute(byAction({ 'coupons.wallet': fail('NOT_MEMBER') }));
    page.instance.onShow();
    await settle();
    expect(text(page, '#state >> #state-error-text')).toBe('您还不是会员，请先加入会员');
    expect(exists(page, '#list')).toBe(false);
  });

  it('到期提醒 asks for the coupon messages she has no send left for, from the tap', async () => {
    const api = wx as unknown as Record<string, unknown>;
    const prompt = jest.fn((options: { tmplIds: string[]; success: (result: Record<string, string>) => void }) => options.success({ [options.tmplIds[0]]: 'accept', [options.tmplIds[1]]: 'accept' }));
    api.requestSubscribeMessage = prompt;
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
    const cloud = installCloud(byAction({ 'coupons.wallet': ok(demo.walletUnused), 'member.subscribe': ok({ subscriptions: demo.card.subscriptions }) }));
    const page = await showPage();
    expect(text(page, '#remind')).toContain('优惠券到账、快到期时提醒我');
    await tap(page, '#remind');
    await settle();
    expect(prompt.mock.calls[0][0].tmplIds).toEqual(['local-coupon-expiring', 'local-coupon-arrived']);
    expect(cloud.calls[1]).toMatchObject({ name: 'member', action: 'subscribe', payload: { accepted: ['coupon_expiring', 'coupon_arrived'] } });
    expect(exists(page, '#remind')).toBe(false);
    toast.mockRestore();
    delete api.requestSubscribeMessage;
  });
});
