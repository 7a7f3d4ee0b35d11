import * as automation from '../../fixtures/automation';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { answerModals, exists, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/campaign-detail/campaign-detail';

async function openPage(campaignId: string) {
  const page = render(PAGE, { campaignId });
  page.instance.onLoad();
  await settle();
  return page;
}

describe('campaign-detail', () => {
  beforeEach(() => jest.resetModules());

  it('shows what the campaign did: granted, notified, tasks, redeemed, rate and sales, by store and by clerk', async () => {
    const cloud = installCloud(byAction({ 'automation.campaign': ok(automation.runningCampaign) }));
    const page = await openPage('c-demo-campaign-0001');
    expect(cloud.calls).toEqual([{ name: 'automation', action: 'campaign', payload: { campaignId: 'c-demo-campaign-0001' } }]);
    const figures = text(page, '#figures');
    for (const part of ['1240', '486', '754', '173']) expect(figures).toContain(part);
    expect(text(page, '#rate')).toBe('14%');
    expect(text(page, '#sales')).toBe('¥93,680');
    expect(text(page, '#store-0')).toContain('静安旗舰店');
    expect(text(page, '#clerk-0')).toContain('李导购');
    expect(text(page, '#clerk-0')).toContain('¥48,200');
    expect(exists(page, '#cancel')).toBe(false);
  });

  it('a scheduled campaign can be cancelled after a confirmation', async () => {
    const modal = answerModals();
    const cloud = installCloud(byAction({ 'automation.campaign': ok(automation.scheduledCampaign), 'automation.cancelCampaign': ok({ ...automation.scheduledCampaign, status: 'cancelled' }) }));
    const page = await openPage('c-demo-campaign-0002');
    await tap(page, '#cancel');
    await settle();
    expect(cloud.calls[1]).toEqual({ name: 'automation', action: 'cancelCampaign', payload: { campaignId: 'c-demo-campaign-0002' } });
    expect(text(page, '#status')).toBe('已取消');
    expect(text(page, '#time')).toBe('原定 2026-12-31 10:00 发送 · 周总监');
    expect(exists(page, '#cancel')).toBe(false);
    modal.mockRestore();
  });
});
