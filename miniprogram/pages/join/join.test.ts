import * as demo from '../../fixtures/demo';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { exists, fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/join/join';

type Listener = (resolve: (result: unknown) => void) => void;

/** The privacy API exists only on recent base libraries; the simulator has none. */
function installPrivacyApi() {
  const api = wx as unknown as Record<string, unknown>;
  const registered: Listener[] = [];
  api.onNeedPrivacyAuthorization = jest.fn((listener: Listener) => registered.push(listener));
  api.openPrivacyContract = jest.fn();
  return { registered, openPrivacyContract: api.openPrivacyContract as jest.Mock };
}

async function openJoin(scene = encodeURIComponent('s=S001&c=AB12')) {
  const page = render(PAGE, { scene });
  page.instance.onLoad({ scene });
  await settle();
  return page;
}

async function agreeAndQuickPhone(page: Awaited<ReturnType<typeof openJoin>>) {
  await fire(page, '#agree-privacy', 'agreeprivacyauthorization');
  await fire(page, '#quick-phone', 'getphonenumber', { errMsg: 'getPhoneNumber:ok', code: 'phone-code-1' });
}

describe('join', () => {
  let switchTab: jest.SpyInstance;
  let showToast: jest.SpyInstance;

  beforeEach(() => {
    jest.resetModules();
    switchTab = jest.spyOn(wx, 'switchTab').mockImplementation(() => Promise.resolve({ errMsg: 'switchTab:ok' }) as never);
    showToast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
  });

  afterEach(() => {
    switchTab.mockRestore();
    showToast.mockRestore();
  });

  it('starts with the privacy summary and a link to the full guide', async () => {
    const privacy = installPrivacyApi();
    installCloud(byAction({}));
    const page = await openJoin();

    expect(page.data.step).toBe('privacy');
    expect(text(page, '#privacy-summary')).toContain('手机号');
    expect(text(page, '#privacy-summary')).toContain('姓名、性别、生日（可选）');
    await tap(page, '#privacy-contract');
    expect(privacy.openPrivacyContract).toHaveBeenCalledTimes(1);
  });

  it('walks privacy → quick phone → profile → welcome and joins with ONE member.join call', async () => {
    installPrivacyApi();
    const cloud = installCloud(byAction({ 'member.join': ok(demo.joinCreated) }));
    const page = await openJoin();

    await agreeAndQuickPhone(page);
    expect(page.data.step).toBe('profile');
    expect(cloud.calls).toEqual([]);

    await fire(page, '#name-input', 'change', '林晓雯');
    await fire(page, '#gender', 'change', 'female');
    await fire(page, '#birthday-picker', 'change', { value: '1992-05-17' });
    expect(text(page, '#birthday')).toContain('1992-05-17');
    await tap(page, '#submit-profile');

    expect(cloud.calls).toEqual([
      {
        name: 'member',
        action: 'join',
        payload: {
          scene: 's=S001&c=AB12',
          consent: { version: '2026-11', agreed: true },
          phone: { code: 'phone-code-1' },
          profile: { name: '林晓雯', gender: 'female', birthday: '1992-05-17' },
        },
      },
    ]);
    expect(page.data.step).toBe('welcome');
    expect(text(page, '#welcome-title')).toBe('欢迎加入会员');
    expect(text(page, '#welcome-points')).toBe('入会礼 100 积分已到账');

    await tap(page, '#open-card');
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member-home/member-home' });
  });

  it('offers the subscription prompt on the welcome step, from a tap, and reports what was accepted', async () => {
    installPrivacyApi();
    const api = wx as unknown as Record<string, unknown>;
    const prompt = jest.fn((options: { tmplIds: string[]; success: (result: Record<string, string>) => void }) =>
      options.success({ errMsg: 'requestSubscribeMessage:ok', [options.tmplIds[0]]: 'accept', [options.tmplIds[1]]: 'reject', [options.tmplIds[2]]: 'accept' }),
    );
    api.requestSubscribeMessage = prompt;
    const cloud = installCloud(byAction({ 'member.join': ok(demo.joinCreated), 'member.subscribe': ok({ subscriptions: demo.card.subscriptions }) }));
    const page = await openJoin();
    await agreeAndQuickPhone(page);
    await tap(page, '#skip-profile');
    expect(text(page, '#subscribe')).toContain('积分变动、优惠券到账、等级变更时通知我');
    await tap(page, '#subscribe');
    expect(prompt.mock.calls[0][0].tmplIds).toEqual(['local-points-changed', 'local-coupon-arrived', 'local-tier-upgraded']);
    const report = cloud.calls.find((call) => call.action === 'subscribe')!;
    expect(report.payload).toMatchObject({ accepted: ['points_changed', 'tier_upgraded'], rejected: ['coupon_arrived'] });
    expect((report.payload as { requestId: string }).requestId).toMatch(/^[0-9a-z]{20}$/);
    expect(exists(page, '#subscribe')).toBe(false);
    // Asked once: the card opens straight away now.
    await tap(page, '#open-card');
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member-home/member-home' });
    delete api.requestSubscribeMessage;
  });

  it('carries a friend’s share code from the shared page to member.join', async () => {
    installPrivacyApi();
    const cloud = installCloud(byAction({ 'member.join': ok(demo.joinCreated) }));
    const page = render(PAGE, { ref: 'K7M2Q9XA' });
    page.instance.onLoad({ ref: 'K7M2Q9XA' });
    await settle();
    await agreeAndQuickPhone(page);
    await tap(page, '#skip-profile');
    expect(cloud.calls[0].payload).toMatchObject({ referral: 'K7M2Q9XA', phone: { code: 'phone-code-1' } });
  });

  it('skips the profile with an empty one and leaves the scene out when there is none', async () => {
    installPrivacyApi();
    const cloud = installCloud(byAction({ 'member.join': ok(demo.joinCreated) }));
    const page = await openJoin('');

    await agreeAndQuickPhone(page);
    await tap(page, '#skip-profile');

    expect(cloud.calls).toHaveLength(1);
    expect(cloud.calls[0]!.payload).toEqual({
      consent: { version: '2026-11', agreed: true },
      phone: { code: 'phone-code-1' },
      profile: {},
    });
  });

  it('takes a typed phone number, validated to 11 digits, for shops without quick verification', async () => {
    installPrivacyApi();
    const cloud = installCloud(byAction({ 'member.join': ok(demo.joinCreated) }));
    const page = await openJoin();
    await fire(page, '#agree-privacy', 'agreeprivacyauthorization');

    await tap(page, '#manual-phone-link');
    await fire(page, '#phone-input', 'change', '1381234');
    await tap(page, '#submit-phone');
    expect(page.data.step).toBe('phone');
    expect(page.data.phoneError).toBe('请输入11位手机号');

    await fire(page, '#phone-input', 'change', '13812346621');
    await tap(page, '#submit-phone');
    expect(page.data.step).toBe('profile');

    await tap(page, '#skip-profile');
    expect(cloud.calls[0]!.payload).toMatchObject({ phone: { number: '13812346621' } });
  });

  it('falls back to manual entry when the phone number is refused', async () => {
    installPrivacyApi();
    installCloud(byAction({}));
    const page = await openJoin();
    await fire(page, '#agree-privacy', 'agreeprivacyauthorization');

    await fire(page, '#quick-phone', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' });

    expect(page.data.step).toBe('phone');
    expect(exists(page, '#phone-input')).toBe(true);
    expect(text(page, '#phone-hint')).toBe('未授权手机号，您也可以手动输入');
  });

  it('tells an existing member so and goes to the card', async () => {
    installPrivacyApi();
    installCloud(byAction({ 'member.join': ok(demo.joinExisting) }));
    const page = await openJoin();
    await agreeAndQuickPhone(page);
    await tap(page, '#skip-profile');

    expect(text(page, '#welcome-title')).toBe('您已是会员');
    expect(exists(page, '#welcome-points')).toBe(false);
    expect(showToast).toHaveBeenCalledWith({ title: '您已是会员', icon: 'none' });
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member-home/member-home' });
  });

  it('returns to the phone step with the server message when the phone code is rejected', async () => {
    installPrivacyApi();
    installCloud(byAction({ 'member.join': fail('PHONE_CODE_INVALID') }));
    const page = await openJoin();
    await agreeAndQuickPhone(page);
    await tap(page, '#skip-profile');

    expect(page.data.step).toBe('phone');
    expect(exists(page, '#phone-input')).toBe(true);
    expect(text(page, '#join-error')).toBe('手机号授权失败，请重试或手动输入手机号');
  });

  it('sends a prober back to the phone step with the too-many-attempts message', async () => {
    installPrivacyApi();
    installCloud(byAction({ 'member.join': fail('TOO_MANY_ATTEMPTS') }));
    const page = await openJoin();
    await agreeAndQuickPhone(page);
    await tap(page, '#skip-profile');
    expect(page.data.step).toBe('phone');
    expect(text(page, '#join-error')).toBe('今日尝试次数过多，请明天再试或联系店员');
  });

  it('shows which profile field the server refused, not a generic message', async () => {
    installPrivacyApi();
    installCloud(
      byAction({ 'member.join': { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { 'profile.name': '姓名不能包含特殊控制字符' } } } }),
    );
    const page = await openJoin();
    await agreeAndQuickPhone(page);
    await tap(page, '#submit-profile');
    expect(page.data.step).toBe('profile');
    expect(text(page, '#join-error')).toBe('姓名不能包含特殊控制字符');
  });

  it('shows other server errors on the profile step, where pressing again retries', async () => {
    installPrivacyApi();
    const cloud = installCloud(byAction({ 'member.join': fail('SCENE_INVALID') }));
    const page = await openJoin();
    await agreeAndQuickPhone(page);
    await tap(page, '#submit-profile');

    expect(page.data.step).toBe('profile');
    expect(text(page, '#join-error')).toBe('二维码无效，请扫描门店柜台的会员码');

    cloud.setRoute(byAction({ 'member.join': ok(demo.joinCreated) }));
    await tap(page, '#submit-profile');
    expect(page.data.step).toBe('welcome');
    expect(cloud.calls).toHaveLength(2);
  });

  it('answers WeChat’s privacy request with the agree button it was tapped on', async () => {
    const privacy = installPrivacyApi();
    installCloud(byAction({}));
    const page = await openJoin();
    await fire(page, '#agree-privacy', 'agreeprivacyauthorization');
    expect(page.data.step).toBe('phone');

    // WeChat asks again (e.g. the agreement was withdrawn) when the phone button is used.
    const resolve = jest.fn();
    privacy.registered[0]!(resolve);
    await settle();
    expect(page.data.step).toBe('privacy');

    await fire(page, '#agree-privacy', 'agreeprivacyauthorization');
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'agree-privacy' });
    expect(page.data.step).toBe('phone');
  });

  it('leaves for the member tab when the guide is declined', async () => {
    installPrivacyApi();
    const cloud = installCloud(byAction({}));
    const page = await openJoin();
    await tap(page, '#decline-privacy');
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member-home/member-home' });
    expect(cloud.calls).toEqual([]);
  });
});
