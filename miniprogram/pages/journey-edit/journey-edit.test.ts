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

  it('a branch picks its condition, its value and where to go otherwise', async () => {
    installCloud(byAction({ 'automation.journeyEditor': editorFor(automation.customJourney) }));
    const page = await openPage('j-demo-invite');
    expect(text(page, '#step-summary-1')).toBe('如果已订阅「门店服务通知」，否则跳到 s4');
    expect(text(page, '#step-summary-4')).toBe('添加标签「已邀约」');
    const branch = page.querySelector('#step-1')!;
    expect(branch).toBeTruthy();
    page.instance.onBranchKind({ currentTarget: { dataset: { index: 1 } }, detail: { value: 3 } } as never);
    page.instance.onBranchParam({ currentTarget: { dataset: { index: 1 } }, detail: { value: 4 } } as never);
    page.instance.onBranchTarget({ currentTarget: { dataset: { index: 1 } }, detail: { value: 3 } } as never);
    await settle();
    expect(text(page, '#step-summary-1')).toBe('如果分群为普通，否则结束');
  });

  it('a manager sees it read-only: no save, no step tools', async () => {
    installCloud(byAction({ 'automation.journeyEditor': editorFor(automation.newMemberJourney) }));
    const page = await openPage('builtin-new_member', 'manager');
    expect(exists(page, '#save')).toBe(false);
    expect(exists(page, '#add-step')).toBe(false);
    expect(exists(page, '#remove-0')).toBe(false);
  });
});
