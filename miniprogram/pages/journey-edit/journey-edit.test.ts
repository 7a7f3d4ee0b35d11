import * as automation from '../../fixtures/automation';
import { byAction, installCloud, ok } from '../../test-support/cloud';
import { exists, fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/journey-edit/journey-edit';

async function openPage(journeyId = '', role: 'admin' | 'manager' = 'admin') {
  require('../../stores/staff-profile').setStaffProfile({ staffId: 'st-1', name: '周总监', role, storeId: 'S01', storeName: '静安旗舰店' });
  const page = render(PAGE, { journeyId });
  page.instance.onLoad();
  await settle();
  return page;
}

const editorFor = (journey: typeof automation.newMemberJourney | null) => ok({ journey, options: automation.options });

describe('journey-edit', () => {
  let showToast: jest.SpyInstance;
  let navigateBack: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    showToast = jest.spyOn(wx, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never);
    navigateBack = jest.spyOn(wx, 'navigateBack').mockImplementation((() => undefined) as never);
  });
  afterEach(() => {
    showToast.mockRestore();
    navigateBack.mockRestore();
  });

  it('shows the journey with each step, how many reached it, and the figures, from one call', async () => {
    const cloud = installCloud(byAction({ 'automation.journeyEditor': editorFor(automation.newMemberJourney) }));
    const page = await openPage('builtin-new_member');
    expect(cloud.calls).toEqual([{ name: 'automation', action: 'journeyEditor', payload: { journeyId: 'builtin-new_member' } }]);
    expect(text(page, '#entry-text')).toBe('入会后');
    expect(text(page, '#step-summary-0')).toBe('等待3天');
    expect(text(page, '#step-summary-1')).toBe('发送消息：门店服务通知');
    expect(text(page, '#step-3')).toContain('到达 231');
    expect(text(page, '#coupon-name-3')).toBe('新会员到店礼');
    expect(text(page, '#figures')).toContain('23%');
  });

  it('edits steps — a longer wait, a new tag step moved up — and saves the whole definition with a request id', async () => {
    const cloud = installCloud(byAction({ 'automation.journeyEditor': editorFor(automation.newMemberJourney), 'automation.saveJourney': ok(automation.newMemberJourney) }));
    const page = await openPage('builtin-new_member');
    await fire(page, '#wait-days-0', 'change', 5);
    expect(text(page, '#step-summary-0')).toBe('等待5天');
    await tap(page, '#add-step');
    await fire(page, '#step-types', 'select', { type: 'tag', name: '加/去标签' });
    expect(text(page, '#step-summary-4')).toBe('添加标签「高客单」');
    await tap(page, '#up-4');
    expect(text(page, '#step-summary-3')).toBe('添加标签「高客单」');
    await tap(page, '#save');
    const save = cloud.calls.find((call) => call.action === 'saveJourney')!;
    const payload = save.payload as { journeyId: string; requestId: string; definition: { steps: Array<Record<string, unknown>>; exit: unknown[]; reentry: unknown } };
    expect(payload.journeyId).toBe('builtin-new_member');
    expect(payload.requestId).toMatch(/^[0-9a-z]{20}$/);
    expect(payload.definition.steps.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's5', 's4']);
    expect(payload.definition.steps[0]).toEqual({ id: 's1', type: 'wait', days: 5, hours: 0 });
    expect(payload.definition.steps[3]).toEqual({ id: 's5', type: 'tag', op: 'add', tag: 'auto:high_ticket' });
    expect(payload.definition.exit).toEqual([{ kind: 'purchased_since_entry' }]);
    expect(payload.definition.reentry).toEqual({ kind: 'never' });
    expect(navigateBack).toHaveBeenCalled();
  });

  it('shows the server’s problem at its step and keeps the editor open', async () => {
    installCloud(
      byAction({
        'automation.journeyEditor': editorFor(null),
        'automation.saveJourney': { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { 'definition.steps.0.days': '等待天数须为整数', 'definition.name': '请输入旅程名称' } } },
      }),
    );
    const page = await openPage();
    expect(text(page, '#status')).toContain('新旅程保存后为暂停状态');
    await tap(page, '#save');
    expect(text(page, '#step-error-0')).toContain('等待天数须为整数');
    expect(navigateBack).not.toHaveBeenCalled();
  });

  it('a branch picks its condition, its value and where to go otherwise, read by step number', async () => {
    installCloud(byAction({ 'automation.journeyEditor': editorFor(automation.customJourney) }));
    const page = await openPage('j-demo-invite');
    expect(text(page, '#step-summary-1')).toBe('如果已订阅「门店服务通知」，否则跳到第4步');
    expect(text(page, '#branch-target-text-1')).toBe('跳到第4步');
    expect(text(page, '#step-summary-4')).toBe('添加标签「已邀约」');
    expect(text(page, '#entry-tag-name')).toBe('邀约');
    await fire(page, '#branch-kind-1', 'change', { value: 4 });
    expect(text(page, '#step-summary-1')).toBe('如果等级不低于银卡，否则跳到第4步');
    await fire(page, '#branch-kind-1', 'change', { value: 3 });
    await fire(page, '#branch-param-1', 'change', { value: 4 });
    await fire(page, '#branch-target-1', 'change', { value: 3 });
    expect(text(page, '#step-summary-1')).toBe('如果分群为普通，否则结束');
  });

  it('edits the exit conditions: adds a tag exit, changes its tag, removes the purchase exit', async () => {
    const cloud = installCloud(byAction({ 'automation.journeyEditor': editorFor(automation.customJourney), 'automation.saveJourney': ok(automation.customJourney) }));
    const page = await openPage('j-demo-invite');
    expect(text(page, '#exit-label-0')).toBe('进入后已消费');
    await tap(page, '#add-exit');
    expect(text(page, '#exit-label-1')).toBe('有标签「高客单」');
    await fire(page, '#exit-param-1', 'change', { value: 4 });
    expect(text(page, '#exit-label-1')).toBe('有标签「已邀约」');
    await tap(page, '#exit-remove-0');
    await fire(page, '#reentry-picker', 'change', { value: 0 });
    await tap(page, '#save');
    const payload = cloud.calls.find((call) => call.action === 'saveJourney')!.payload as { definition: { exit: unknown[]; reentry: unknown } };
    expect(payload.definition.exit).toEqual([{ kind: 'has_tag', tag: 'tag-invited' }]);
    expect(payload.definition.reentry).toEqual({ kind: 'never' });
  });

  it('a task step takes its cause’s title unless one was written', async () => {
    installCloud(byAction({ 'automation.journeyEditor': editorFor(automation.newMemberJourney) }));
    const page = await openPage('builtin-new_member');
    await tap(page, '#add-step');
    await fire(page, '#step-types', 'select', { type: 'task', name: '给导购派待办' });
    await fire(page, '#task-cause-4', 'change', { value: 2 });
    expect(text(page, '#step-summary-4')).toBe('创建待办：购后回访（1天内）');
    expect(page.data.steps[4].title).toBe('购后回访');
    await fire(page, '#task-cause-4', 'change', { value: 3 });
    await fire(page, '#task-title-4', 'change', '电话邀约到店');
    await fire(page, '#task-cause-4', 'change', { value: 0 });
    expect(page.data.steps[4].title).toBe('电话邀约到店');
  });

  it('a new journey saved with a problem stays open at the problem, and the next save edits that journey', async () => {
    const saved = { ...automation.anniversaryNeedsCoupon, id: 'j-abc', builtIn: null };
    const cloud = installCloud(byAction({ 'automation.journeyEditor': editorFor(null), 'automation.saveJourney': ok(saved) }));
    const page = await openPage();
    await fire(page, '#name', 'change', '周年礼');
    await tap(page, '#add-step');
    await fire(page, '#step-types', 'select', { type: 'coupon', name: '发放优惠券' });
    await tap(page, '#save');
    expect(text(page, '#status')).toContain('按提示补充后可在旅程列表中启用');
    expect(text(page, '#step-error-1')).toContain('请选择一张可发放的优惠券');
    expect(navigateBack).not.toHaveBeenCalled();
    await tap(page, '#save');
    const saves = cloud.calls.filter((call) => call.action === 'saveJourney').map((call) => call.payload as { journeyId?: string; requestId: string });
    expect(saves[0].journeyId).toBeUndefined();
    expect(saves[1].journeyId).toBe('j-abc');
  });

  it('keeps the request id for a retry after a lost answer', async () => {
    let calls = 0;
    const cloud = installCloud(
      byAction({
        'automation.journeyEditor': editorFor(null),
        'automation.saveJourney': () => {
          calls += 1;
          if (calls === 1) throw Object.assign(new Error('timeout'), { errCode: -1 });
          return ok(automation.customJourney);
        },
      }),
    );
    const page = await openPage();
    await fire(page, '#name', 'change', '邀约到店');
    await tap(page, '#save');
    await tap(page, '#save');
    const ids = cloud.calls.filter((call) => call.action === 'saveJourney').map((call) => (call.payload as { requestId: string }).requestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(navigateBack).toHaveBeenCalledTimes(1);
  });

  it('places the server’s field errors at the name, the re-entry and the steps', async () => {
    installCloud(
      byAction({
        'automation.journeyEditor': editorFor(automation.customJourney),
        'automation.saveJourney': { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { 'definition.reentry.days': '间隔至少1天', 'definition.steps.3.title': '请输入待办标题' } } },
      }),
    );
    const page = await openPage('j-demo-invite');
    await tap(page, '#save');
    expect(text(page, '#reentry-error')).toBe('间隔至少1天');
    expect(text(page, '#step-error-3')).toContain('请输入待办标题');
    expect(showToast).toHaveBeenLastCalledWith({ title: '间隔至少1天', icon: 'none' });
  });

  it('a manager sees it read-only: no save, no step tools', async () => {
    installCloud(byAction({ 'automation.journeyEditor': editorFor(automation.newMemberJourney) }));
    const page = await openPage('builtin-new_member', 'manager');
    expect(exists(page, '#save')).toBe(false);
    expect(exists(page, '#add-step')).toBe(false);
    expect(exists(page, '#remove-0')).toBe(false);
  });
});
