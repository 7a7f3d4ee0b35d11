import * as automation from '../../fixtures/automation';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/journeys/journeys';

async function openPage(role: 'admin' | 'manager' = 'admin') {
  require('../../stores/staff-profile').setStaffProfile({ staffId: 'st-1', name: '周总监', role, storeId: 'S01', storeName: '静安旗舰店' });
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  return page;
}

describe('journeys', () => {
  let navigateTo: jest.SpyInstance;
  let showToast: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
    showToast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
  });
  afterEach(() => {
    navigateTo.mockRestore();
    showToast.mockRestore();
  });

  it('lists every journey with its entry, steps, status and figures from one call', async () => {
    const cloud = installCloud(byAction({ 'automation.journeys': ok(automation.journeys) }));
    const page = await openPage();
    expect(cloud.calls).toEqual([{ name: 'automation', action: 'journeys', payload: {} }]);
    const first = text(page, '#journey-0');
    expect(first).toContain('新会员欢迎');
    expect(text(page, '#entry-0')).toBe('入会后 · 4 个步骤');
    expect(text(page, '#status-0')).toBe('运行中');
    expect(first).toContain('412');
    expect(text(page, '#status-3')).toBe('已暂停');
    expect(text(page, '#problem-4')).toContain('请选择一张可发放的优惠券');
  });

  it('an admin pauses a journey with its switch; a refused switch-on says what is missing', async () => {
    const paused = { ...automation.newMemberJourney, status: 'paused' as const };
    const cloud = installCloud(
      byAction({
        'automation.journeys': ok(automation.journeys),
        'automation.setJourneyStatus': (payload: unknown) =>
          (payload as { journeyId: string }).journeyId === 'builtin-anniversary' ? { ok: false, error: { code: 'JOURNEY_INVALID', message: '旅程设置有误，请按提示修改', fields: { 'steps.1': '请选择一张可发放的优惠券' } } } : ok(paused),
      }),
    );
    const page = await openPage();
    await fire(page, '#switch-0', 'change', false);
    expect(cloud.calls[1]).toEqual({ name: 'automation', action: 'setJourneyStatus', payload: { journeyId: 'builtin-new_member', status: 'paused' } });
    expect(text(page, '#status-0')).toBe('已暂停');
    await fire(page, '#switch-4', 'change', true);
    expect(showToast).toHaveBeenLastCalledWith({ title: '请选择一张可发放的优惠券', icon: 'none' });
  });

  it('opens the editor; a manager reads without switches to flip', async () => {
    installCloud(byAction({ 'automation.journeys': ok(automation.journeys) }));
    const page = await openPage('manager');
    await tap(page, '#journey-1');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/journey-edit/journey-edit?journeyId=builtin-after_purchase' });
    expect(page.data.admin).toBe(false);
  });
});
