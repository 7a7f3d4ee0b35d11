import { byAction, installCloud, ok } from '../../../../test-support/cloud';
import { fire, render, settle, tap, text } from '../../../../test-support/simulate';
import { SETTINGS } from '../../../../fixtures/settings';

const PAGE = 'packages/settings/pages/points-rules/points-rules';

describe('points-rules', () => {
  beforeEach(() => jest.resetModules());

  it('previews, then saves the rules; the effect names the points members hold', async () => {
    const effect = { lines: ['每消费1元得 1 → 2 积分（再乘等级倍率），从保存后的消费起生效'], byTier: [] };
    const cloud = installCloud(byAction({ 'admin.settings': ok(SETTINGS), 'admin.previewPointsRules': ok(effect), 'admin.savePointsRules': ok({ settings: SETTINGS, effect, rollout: { status: 'idle', upgraded: 0 } }) }));
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
    const page = render(PAGE);
    page.instance.onLoad();
    await settle();
    expect(text(page, '#expiry')).toBe('获得后第1年年底');
    await fire(page, '#per-yuan', 'change', 2);
    await tap(page, '#save');
    expect(cloud.calls.map((c) => c.action)).toEqual(['settings']);
    await tap(page, '#preview');
    expect(cloud.calls[1]).toEqual({ name: 'admin', action: 'previewPointsRules', payload: { pointsPerYuan: 2, pointsExpiryYears: 1, welcomePoints: 100 } });
    expect(text(page, '#effect')).toContain('从保存后的消费起生效');
    await tap(page, '#save');
    expect(cloud.calls[2].action).toBe('savePointsRules');
    toast.mockRestore();
  });
});
