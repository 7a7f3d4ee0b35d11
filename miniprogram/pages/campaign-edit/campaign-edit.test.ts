import * as automation from '../../fixtures/automation';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { exists, fire, render, settle, tap, text } from '../../test-support/simulate';
import { addDaysToDayKey, shanghaiDayKey } from '../../shared/time/shanghai';

const PAGE = 'pages/campaign-edit/campaign-edit';

const ADMIN = { staffId: 'st-1', name: '周总监', role: 'admin', storeId: 'S01', storeName: '静安旗舰店' } as const;
const MANAGER = { staffId: 'st-2', name: '王店长', role: 'manager', storeId: 'S01', storeName: '静安旗舰店' } as const;

/** A day as the date picker gives it: 2026-12-12. */
const pickerDay = (offset: number) => addDaysToDayKey(shanghaiDayKey(new Date()), offset).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');

async function openPage(staff: typeof ADMIN | typeof MANAGER = ADMIN) {
  require('../../stores/staff-profile').setStaffProfile(staff);
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 350));
  await settle();
  return page;
}

describe('campaign-edit', () => {
  let redirectTo: jest.SpyInstance;
  let showToast: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    redirectTo = jest.spyOn(wx, 'redirectTo').mockImplementation((() => undefined) as never);
    showToast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
  });
  afterEach(() => {
    redirectTo.mockRestore();
    showToast.mockRestore();
  });

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
    await fire(page, '#date-picker', 'change', { value: pickerDay(9) });
    await tap(page, '#submit');
    const create = cloud.calls.find((c) => c.action === 'createCampaign')!;
    expect(create.payload).toMatchObject({
      name: '双十二沉睡唤醒',
      audience: { segments: ['dormant'], tierIds: [], tags: [], storeIds: ['S01'] },
      couponTemplateId: 'TDOUBLE',
      notify: true,
      fallbackTasks: false,
      sendAt: `${pickerDay(9)}T10:00:00+08:00`,
    });
    expect((create.payload as { requestId: string }).requestId).toMatch(/^[0-9a-z]{20}$/);
    expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/campaign-detail/campaign-detail?campaignId=c-demo-campaign-0002' });
  });

  it('needs a name and a coupon before it asks the server', async () => {
    const cloud = installCloud(byAction({ 'automation.options': ok(automation.options), 'automation.audienceCount': ok(automation.audienceCount) }));
    const page = await openPage();
    await tap(page, '#submit');
    expect(cloud.calls.some((c) => c.action === 'createCampaign')).toBe(false);
    expect(text(page, '#coupon-error')).toBe('请选择优惠券');
  });

  it('a manager addresses their own store: no store to pick', async () => {
    installCloud(byAction({ 'automation.options': ok({ ...automation.options, stores: automation.options.stores.slice(0, 1) }), 'automation.audienceCount': ok(automation.audienceCount) }));
    const page = await openPage(MANAGER);
    expect(exists(page, '#store-S01')).toBe(false);
    expect(text(page, '#store-fixed')).toBe('静安旗舰店');
  });

  it('refuses a scheduled time already past, and shows the server’s field problem at its field', async () => {
    const cloud = installCloud(
      byAction({
        'automation.options': ok(automation.options),
        'automation.audienceCount': ok(automation.audienceCount),
        'automation.createCampaign': { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { 'audience.tags.0': '标签无效' } } },
      }),
    );
    const page = await openPage();
    await fire(page, '#name', 'change', '元旦新品预告');
    await fire(page, '#coupon-picker', 'change', { value: 0 });
    await tap(page, '#schedule');
    await fire(page, '#date-picker', 'change', { value: pickerDay(0) });
    await fire(page, '#time-picker', 'change', { value: '00:00' });
    await tap(page, '#submit');
    expect(text(page, '#send-at-error')).toBe('发送时间须晚于现在');
    expect(cloud.calls.some((c) => c.action === 'createCampaign')).toBe(false);
    await tap(page, '#send-now');
    await tap(page, '#submit');
    expect(text(page, '#audience-error')).toBe('标签无效');
    expect(showToast).toHaveBeenLastCalledWith({ title: '标签无效', icon: 'none' });
  });
});
