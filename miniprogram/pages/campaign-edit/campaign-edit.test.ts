import * as automation from '../../fixtures/automation';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/campaign-edit/campaign-edit';

async function openPage() {
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 350));
  await settle();
  return page;
}

describe('campaign-edit', () => {
  let redirectTo: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    redirectTo = jest.spyOn(wx, 'redirectTo').mockImplementation((() => undefined) as never);
  });
  afterEach(() => redirectTo.mockRestore());

  it('loads its pick lists in one call and counts the whole audience live', async () => {
    const cloud = installCloud(byAction({ 'automation.options': ok(automation.options), 'automation.audienceCount': ok(automation.audienceCount) }));
    const page = await openPage();
    expect(cloud.calls[0]).toEqual({ name: 'automation', action: 'options', payload: {} });
    expect(cloud.calls[1]).toEqual({ name: 'automation', action: 'audienceCount', payload: { audience: { segments: [], tierIds: [], tags: [], storeIds: [] } } });
    expect(text(page, '#count')).toBe('共 1240 位会员，其中 486 位可接收到账通知');
  });

  it('asks the count again (once) as the audience changes, and sends the campaign with the audience picked', async () => {
    const cloud = installCloud(
      byAction({ 'automation.options': ok(automation.options), 'automation.audienceCount': ok(automation.audienceCount), 'automation.createCampaign': ok(automation.scheduledCampaign) }),
    );
    const page = await openPage();
    await tap(page, '#segment-dormant');
    await tap(page, '#store-S01');
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    const counts = cloud.calls.filter((c) => c.action === 'audienceCount');
    expect(counts).toHaveLength(2);
    expect(counts[1].payload).toEqual({ audience: { segments: ['dormant'], tierIds: [], tags: [], storeIds: ['S01'] } });
    await fire(page, '#name', 'change', '双十二沉睡唤醒');
    await fire(page, '#coupon-picker', 'change', { value: 3 });
    expect(text(page, '#coupon')).toBe('双十二会员礼');
    await tap(page, '#schedule');
    await fire(page, '#date-picker', 'change', { value: '2026-12-12' });
    await tap(page, '#submit');
    const create = cloud.calls.find((c) => c.action === 'createCampaign')!;
    expect(create.payload).toMatchObject({
      name: '双十二沉睡唤醒',
      audience: { segments: ['dormant'], tierIds: [], tags: [], storeIds: ['S01'] },
      couponTemplateId: 'TDOUBLE',
      notify: true,
      fallbackTasks: false,
      sendAt: '2026-12-12T10:00:00+08:00',
    });
    expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/campaign-detail/campaign-detail?campaignId=c-demo-campaign-0002' });
  });

  it('needs a name and a coupon before it asks the server', async () => {
    const cloud = installCloud(byAction({ 'automation.options': ok(automation.options), 'automation.audienceCount': ok(automation.audienceCount) }));
    const page = await openPage();
    await tap(page, '#submit');
    expect(cloud.calls.some((c) => c.action === 'createCampaign')).toBe(false);
    expect(text(page, '#coupon-error')).toBe('请选择优惠券');
  });
});
