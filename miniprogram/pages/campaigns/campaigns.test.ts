import * as automation from '../../fixtures/automation';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/campaigns/campaigns';

describe('campaigns', () => {
  let navigateTo: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
  });
  afterEach(() => navigateTo.mockRestore());

  it('lists campaigns with status, audience, coupon and figures from one call, and opens one', async () => {
    const cloud = installCloud(byAction({ 'automation.campaigns': ok(automation.campaigns) }));
    const page = render(PAGE);
    page.instance.onLoad();
    await settle();
    expect(cloud.calls).toEqual([{ name: 'automation', action: 'campaigns', payload: {} }]);
    const scheduled = text(page, '#campaign-0');
    expect(scheduled).toContain('元旦新品预告');
    expect(scheduled).toContain('待发送');
    expect(scheduled).toContain('定时发送 2026-12-31 10:00');
    const done = text(page, '#campaign-1');
    expect(done).toContain('沉睡 · 静安旗舰店 · 双十二会员礼');
    expect(done).toContain('1240');
    expect(done).toContain('14%');
    expect(done).toContain('¥93,680');
    await tap(page, '#campaign-1');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/campaign-detail/campaign-detail?campaignId=c-demo-campaign-0001' });
    await tap(page, '#create');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/campaign-edit/campaign-edit' });
  });
});
