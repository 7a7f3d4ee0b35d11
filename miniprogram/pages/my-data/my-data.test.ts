import { MY_DATA as VIEW } from '../../fixtures/my-data';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { fire, render, settle, tap, text, exists } from '../../test-support/simulate';

const PAGE = 'pages/my-data/my-data';


async function openPage() {
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  return page;
}

describe('my-data', () => {
  beforeEach(() => jest.resetModules());

  it('shows the profile, the data kept in sentences, and saves an edited profile with a first birthday', async () => {
    const cloud = installCloud(
      byAction({
        'member.myData': ok(VIEW),
        'member.updateProfile': ok({ profile: { name: '陈静', gender: 'female', birthday: '1992-06-01', birthdayLocked: true } }),
      }),
    );
    const page = await openPage();
    expect(cloud.calls).toEqual([{ name: 'member', action: 'myData', payload: {} }]);
    expect(text(page, '.summary__line')).toBe('姓名：陈静，手机号：138****5678');
    await fire(page, '#name', 'change', '陈静静');
    page.instance.onBirthday({ detail: { value: '1992-06-01' } } as never);
    await tap(page, '#save-profile');
    expect(cloud.calls[1]).toEqual({ name: 'member', action: 'updateProfile', payload: { name: '陈静静', gender: 'female', birthday: '1992-06-01' } });
    expect(text(page, '#birthday')).toContain('如需修改请联系店员');
  });

  it('exports to a file with a link that can be copied', async () => {
    const cloud = installCloud(
      byAction({
        'member.myData': ok(VIEW),
        'member.exportData': ok({ fileId: 'cloud://local.local-bucket/my-data/m1/r.json', url: 'http://127.0.0.1/storage/files/my-data/m1/r.json?t=1&sign=x', urlExpiresAt: '2026-12-03T03:00:00.000Z', fileName: 'r.json', bytes: 5300, summary: VIEW.summary }),
      }),
    );
    const copy = jest.spyOn(wx, 'setClipboardData').mockImplementation(() => Promise.resolve({ errMsg: 'setClipboardData:ok' }) as never);
    const page = await openPage();
    await tap(page, '#export');
    expect((cloud.calls[1].payload as { requestId: string }).requestId).toMatch(/^[0-9a-z]{20}$/);
    expect(text(page, '#exported')).toContain('r.json · 5 KB');
    expect(text(page, '#exported')).toContain('链接有效至 2026-12-03 11:00');
    await tap(page, '#copy-link');
    expect(copy).toHaveBeenCalledWith({ data: 'http://127.0.0.1/storage/files/my-data/m1/r.json?t=1&sign=x' });
    copy.mockRestore();
  });

  it('closes only after the confirmation word is typed, and says what was erased', async () => {
    const cloud = installCloud(
      byAction({
        'member.myData': ok(VIEW),
        'member.closeMembership': ok({ closedAt: '2026-12-03T02:00:00.000Z', pointsForfeited: 1280, couponsRevoked: 2 }),
      }),
    );
    const page = await openPage();
    await tap(page, '#open-closing');
    expect(text(page, '#closing')).toContain('剩余积分清零，未使用的优惠券作废');
    await fire(page, '#confirmation', 'change', '确定');
    await tap(page, '#close');
    expect(cloud.calls.map((c) => c.action)).toEqual(['myData']);
    expect(text(page, '#closing')).toContain('请输入“注销”确认');
    await fire(page, '#confirmation', 'change', '注销');
    await tap(page, '#close');
    expect(cloud.calls[1]).toMatchObject({ action: 'closeMembership', payload: { confirmation: '注销' } });
    expect(exists(page, '#closed')).toBe(true);
    expect(text(page, '#closed')).toContain('1280 积分已清零，2 张未使用的优惠券已作废');
  });
});
