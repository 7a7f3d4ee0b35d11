import * as demo from '../../fixtures/demo';
import * as tasks from '../../fixtures/tasks';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { exists, fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/staff-home/staff-home';

type ScanOptions = WechatMiniprogram.ScanCodeOption;

async function showPage() {
  const page = render(PAGE);
  page.instance.onShow();
  await settle();
  return page;
}

describe('staff-home', () => {
  let navigateTo: jest.SpyInstance;
  let scanCode: jest.SpyInstance;

  beforeEach(() => {
    jest.resetModules();
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
    scanCode = jest.spyOn(wx, 'scanCode').mockImplementation(((options: ScanOptions) => {
      options.success?.({ result: demo.memberCode.token } as WechatMiniprogram.ScanCodeSuccessCallbackResult);
    }) as never);
  });

  afterEach(() => {
    navigateTo.mockRestore();
    scanCode.mockRestore();
  });

  it('shows the store and role from one staff.me call and marks the user as staff', async () => {
    const cloud = installCloud(byAction({ 'staff.me': ok(demo.staff) }));
    const page = await showPage();

    expect(cloud.calls).toEqual([{ name: 'staff', action: 'me', payload: {} }]);
    expect(text(page, '#store-name')).toBe('静安嘉里中心店');
    expect(text(page, '#staff-name')).toBe('陈静');
    expect(text(page, '#staff-role')).toBe('店员');
    expect(require('../../stores/staff-role').getIsStaff()).toBe(true);
  });

  it('offers binding to someone who is not staff', async () => {
    installCloud(byAction({ 'staff.me': ok(null) }));
    const page = await showPage();

    expect(exists(page, '#workbench')).toBe(false);
    expect(text(page, '#unbound')).toContain('您还不是门店员工');
    await tap(page, '#bind');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/staff-bind/staff-bind' });
    expect(require('../../stores/staff-role').getIsStaff()).toBe(false);
  });

  it('scans QR or barcode, resolves the token and opens the customer without a second call', async () => {
    const cloud = installCloud(byAction({ 'staff.me': ok(demo.staff), 'staff.resolveMemberCode': ok(demo.customer) }));
    const page = await showPage();

    await tap(page, '#scan');

    expect(scanCode).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: false, scanType: ['qrCode', 'barCode'] }));
    expect(cloud.calls[1]).toEqual({ name: 'staff', action: 'resolveMemberCode', payload: { token: demo.memberCode.token } });
    expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/customer/customer?memberId=${demo.MEMBER_ID}` });
    // The customer page picks the resolved view up instead of calling staff.customer.
    expect(require('../../stores/customer-handoff').takeCustomer(demo.MEMBER_ID)).toEqual(demo.customer);
  });

  it('shows why a scanned code was refused', async () => {
    installCloud(byAction({ 'staff.me': ok(demo.staff), 'staff.resolveMemberCode': fail('MEMBER_CODE_EXPIRED') }));
    const page = await showPage();

    await tap(page, '#scan');

    expect(text(page, '#scan-error')).toBe('会员码已过期，请让顾客刷新后重新扫码');
    expect(navigateTo).not.toHaveBeenCalled();
  });

  it('says nothing when the scanner is closed', async () => {
    scanCode.mockImplementation(((options: ScanOptions) => options.fail?.({ errMsg: 'scanCode:fail cancel' })) as never);
    const cloud = installCloud(byAction({ 'staff.me': ok(demo.staff) }));
    const page = await showPage();

    await tap(page, '#scan');

    expect(exists(page, '#scan-error')).toBe(false);
    expect(cloud.calls).toHaveLength(1);
  });

  it('shows the error state with retry when staff.me fails', async () => {
    const cloud = installCloud(byAction({ 'staff.me': fail('STAFF_DISABLED') }));
    const page = await showPage();
    expect(text(page, '#state >> #state-error-text')).toBe('您的员工账号已停用，请联系店长');

    cloud.setRoute(byAction({ 'staff.me': ok(demo.staff) }));
    await tap(page, '#state >> #state-retry');
    expect(text(page, '#staff-name')).toBe('陈静');
  });

  it('takes the barcode digits typed by hand when nothing scans, checking them first', async () => {
    const cloud = installCloud(byAction({ 'staff.me': ok(demo.staff), 'staff.resolveMemberCode': ok(demo.customer) }));
    const page = await showPage();
    expect(exists(page, '#typed-code')).toBe(false);
    await tap(page, '#type-code');

    await fire(page, '#typed-code', 'change', '4802 1395 7762');
    await tap(page, '#submit-typed-code');
    expect(text(page, '#scan-error')).toBe('请输入顾客会员码下方的18位数字');
    expect(cloud.calls).toHaveLength(1);

    await fire(page, '#typed-code', 'change', '4802 1395 7762 0318 45');
    await tap(page, '#submit-typed-code');
    expect(cloud.calls[1]).toEqual({ name: 'staff', action: 'resolveMemberCode', payload: { token: demo.memberCode.tillCode } });
    expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/customer/customer?memberId=${demo.MEMBER_ID}` });
  });

  it('shows a manager the sales waiting for them', async () => {
    installCloud(byAction({ 'staff.me': ok(demo.manager) }));
    const page = await showPage();
    expect(text(page, '#pending-count')).toBe('2');
    await tap(page, '#pending-sales');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/pending-sales/pending-sales' });
  });

  it('shows a clerk nothing of pending sales or coupon management', async () => {
    installCloud(byAction({ 'staff.me': ok(demo.staff) }));
    const page = await showPage();
    expect(exists(page, '#pending-sales')).toBe(false);
    expect(exists(page, '#coupon-templates')).toBe(false);
    expect(require('../../stores/staff-profile').getStaffProfile()).toEqual(demo.staff);
  });

  it('gives a manager coupon management, campaigns and journeys, not message settings', async () => {
    installCloud(byAction({ 'staff.me': ok(demo.manager) }));
    const page = await showPage();
    await tap(page, '#coupon-templates');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/coupon-templates/coupon-templates' });
    await tap(page, '#campaigns');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/campaigns/campaigns' });
    await tap(page, '#journeys');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/journeys/journeys' });
    expect(exists(page, '#message-settings')).toBe(false);
  });

  it('gives an admin the message settings; a clerk none of the automation entries', async () => {
    const cloud = installCloud(byAction({ 'staff.me': ok({ ...demo.manager, role: 'admin' }) }));
    const page = await showPage();
    await tap(page, '#message-settings');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/message-settings/message-settings' });
    cloud.setRoute(byAction({ 'staff.me': ok(demo.staff) }));
    page.instance.onShow();
    await settle();
    expect(exists(page, '#campaigns')).toBe(false);
    expect(exists(page, '#journeys')).toBe(false);
    expect(exists(page, '#message-settings')).toBe(false);
  });

  it('shows a clerk 待办 with the count due as a red badge, and 顾客; nothing of staff or audit', async () => {
    const cloud = installCloud(byAction({ 'staff.me': ok(tasks.clerkWithTasks) }));
    const page = await showPage();
    expect(cloud.calls).toHaveLength(1);
    expect(text(page, '#tasks-badge')).toBe('5');
    expect(exists(page, '#entry-customers')).toBe(true);
    expect(exists(page, '#entry-staff')).toBe(false);
    expect(exists(page, '#entry-audit')).toBe(false);
    await tap(page, '#entry-tasks');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/tasks/tasks' });
    await tap(page, '#entry-customers');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/customers/customers' });
  });

  it('hides the badge when nothing is due, and caps a large count', async () => {
    const cloud = installCloud(byAction({ 'staff.me': ok({ ...demo.staff, tasksDue: 0 }) }));
    const page = await showPage();
    expect(exists(page, '#entry-tasks')).toBe(true);
    expect(exists(page, '#tasks-badge')).toBe(false);

    // staff.me from before the field existed: no badge rather than "undefined".
    cloud.setRoute(byAction({ 'staff.me': ok(demo.staff) }));
    page.instance.onShow();
    await settle();
    expect(exists(page, '#tasks-badge')).toBe(false);

    cloud.setRoute(byAction({ 'staff.me': ok({ ...demo.staff, tasksDue: 140 }) }));
    page.instance.onShow();
    await settle();
    expect(text(page, '#tasks-badge')).toBe('99+');
  });

  it('gives a manager 员工 but not 审计日志', async () => {
    installCloud(byAction({ 'staff.me': ok(tasks.managerWithTasks) }));
    const page = await showPage();
    expect(text(page, '#tasks-badge')).toBe('2');
    expect(exists(page, '#entry-audit')).toBe(false);
    await tap(page, '#entry-staff');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/staff-manage/staff-manage' });
  });

  it('gives an admin 员工 and 审计日志', async () => {
    installCloud(byAction({ 'staff.me': ok(tasks.admin) }));
    const page = await showPage();
    expect(exists(page, '#entry-staff')).toBe(true);
    expect(exists(page, '#tasks-badge')).toBe(false);
    await tap(page, '#entry-audit');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/audit-log/audit-log' });
  });
});
