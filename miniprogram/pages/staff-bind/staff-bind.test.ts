import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { fire, render, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/staff-bind/staff-bind';

describe('staff-bind', () => {
  let switchTab: jest.SpyInstance;
  let showToast: jest.SpyInstance;

  beforeEach(() => {
    jest.resetModules();
    switchTab = jest.spyOn(wx, 'switchTab').mockImplementation((() => undefined) as never);
    showToast = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  });

  afterEach(() => {
    switchTab.mockRestore();
    showToast.mockRestore();
  });

  it('binds with the 8-character code, becomes staff and switches to the staff tab', async () => {
    const cloud = installCloud(byAction({ 'staff.bind': ok(demo.staff) }));
    const page = render(PAGE);

    await fire(page, '#invite-code', 'change', 'ab3k9');
    expect(page.data.canSubmit).toBe(false);
    await tap(page, '#submit');
    expect(cloud.calls).toEqual([]);

    await fire(page, '#invite-code', 'change', 'ab3k 9mqz');
    expect(page.data.inviteCode).toBe('AB3K9MQZ');
    await tap(page, '#submit');

    expect(cloud.calls).toEqual([{ name: 'staff', action: 'bind', payload: { inviteCode: 'AB3K9MQZ' } }]);
    expect(require('../../stores/staff-role').getIsStaff()).toBe(true);
    expect(showToast).toHaveBeenCalledWith({ title: '绑定成功', icon: 'success' });
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/staff-home/staff-home' });
  });

  it('shows the server message for a bad code and stays', async () => {
    installCloud(byAction({ 'staff.bind': fail('INVITE_USED') }));
    const page = render(PAGE);
    await fire(page, '#invite-code', 'change', 'AB3K9MQZ');
    await tap(page, '#submit');

    expect(text(page, '#bind-error')).toBe('该邀请码已被使用');
    expect(switchTab).not.toHaveBeenCalled();
    expect(require('../../stores/staff-role').getIsStaff()).toBe(false);

    // Editing the code clears the message.
    await fire(page, '#invite-code', 'change', 'AB3K9MQ');
    expect(text(page, '#bind-error')).toBe('');
  });
});
