import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, offline, ok } from '../../test-support/cloud';
import { exists, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/member-home/member-home';

async function showPage() {
  const page = render(PAGE);
  page.instance.onShow();
  await settle();
  return page;
}

describe('member-home', () => {
  let navigateTo: jest.SpyInstance;

  beforeEach(() => {
    jest.resetModules();
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never);
  });

  afterEach(() => navigateTo.mockRestore());

  it('loads the card with one member.card call and shows tier, points, expiry, progress and benefits', async () => {
    const cloud = installCloud(byAction({ 'member.card': ok(demo.card) }));
    const page = await showPage();

    expect(cloud.calls).toEqual([{ name: 'member', action: 'card', payload: {} }]);
    expect(text(page, '#tier-name')).toBe('银卡');
    expect(text(page, '#member-name')).toBe('林晓雯');
    expect(text(page, '#member-phone')).toBe('138****6621');
    expect(text(page, '#points-balance')).toBe('2,460');
    expect(text(page, '#points-expiring')).toBe('320 积分将于 2026-12-31 到期');
    expect(text(page, '#growth')).toBe('3,860');
    expect(page.querySelector('#growth-progress')?.data.percentage).toBe(71);
    expect(text(page, '#upgrade-hint')).toBe('再消费 1,140 元升级为 金卡');
    expect(text(page, '#benefits')).toContain('会员日95折');
  });

  it('paints the tier band in the tier colour with readable text', async () => {
    installCloud(byAction({ 'member.card': ok(demo.topTierCard) }));
    const page = await showPage();
    expect(page.data.card).toMatchObject({ tierColor: '#4B5CC4', tierTextColor: '#ffffff' });
  });

  it('marks a typed-in phone number as waiting for a clerk to verify it', async () => {
    installCloud(byAction({ 'member.card': ok({ ...demo.card, phoneVerified: false }) }));
    const page = await showPage();
    expect(text(page, '#member-phone')).toBe('138****6621 · 待到店核验');
  });

  it('says the top tier is reached and hides the expiry line when nothing expires', async () => {
    installCloud(byAction({ 'member.card': ok(demo.topTierCard) }));
    const page = await showPage();
    expect(text(page, '#upgrade-hint')).toBe('已是最高等级');
    expect(exists(page, '#points-expiring')).toBe(false);
  });

  it('opens the member code and the points history', async () => {
    installCloud(byAction({ 'member.card': ok(demo.card) }));
    const page = await showPage();

    await tap(page, '#show-code');
    await tap(page, '#open-history');

    expect(navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
      '/pages/member-code/member-code',
      '/pages/points-history/points-history',
    ]);
  });

  it('invites a non-member to join instead of showing an error', async () => {
    installCloud(byAction({ 'member.card': fail('NOT_MEMBER') }));
    const page = await showPage();

    expect(exists(page, '#card')).toBe(false);
    expect(text(page, '#join-prompt')).toContain('您还不是会员');
    expect(exists(page, '#state-error')).toBe(false);

    await tap(page, '#join');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/join/join' });
  });

  it('shows the server message on failure and loads again on retry', async () => {
    const cloud = installCloud(byAction({ 'member.card': fail('INTERNAL', '系统繁忙，请稍后再试') }));
    const page = await showPage();

    expect(text(page, '#state >> #state-error-text')).toBe('系统繁忙，请稍后再试');
    expect(exists(page, '#join-prompt')).toBe(false);

    cloud.setRoute(byAction({ 'member.card': ok(demo.card) }));
    await tap(page, '#state >> #state-retry');

    expect(cloud.calls).toHaveLength(2);
    expect(text(page, '#tier-name')).toBe('银卡');
  });

  it('shows the network message when the call never reaches the server', async () => {
    installCloud(offline);
    const page = await showPage();
    expect(page.data.errorMessage).toBe('网络异常，请检查网络后重试');
    expect(page.data.errorCode).toBe('NETWORK');
  });

  it('shows the loading state until the card arrives', async () => {
    let answer: (value: unknown) => void = () => undefined;
    installCloud(() => new Promise((resolve) => (answer = resolve)));
    const page = render(PAGE);
    page.instance.onShow();
    await settle();
    expect(page.data.loading).toBe(true);

    answer(ok(demo.card));
    await settle();
    expect(page.data.loading).toBe(false);
    expect(text(page, '#tier-name')).toBe('银卡');
  });

  it('links staff to the bind page', async () => {
    installCloud(byAction({ 'member.card': ok(demo.card) }));
    const page = await showPage();
    await tap(page, '#bind-staff');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/staff-bind/staff-bind' });
  });
});
