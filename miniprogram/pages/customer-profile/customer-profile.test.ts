import * as care from '../../fixtures/care';
import type { ProfileView } from '../../shared/contracts/care-views';
import { byAction, fail, installCloud, offline, ok, type CloudRoute } from '../../test-support/cloud';
import { exists, fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/customer-profile/customer-profile';
const MEMBER = care.PROFILE_MEMBER_ID;

async function openPage(view: ProfileView = care.profile, extra: Record<string, unknown> = {}) {
  const cloud = installCloud(byAction({ 'care.profile': ok(view), ...extra }));
  const page = render(PAGE, { memberId: MEMBER });
  page.instance.onLoad();
  page.instance.onShow();
  await settle();
  return { page, cloud };
}

const actions = (cloud: { calls: Array<{ action: string }> }) => cloud.calls.map((call) => call.action);

describe('customer-profile', () => {
  let navigateTo: jest.SpyInstance;
  let showToast: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
    showToast = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  });
  afterEach(() => jest.restoreAllMocks());

  it('loads the whole profile with one care.profile call', async () => {
    const { page, cloud } = await openPage();
    expect(cloud.calls).toEqual([{ name: 'care', action: 'profile', payload: { memberId: MEMBER } }]);

    expect(text(page, '#name')).toBe('陈静');
    expect(text(page, '#tier')).toBe('金卡');
    expect(text(page, '#phone')).toBe('139****2046');
    expect(text(page, '#about')).toBe('女 · 生日 12-14 · 2024-04-06 入会');
    expect(text(page, '#points')).toBe('6,215');
    expect(text(page, '#serving-staff')).toBe('服务导购：李导购');
    expect(text(page, '#home-store')).toBe('开卡门店：静安嘉里中心店');

    expect(text(page, '#figure-0')).toBe('¥15268.00累计消费');
    expect(text(page, '#figure-1')).toBe('¥8640.00近12月消费');
    expect(text(page, '#figure-2')).toBe('14 次到店次数');
    expect(text(page, '#figure-3')).toBe('¥1090.57客单价');
    expect(text(page, '#figure-4')).toBe('2026-10-31最近消费');

    expect(text(page, '#segment')).toBe('活跃');
    expect(text(page, '#rfm-R')).toContain('R4');
    expect(text(page, '#rfm-M')).toContain('M5');
    expect(page.querySelectorAll('#rfm-F .rfm__cell--on')).toHaveLength(4);

    expect(text(page, '#categories')).toBe('大衣5次针织4次配饰2次');
    expect(text(page, '#purchase-0')).toContain('¥2530.00');
    expect(text(page, '#purchase-0')).toContain('大衣 · 静安嘉里中心店 · 陈静');
    expect(text(page, '#purchase-2')).toContain('已撤销');
    expect(text(page, '#coupon-0')).toContain('满300减50');
    expect(text(page, '#coupon-0')).toContain('满300元减¥50');
    expect(text(page, '#interaction-0')).toContain('微信已联系');
    expect(text(page, '#interaction-0')).toContain('发了大衣保养小贴士');
    expect(text(page, '#interaction-0')).toContain('2026-11-05 11:20 · 陈静 · 静安嘉里中心店');
    expect(text(page, '#interaction-2')).toContain('投诉已解决');
    expect(text(page, '#task-0')).toContain('优惠券到期提醒');
    expect(text(page, '#task-0')).toContain('2026-11-23 到期');
    expect(text(page, '#task-0')).toContain('今天');
    expect(text(page, '#task-1')).toContain('逾期');
  });

  it('draws the heat trend as bars as tall as each week’s score, the falling weeks marked, with the parts and the summary', async () => {
    const { page } = await openPage();
    expect(text(page, '#heat-score')).toBe('64');
    const bars = page.querySelectorAll('#heat-trend .trend__bar');
    expect(bars).toHaveLength(8);
    expect(bars.map((bar) => bar.dom?.getAttribute('style'))).toEqual(care.profile.heat.trend.map((point) => `height: ${point.score}%;`));
    // 81 → 72 → 64: the last two weeks fell.
    expect(bars.map((bar) => bar.dom?.className.includes('trend__bar--falling'))).toEqual([false, false, false, false, false, false, true, true]);
    expect(text(page, '#trend-7')).toBe('64W47');

    expect(text(page, '#heat-part-0')).toBe('最近到店18/30最近一次消费在 23 天前');
    expect(page.querySelector('#heat-part-0 .part__fill')?.dom?.getAttribute('style')).toBe('width: 60%;');
    expect(page.querySelectorAll('.part')).toHaveLength(5);
    expect(text(page, '#heat-summary')).toBe('热度近两周下降 17 分，主要因为距上次到店已有 23 天。');
  });

  it('handles a new customer with nothing bought yet', async () => {
    const { page } = await openPage(care.profileNew);
    expect(text(page, '#name')).toBe('未填写姓名');
    expect(text(page, '#figure-3')).toBe('—客单价');
    expect(text(page, '#figure-4')).toBe('尚未消费最近消费');
    expect(text(page, '#rfm-none')).toBe('消费记录不足，暂无RFM评分');
    expect(text(page, '#no-tags')).toBe('暂无标签');
    expect(text(page, '#no-tasks')).toBe('没有待跟进的事项');
    expect(text(page, '#no-purchases')).toBe('暂无消费记录');
    expect(exists(page, '#edit-tags')).toBe(false);
  });

  it('marks automatic tags, lists them first, and offers a clerk no phone reveal and no point adjustment', async () => {
    const { page } = await openPage();
    const chips = page.querySelectorAll('#tags .chip');
    expect(chips.map((chip) => chip.dom?.textContent?.replace(/\s+/g, ''))).toEqual(['自动高客单', '自动偏好大衣', '通勤风', '老带新']);
    expect(exists(page, '#reveal-phone')).toBe(false);
    expect(exists(page, '#adjust-points')).toBe(false);
    expect(exists(page, '#log-interaction')).toBe(true);
  });

  it('reveals the phone for a manager with care.revealPhone and says the view is logged', async () => {
    const { page, cloud } = await openPage(care.profileForManager, { 'care.revealPhone': ok(care.revealedPhone) });
    expect(exists(page, '#phone-note')).toBe(false);
    await tap(page, '#reveal-phone');
    expect(cloud.calls[1]).toEqual({ name: 'care', action: 'revealPhone', payload: { memberId: MEMBER } });
    expect(text(page, '#phone')).toBe('13912342046');
    expect(text(page, '#phone-note')).toContain('本次查看已记入操作日志');
    expect(exists(page, '#reveal-phone')).toBe(false);
  });

  it('keeps the masked number and says why when the reveal is refused', async () => {
    const { page } = await openPage(care.profileForManager, { 'care.revealPhone': fail('FORBIDDEN') });
    await tap(page, '#reveal-phone');
    expect(text(page, '#phone')).toBe('139****2046');
    expect(showToast).toHaveBeenCalledWith({ title: '没有权限执行此操作', icon: 'none' });
    expect(exists(page, '#reveal-phone')).toBe(true);
  });

  it('edits manual tags in a popup: loads the definitions, keeps automatic tags out of reach, saves with care.setTags', async () => {
    const { page, cloud } = await openPage(care.profile, {
      'care.tagDefinitions': ok({ tags: care.tagDefinitions }),
      'care.setTags': ok(care.tagsAfterSave),
    });
    expect(text(page, '#tags-popup')).toBe('');
    await tap(page, '#edit-tags');
    // The popup shows its content once its enter transition has started.
    await settle(10);
    expect(cloud.calls[1]).toEqual({ name: 'care', action: 'tagDefinitions', payload: {} });
    expect(page.data.tagsOpen).toBe(true);

    // Automatic tags are shown read-only; only the brand's and the store's manual tags are choices.
    expect(text(page, '#sheet-auto-tags')).toBe('自动高客单自动偏好大衣');
    expect(text(page, '#tag-group')).toBe('爱参加活动品牌 老带新品牌 价格敏感品牌 通勤风本店 S码本店 需改裤长本店');
    expect(text(page, '#tags-popup')).toContain('自动标签由系统按消费规则生成，不能手动移除');
    expect(page.data.tagSelection).toEqual(['tg-commute', 'tg-referral']);

    await fire(page, '#tag-group', 'change', ['tg-commute', 'tg-events']);
    await tap(page, '#save-tags');
    expect(cloud.calls[2]).toEqual({ name: 'care', action: 'setTags', payload: { memberId: MEMBER, tagIds: ['tg-commute', 'tg-events'] } });
    expect(page.data.tagsOpen).toBe(false);
    expect(showToast).toHaveBeenCalledWith({ title: '标签已保存', icon: 'none' });
    expect(text(page, '#tags')).toBe('自动高客单 自动偏好大衣 通勤风 爱参加活动');

    // Opening the editor again asks for the definitions no more.
    await tap(page, '#edit-tags');
    expect(actions(cloud)).toEqual(['profile', 'tagDefinitions', 'setTags']);
    expect(page.data.tagSelection).toEqual(['tg-commute', 'tg-events']);
  });

  it('never sends an automatic tag, and keeps a manual tag the editor cannot show', async () => {
    const otherStore = { id: 'tg-other-store', name: '五角场常客', auto: false };
    const view = { ...care.profile, tags: [...care.profile.tags, otherStore] };
    const { page, cloud } = await openPage(view, { 'care.tagDefinitions': ok({ tags: care.tagDefinitions }), 'care.setTags': ok(care.tagsAfterSave) });
    await tap(page, '#edit-tags');
    // Even if an automatic tag's key reached the selection, it is not one of the choices.
    await fire(page, '#tag-group', 'change', ['auto:high_ticket', 'tg-commute']);
    await tap(page, '#save-tags');
    expect(cloud.calls[2]!.payload).toEqual({ memberId: MEMBER, tagIds: ['tg-commute', 'tg-other-store'] });
  });

  it('shows why tags could not be saved and keeps the popup open', async () => {
    const { page } = await openPage(care.profile, { 'care.tagDefinitions': ok({ tags: care.tagDefinitions }), 'care.setTags': fail('TAG_NOT_FOUND') });
    await tap(page, '#edit-tags');
    await tap(page, '#save-tags');
    expect(text(page, '#tags-error')).toBe('标签不存在或不属于本门店');
    expect(page.data.tagsOpen).toBe(true);
    expect(text(page, '#tags')).toContain('老带新');
  });

  it('retries loading the tag definitions after a failure', async () => {
    const { page, cloud } = await openPage(care.profile, { 'care.tagDefinitions': fail('BUSY') });
    await tap(page, '#edit-tags');
    expect(text(page, '#tags-error')).toBe('操作过于频繁，请稍后重试重试');
    cloud.setRoute(byAction({ 'care.tagDefinitions': ok({ tags: care.tagDefinitions }) }));
    await tap(page, '#retry-tags');
    expect(exists(page, '#tag-option-5')).toBe(true);
    expect(exists(page, '#tags-error')).toBe(false);
  });

  it('creates a task from the popup with a request id kept for a retry after a lost answer', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T04:00:00.000Z'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'] });
    try {
      const { page, cloud } = await openPage();
      await tap(page, '#new-task');
      expect(page.data.taskOpen).toBe(true);
      expect(text(page, '#task-date-cell')).toContain('2026-11-24');

      await tap(page, '#create-task');
      expect(text(page, '#task-error')).toBe('请输入待办标题');
      expect(cloud.calls).toHaveLength(1);

      await fire(page, '#task-title', 'change', '新款针织到店通知');
      await fire(page, '#task-date', 'change', { value: '2026-11-26' });
      cloud.setRoute(offline);
      await tap(page, '#create-task');
      expect(text(page, '#task-error')).toBe('网络异常，请检查网络后重试');
      const first = cloud.calls[1]!.payload as { requestId: string };
      expect(first).toEqual({ memberId: MEMBER, title: '新款针织到店通知', dueDate: '2026-11-26', requestId: expect.stringMatching(/^[0-9a-z]{20}$/) });

      cloud.setRoute(byAction({ 'care.createTask': ok(care.createdTask) }));
      await tap(page, '#create-task');
      expect((cloud.calls[2]!.payload as { requestId: string }).requestId).toBe(first.requestId);
      expect(page.data.taskOpen).toBe(false);
      expect(text(page, '#task-2')).toContain('新款针织到店通知');
      expect(text(page, '#task-2')).toContain('2026-11-26 到期');
      expect(showToast).toHaveBeenCalledWith({ title: '已新建待办', icon: 'none' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows the field the server refused when creating a task, and a new intent gets a new request id', async () => {
    const refused: CloudRoute = () => ({ ok: false, error: { code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { dueDate: '请选择正确的日期' } } });
    const { page, cloud } = await openPage();
    await tap(page, '#new-task');
    await fire(page, '#task-title', 'change', '回访');
    cloud.setRoute(refused);
    await tap(page, '#create-task');
    expect(text(page, '#task-error')).toBe('请选择正确的日期');
    cloud.setRoute(byAction({ 'care.createTask': ok(care.createdTask) }));
    await tap(page, '#create-task');
    // The server answered the first attempt, so the second is a new request.
    expect((cloud.calls[2]!.payload as { requestId: string }).requestId).not.toBe((cloud.calls[1]!.payload as { requestId: string }).requestId);
  });

  it('opens the care note for a conversation or an open task, and reloads on return', async () => {
    const { page, cloud } = await openPage();
    page.instance.onShow();
    await settle();
    expect(cloud.calls).toHaveLength(1);

    await tap(page, '#log-interaction');
    expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/care-note/care-note?memberId=${MEMBER}&name=${encodeURIComponent('陈静')}` });
    page.instance.onShow();
    await settle();
    expect(actions(cloud)).toEqual(['profile', 'profile']);

    await tap(page, '#task-1');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `/pages/care-note/care-note?taskId=t-revisit-1121&memberId=${MEMBER}` });
    page.instance.onShow();
    await settle();
    expect(actions(cloud)).toEqual(['profile', 'profile', 'profile']);
  });

  it('lets a manager adjust points, and reloads the profile on return', async () => {
    const { page, cloud } = await openPage(care.profileForManager);
    await tap(page, '#adjust-points');
    expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/adjust-points/adjust-points?memberId=${MEMBER}&name=${encodeURIComponent('陈静')}&balance=6215` });
    page.instance.onShow();
    await settle();
    expect(actions(cloud)).toEqual(['profile', 'profile']);
  });

  it('keeps a revealed number across a reload', async () => {
    const { page } = await openPage(care.profileForManager, { 'care.revealPhone': ok(care.revealedPhone) });
    await tap(page, '#reveal-phone');
    await tap(page, '#log-interaction');
    page.instance.onShow();
    await settle();
    expect(text(page, '#phone')).toBe('13912342046');
    expect(exists(page, '#reveal-phone')).toBe(false);
  });

  it('shows the server message and retries when the profile cannot be loaded', async () => {
    const cloud = installCloud(byAction({ 'care.profile': fail('CUSTOMER_OUT_OF_SCOPE') }));
    const page = render(PAGE, { memberId: MEMBER });
    page.instance.onLoad();
    await settle();
    expect(text(page, '#state >> #state-error-text')).toBe('只能查看本门店或自己服务的顾客');
    expect(exists(page, '#log-interaction')).toBe(false);
    cloud.setRoute(byAction({ 'care.profile': ok(care.profile) }));
    await tap(page, '#state >> #state-retry');
    expect(text(page, '#name')).toBe('陈静');
  });
});
