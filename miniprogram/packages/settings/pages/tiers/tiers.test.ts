import { SETTINGS } from '../../../../fixtures/settings';
import { DEFAULT_BRAND_SETTINGS } from '../../../../shared/rules/brand-settings';
import { byAction, installCloud, ok } from '../../../../test-support/cloud';
import { fire, render, settle, tap, text, exists } from '../../../../test-support/simulate';
import { toRow, toTier } from './tier-form';

const PAGE = 'packages/settings/pages/tiers/tiers';


async function openPage() {
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  return page;
}

describe('tiers', () => {
  beforeEach(() => jest.resetModules());

  it('turns a form row into the server’s tier: multiplier in ‰, benefits split', () => {
    const row = { ...toRow(DEFAULT_BRAND_SETTINGS.tiers[2], 9), multiplier: '1.8', benefitsText: '专属9折、 生日双倍积分,,免费修改衣裤' };
    expect(toTier(row)).toMatchObject({ id: 'gold', multiplierPermille: 1800, benefits: ['专属9折', '生日双倍积分', '免费修改衣裤'] });
  });

  it('saves only after a preview of the edits, shows what it did, and an edit asks for a new preview', async () => {
    const effect = { lines: ['「金卡」升级门槛 5000 → 3000', '4 位「银卡」会员的成长值已达新门槛，保存后升为「金卡」'], byTier: [{ tierId: 'gold', name: '金卡', before: 9, after: 13 }] };
    const cloud = installCloud(
      byAction({
        'admin.settings': ok(SETTINGS),
        'admin.previewTiers': ok(effect),
        'admin.saveTiers': ok({ settings: SETTINGS, effect, rollout: { status: 'done', upgraded: 4 } }),
      }),
    );
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
    const page = await openPage();
    expect(text(page, '#tier-2')).toContain('第3级 · 9 位会员');
    // Tiers with members cannot be removed; the empty top tier can.
    expect(exists(page, '#remove-2')).toBe(false);
    expect(exists(page, '#remove-3')).toBe(true);
    await fire(page, '#threshold-2', 'change', '3000');
    await fire(page, '#keep-2', 'change', '3000');
    await tap(page, '#save');
    expect(cloud.calls.map((c) => c.action)).toEqual(['settings']);
    await tap(page, '#preview');
    expect(cloud.calls[1].action).toBe('previewTiers');
    expect((cloud.calls[1].payload as { tiers: Array<{ threshold: number }> }).tiers[2].threshold).toBe(3000);
    expect(text(page, '#effect')).toContain('保存后升为「金卡」');
    expect(text(page, '#effect')).toContain('金卡：9 → 13 人');
    await tap(page, '#save');
    expect(cloud.calls[2].action).toBe('saveTiers');
    expect(toast).toHaveBeenCalledWith({ title: '已保存，4 位会员已升级', icon: 'success' });
    await fire(page, '#name-1', 'change', '白银');
    expect(exists(page, '#effect')).toBe(false);
    toast.mockRestore();
  });

  it('shows the server’s field errors at their tier', async () => {
    installCloud(
      byAction({
        'admin.settings': ok(SETTINGS),
        'admin.previewTiers': { ok: false, error: { code: 'SETTINGS_REJECTED', message: '设置有误，请按提示修改', fields: { 'tiers.2.threshold': '第3个等级（gold）：等级须按升级门槛从低到高排列且门槛不能相同（silver → gold）' } } },
      }),
    );
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
    const page = await openPage();
    await tap(page, '#preview');
    expect(text(page, '#threshold-2')).toContain('从低到高');
    toast.mockRestore();
  });
});
