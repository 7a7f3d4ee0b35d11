import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { exists, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/customer/customer';

async function openPage(handOff = false) {
  if (handOff) require('../../stores/customer-handoff').handOffCustomer(demo.customer);
  const page = render(PAGE, { memberId: demo.MEMBER_ID });
  page.instance.onLoad();
  page.instance.onShow();
  await settle();
  return page;
}

describe('customer', () => {
  let navigateTo: jest.SpyInstance;
  let showModal: jest.SpyInstance;
  let showToast: jest.SpyInstance;

  beforeEach(() => {
    jest.resetModules();
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
    showModal = jest.spyOn(wx, 'showModal').mockImplementation(((options: WechatMiniprogram.ShowModalOption) => {
      options.success?.({ confirm: true, cancel: false, content: '', errMsg: 'showModal:ok' });
    }) as never);
    showToast = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  });

  afterEach(() => {
    navigateTo.mockRestore();
    showModal.mockRestore();
    showToast.mockRestore();
  });

  it('loads the customer with one staff.customer call and shows card and purchases', async () => {
    const cloud = installCloud(byAction({ 'staff.customer': ok(demo.customer) }));
    const page = await openPage();

    expect(cloud.calls).toEqual([{ name: 'staff', action: 'customer', payload: { memberId: demo.MEMBER_ID } }]);
    expect(text(page, '#customer-name')).toBe('林晓雯');
    expect(text(page, '#customer-phone')).toBe('138****6621');
    expect(text(page, '#customer-tier')).toBe('银卡');
    expect(text(page, '#customer-points')).toBe('2,460');
    expect(text(page, '#customer-upgrade')).toContain('再消费 1,140 元升级为 金卡');

    const first = text(page, '#purchase-0');
    expect(first).toContain('¥320.00');
    expect(first).toContain('+384 积分');
    expect(first).toContain('订单 202611211530 · 上装 · 配饰');
    expect(first).toContain('2026-11-21 15:30');
    expect(text(page, '#void-0')).toBe('撤销');
    expect(text(page, '#voided-1')).toBe('已撤销');
    expect(exists(page, '#void-1')).toBe(false);
  });

  it('shows the customer handed over by the scan without calling again', async () => {
    const cloud = installCloud(byAction({}));
    const page = await openPage(true);
    expect(cloud.calls).toEqual([]);
    expect(text(page, '#customer-name')).toBe('林晓雯');
  });

  it('voids a purchase after confirmation, then reloads', async () => {
    const cloud = installCloud(byAction({ 'staff.customer': ok(demo.customer), 'staff.voidPurchase': ok(demo.voidResult) }));
    const page = await openPage();

    await tap(page, '#void-0');

    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '撤销这笔消费？', content: expect.stringContaining('订单 202611211530（¥320.00）撤销后将扣回 384 积分') }),
    );
    expect(cloud.calls.slice(1)).toEqual([
      { name: 'staff', action: 'voidPurchase', payload: { purchaseId: 'p-1121', memberId: demo.customer.memberId, reason: '' } },
      { name: 'staff', action: 'customer', payload: { memberId: demo.MEMBER_ID } },
    ]);
    expect(showToast).toHaveBeenCalledWith({ title: '已撤销，扣回384积分', icon: 'none' });
  });

  it('does nothing when the void is not confirmed', async () => {
    showModal.mockImplementation(((options: WechatMiniprogram.ShowModalOption) => {
      options.success?.({ confirm: false, cancel: true, content: '', errMsg: 'showModal:ok' });
    }) as never);
    const cloud = installCloud(byAction({ 'staff.customer': ok(demo.customer) }));
    const page = await openPage();
    await tap(page, '#void-0');
    expect(cloud.calls).toHaveLength(1);
  });

  it('explains a refused void', async () => {
    const cloud = installCloud(byAction({ 'staff.customer': ok(demo.customer), 'staff.voidPurchase': fail('PURCHASE_OTHER_STORE') }));
    const page = await openPage();
    await tap(page, '#void-0');
    expect(showModal).toHaveBeenLastCalledWith({ title: '撤销失败', content: '只能撤销本门店的消费记录', showCancel: false });
    expect(cloud.calls).toHaveLength(2);
    expect(page.data.voidingId).toBe('');
  });

  it('opens record-purchase with the member and reloads on return', async () => {
    const cloud = installCloud(byAction({ 'staff.customer': ok(demo.customer) }));
    const page = await openPage(true);

    await tap(page, '#record-purchase');
    expect(navigateTo).toHaveBeenCalledWith({
      url: `/pages/record-purchase/record-purchase?memberId=${demo.MEMBER_ID}&name=${encodeURIComponent('林晓雯')}&multiplier=1200`,
    });

    page.instance.onShow();
    await settle();
    expect(cloud.calls).toEqual([{ name: 'staff', action: 'customer', payload: { memberId: demo.MEMBER_ID } }]);
  });

  it('says so when there are no purchases yet and names a customer without a name', async () => {
    installCloud(byAction({ 'staff.customer': ok(demo.customerNoPurchases) }));
    const page = await openPage();
    expect(text(page, '#no-purchases')).toBe('暂无消费记录');
    expect(text(page, '#customer-name')).toBe('未填写姓名');
  });

  it('shows the server message when the customer cannot be loaded', async () => {
    installCloud(byAction({ 'staff.customer': fail('MEMBER_NOT_FOUND') }));
    const page = await openPage();
    expect(text(page, '#state >> #state-error-text')).toBe('会员不存在');
    expect(exists(page, '#record-purchase')).toBe(false);
  });

  it('tells the clerk to check a customer whose number went to its verified owner', async () => {
    const note = '原手机号 138****6621 已由通过微信验证的本人认领，请核实顾客身份并更新手机号';
    installCloud(byAction({ 'staff.customer': ok({ ...demo.customer, phoneMasked: '', reviewNote: note }) }));
    const page = await openPage();
    expect(text(page, '#review-note')).toBe(note);
    expect(text(page, '#customer-phone')).toBe('未绑定手机号');
  });

  it('shows no note for an ordinary customer', async () => {
    installCloud(byAction({ 'staff.customer': ok(demo.customer) }));
    const page = await openPage();
    expect(exists(page, '#review-note')).toBe(false);
  });

  it('links to the customer’s profile under the card', async () => {
    const cloud = installCloud(byAction({}));
    const page = await openPage(true);
    expect(text(page, '#open-profile')).toBe('顾客档案');
    await tap(page, '#open-profile');
    expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/customer-profile/customer-profile?memberId=${demo.MEMBER_ID}` });
    expect(cloud.calls).toEqual([]);
  });

  it('offers 补发 to a manager, and not to a clerk', async () => {
    require('../../stores/staff-profile').setStaffProfile(demo.manager);
    installCloud(byAction({ 'staff.customer': ok(demo.customer) }));
    const page = await openPage();
    await tap(page, '#grant-coupon');
    expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/grant-coupon/grant-coupon?memberId=${demo.MEMBER_ID}&name=${encodeURIComponent('林晓雯')}` });
  });

  it('shows a clerk no 补发', async () => {
    require('../../stores/staff-profile').setStaffProfile(demo.staff);
    installCloud(byAction({ 'staff.customer': ok(demo.customer) }));
    const page = await openPage();
    expect(exists(page, '#grant-coupon')).toBe(false);
  });
});
