import * as demo from '../../fixtures/demo';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/coupon-template-edit/coupon-template-edit';

async function openPage(properties: Record<string, unknown> = {}) {
  const page = render(PAGE, properties);
  page.instance.onLoad();
  await settle();
  return page;
}

describe('coupon-template-edit', () => {
  let navigateBack: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    navigateBack = jest.spyOn(wx, 'navigateBack').mockImplementation((() => undefined) as never);
    jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  });
  afterEach(() => jest.restoreAllMocks());

  it('previews the coupon as it is typed and checks each field with the server\u2019s rules', async () => {
    require('../../stores/staff-profile').setStaffProfile(demo.manager);
    installCloud(byAction({}));
    const page = await openPage();
    await fire(page, '#name', 'change', '店庆满500减80');
    await fire(page, '#threshold', 'change', '500');
    await fire(page, '#amount-off', 'change', '600');
    expect(text(page, '#amount-off')).toContain('减免金额不能高于门槛');
    await fire(page, '#amount-off', 'change', '80');
    expect(text(page, '#preview')).toContain('¥80');
    expect(text(page, '#preview')).toContain('满500元可用');
    expect(text(page, '#preview')).toContain('领取后 30 天内有效');
    await tap(page, '#kind-discount');
    await fire(page, '#rate', 'change', '88');
    expect(text(page, '#preview')).toContain('8.8折');
  });

  it('saves a manager\u2019s draft for their store, in fen', async () => {
    require('../../stores/staff-profile').setStaffProfile(demo.manager);
    const cloud = installCloud(byAction({ 'coupons.saveTemplate': ok(demo.templates[1]) }));
    const page = await openPage();
    await fire(page, '#name', 'change', '店庆满500减80');
    await fire(page, '#threshold', 'change', '500');
    await fire(page, '#amount-off', 'change', '80');
    await fire(page, '#total-stock', 'change', '300');
    await tap(page, '#save');
    expect(cloud.calls[0]).toMatchObject({
      action: 'saveTemplate',
      payload: { name: '店庆满500减80', rule: { kind: 'cash', thresholdFen: 50_000, amountOffFen: 8_000 }, storeIds: ['S001'], limits: { totalStock: 300, perMember: 1, perMemberMonthly: null } },
    });
    expect(navigateBack).toHaveBeenCalled();
  });

  it('will not save an incomplete form, and shows the server\u2019s field errors', async () => {
    const cloud = installCloud(
      byAction({ 'coupons.saveTemplate': { ok: false, error: { code: 'TEMPLATE_INVALID', message: '券的设置有误，请按提示修改', fields: { storeIds: '门店券只能在本门店使用' } } } }),
    );
    const page = await openPage();
    await tap(page, '#save');
    expect(text(page, '#save-error')).toBe('请按提示修改后再保存');
    expect(text(page, '#name')).toContain('请填写券名称');
    expect(cloud.calls).toHaveLength(0);
    await fire(page, '#name', 'change', '满300减50');
    await fire(page, '#threshold', 'change', '300');
    await fire(page, '#amount-off', 'change', '50');
    await tap(page, '#save');
    expect(text(page, '#stores-error')).toBe('门店券只能在本门店使用');
  });

  it('edits a draft handed over from the list', async () => {
    require('../../stores/template-handoff').handOffTemplate(demo.templates[1]);
    const cloud = installCloud(byAction({ 'coupons.saveTemplate': ok(demo.templates[1]) }));
    const page = await openPage({ templateId: 'TDRAFT1' });
    expect(page.data.form).toMatchObject({ name: '店庆满500减80', threshold: '500', amountOff: '80', totalStock: '300' });
    await tap(page, '#save');
    expect(cloud.calls[0].payload).toMatchObject({ templateId: 'TDRAFT1' });
  });
});
