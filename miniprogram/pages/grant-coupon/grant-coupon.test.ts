import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/grant-coupon/grant-coupon';

async function openPage() {
  const page = render(PAGE, { memberId: demo.MEMBER_ID, name: encodeURIComponent('林晓雯') });
  page.instance.onLoad();
  await settle();
  return page;
}

describe('grant-coupon', () => {
  beforeEach(() => {
    jest.resetModules();
    jest.spyOn(wx, 'navigateBack').mockImplementation((() => undefined) as never);
    jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  });
  afterEach(() => jest.restoreAllMocks());

  it('lists the coupons being given out, needs one picked and a reason, then grants once', async () => {
    const cloud = installCloud(byAction({ 'coupons.templates': ok({ templates: [demo.templates[0]] }), 'coupons.grant': ok({ coupon: demo.couponCash }) }));
    const page = await openPage();
    expect(cloud.calls[0]).toEqual({ name: 'coupons', action: 'templates', payload: { status: 'active' } });
    expect(text(page, '#customer-name')).toBe('林晓雯');
    await tap(page, '#grant');
    expect(text(page, '#grant-error')).toBe('请选择要补发的券');
    await tap(page, '#option-0 >> .coupon');
    await tap(page, '#grant');
    expect(text(page, '#grant-error')).toBe('请填写补发原因');
    await fire(page, '#reason', 'change', '上次消费忘记用券');
    await tap(page, '#grant');
    expect(cloud.calls[1]).toMatchObject({ action: 'grant', payload: { memberId: demo.MEMBER_ID, templateId: 'TM30050', reason: '上次消费忘记用券' } });
  });

  it('shows why the server refused', async () => {
    installCloud(byAction({ 'coupons.templates': ok({ templates: [demo.templates[0]] }), 'coupons.grant': fail('OWN_MEMBERSHIP') }));
    const page = await openPage();
    await tap(page, '#option-0 >> .coupon');
    await fire(page, '#reason', 'change', '测试');
    await tap(page, '#grant');
    expect(text(page, '#grant-error')).toBe('不能为自己的会员账户办理，请由其他同事操作');
  });
});
