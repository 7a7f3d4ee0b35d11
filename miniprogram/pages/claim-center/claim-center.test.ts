import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, offline, ok } from '../../test-support/cloud';
import { exists, render, settle, show, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/claim-center/claim-center';

const showPage = () => show(PAGE);

describe('claim-center', () => {
  let showToast: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    showToast = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  });
  afterEach(() => showToast.mockRestore());

  it('lists what can be claimed, and why not for the rest', async () => {
    installCloud(byAction({ 'coupons.claimCenter': ok({ offers: demo.offers }) }));
    const page = await showPage();
    expect(text(page, '#offer-0')).toContain('每月限领1张，全场通用');
    expect(text(page, '#offer-0')).toContain('领取后 14 天内有效');
    expect(text(page, '#offer-0')).toContain('剩余 1288 张');
    expect(text(page, '#claim-0')).toBe('领取');
    expect(text(page, '#offer-1')).toContain('券已被领完');
    expect(text(page, '#offer-1')).toContain('已领取');
    expect(exists(page, '#claim-1')).toBe(false);
  });

  it('claims with a request id that a retry after a lost answer reuses, and a new tap does not', async () => {
    const cloud = installCloud(byAction({ 'coupons.claimCenter': ok({ offers: demo.offers }), 'coupons.claim': (payload: unknown) => offline({ name: 'coupons', action: 'claim', payload }) }));
    const page = await showPage();
    await tap(page, '#claim-0');
    expect(showToast).toHaveBeenLastCalledWith({ title: '网络异常，请检查网络后重试', icon: 'none' });
    cloud.setRoute(byAction({ 'coupons.claimCenter': ok({ offers: demo.offers }), 'coupons.claim': ok({ coupon: demo.couponCash }) }));
    await tap(page, '#claim-0');
    const claims = cloud.calls.filter((c) => c.action === 'claim').map((c) => (c.payload as { requestId: string }).requestId);
    expect(claims).toHaveLength(2);
    expect(claims[1]).toBe(claims[0]);
    expect(showToast).toHaveBeenLastCalledWith({ title: '领取成功，已放入卡包', icon: 'none' });
    await tap(page, '#claim-0');
    const third = cloud.calls.filter((c) => c.action === 'claim').map((c) => (c.payload as { requestId: string }).requestId)[2];
    expect(third).not.toBe(claims[0]);
  });

  it('shows the server’s reason when a claim is refused', async () => {
    installCloud(byAction({ 'coupons.claimCenter': ok({ offers: demo.offers }), 'coupons.claim': fail('MEMBER_LIMIT') }));
    const page = await showPage();
    await tap(page, '#claim-0');
    expect(showToast).toHaveBeenLastCalledWith({ title: '您已领取过该券，已达每人限领数量', icon: 'none' });
  });
});
