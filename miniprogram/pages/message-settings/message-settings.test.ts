import * as automation from '../../fixtures/automation';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/message-settings/message-settings';

async function openPage() {
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  return page;
}

describe('message-settings', () => {
  let showToast: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    showToast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
  });
  afterEach(() => showToast.mockRestore());

  it('shows each template with its keywords, id and the week’s figures, and the quiet hours and cap', async () => {
    const cloud = installCloud(byAction({ 'automation.messageSettings': ok(automation.messageSettings) }));
    const page = await openPage();
    expect(cloud.calls).toEqual([{ name: 'automation', action: 'messageSettings', payload: {} }]);
    expect(text(page, '#template-coupon_arrived')).toContain('优惠券（thing1）');
    expect(text(page, '#stats-points_changed')).toBe('近7天 发送 1284 · 拒收 12 · 失败 2 · 待发 0');
    expect(text(page, '#quiet-start')).toBe('21:00');
    expect(text(page, '#quiet-end')).toBe('09:00');
  });

  it('saves the whole settings; the server’s field problem shows at its field', async () => {
    const cloud = installCloud(
      byAction({
        'automation.messageSettings': ok(automation.messageSettings),
        'automation.updateMessageSettings': { ok: false, error: { code: 'MESSAGE_SETTINGS_INVALID', message: '消息设置有误，请按提示修改', fields: { 'cap.perWeek': '每周上限不能小于每日上限' } } },
      }),
    );
    const page = await openPage();
    await fire(page, '#template-id-store_notice', 'change', '  Xb9-store-notice ');
    await fire(page, '#per-day', 'change', 3);
    await fire(page, '#quiet', 'change', false);
    await tap(page, '#save');
    const update = cloud.calls.find((c) => c.action === 'updateMessageSettings')!;
    expect(update.payload).toMatchObject({ quietHours: null, cap: { perDay: 3, perWeek: 4 }, maxAttempts: 4, staleAfterHours: 72 });
    expect((update.payload as { templateIds: Record<string, string> }).templateIds.store_notice).toBe('Xb9-store-notice');
    expect(text(page, '#cap-error')).toBe('每周上限不能小于每日上限');
  });

  it('places every field problem at its field: quiet hours, attempts, waiting time', async () => {
    installCloud(
      byAction({
        'automation.messageSettings': ok(automation.messageSettings),
        'automation.updateMessageSettings': {
          ok: false,
          error: { code: 'MESSAGE_SETTINGS_INVALID', message: '消息设置有误，请按提示修改', fields: { 'quietHours.end': '开始和结束时间不能相同', maxAttempts: '发送尝试次数应为1到8之间的整数', staleAfterHours: '消息最长等待时间应为1到336小时' } },
        },
      }),
    );
    const page = await openPage();
    await tap(page, '#save');
    expect(text(page, '#quiet-error')).toBe('开始和结束时间不能相同');
    expect(text(page, '#attempts-error')).toBe('发送尝试次数应为1到8之间的整数');
    expect(text(page, '#stale-error')).toBe('消息最长等待时间应为1到336小时');
  });
});
