import { byAction, installCloud, ok } from '../../../../test-support/cloud';
import { fire, render, settle, tap, text } from '../../../../test-support/simulate';
import { SETTINGS } from '../../../../fixtures/settings';

const PAGE = 'packages/settings/pages/settings/settings';

async function openPage() {
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  return page;
}

describe('settings', () => {
  beforeEach(() => jest.resetModules());

  it('summarises tiers, points and stores, links each store’s counter codes and the pages that edit the rest', async () => {
    installCloud(byAction({ 'admin.settings': ok(SETTINGS) }));
    const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never);
    const page = await openPage();
    expect(text(page, '#open-tiers')).toContain('普通会员 0 · 银卡 1000 · 金卡 5000 · 钻石 20000');
    expect(text(page, '#open-points')).toContain('每元 1 积分 · 获得后第1年年底到期 · 入会礼 100');
    expect(text(page, '#store-S02')).toContain('S02 · 员工 0 人 · 已停用');
    await fire(page, '#open-coupons', 'click');
    expect(navigate).toHaveBeenLastCalledWith({ url: '/pages/coupon-templates/coupon-templates' });
    navigate.mockRestore();
  });

  it('saves the brand; a field problem shows at its field', async () => {
    const cloud = installCloud(
      byAction({
        'admin.settings': ok(SETTINGS),
        'admin.saveBrand': { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { privacyVersion: '隐私政策版本须为1–20位字母、数字、.、-或_' } } },
      }),
    );
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
    const page = await openPage();
    await fire(page, '#privacy-version', 'change', '2027 年版');
    await tap(page, '#save-brand');
    expect(cloud.calls[1]).toEqual({ name: 'admin', action: 'saveBrand', payload: { brandName: '示例服饰', privacyVersion: '2027 年版', referralRewardPoints: 200 } });
    expect(text(page, '#privacy-version')).toContain('隐私政策版本须为');
    toast.mockRestore();
  });
});
