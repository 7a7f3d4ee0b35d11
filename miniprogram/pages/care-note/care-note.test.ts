import * as demo from '../../fixtures/demo';
import * as tasks from '../../fixtures/tasks';
import { byAction, fail, installCloud, offline, ok } from '../../test-support/cloud';
import { exists, fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/care-note/care-note';

/** The form opened from the task list: the list hands the task over before navigating. */
async function openForTask(task = tasks.taskThanks) {
  const page = render(PAGE, { taskId: task.taskId, memberId: task.memberId, name: encodeURIComponent(task.memberName) });
  require('../../stores/task-handoff').handOffTask(task);
  page.instance.onLoad();
  await settle();
  return page;
}

async function openForCustomer() {
  const page = render(PAGE, { memberId: demo.MEMBER_ID, name: encodeURIComponent('林晓雯') });
  page.instance.onLoad();
  await settle();
  return page;
}

describe('care-note', () => {
  let navigateBack: jest.SpyInstance;
  let showToast: jest.SpyInstance;
  let setTitle: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    navigateBack = jest.spyOn(wx, 'navigateBack').mockImplementation((() => undefined) as never);
    showToast = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
    setTitle = jest.spyOn(wx, 'setNavigationBarTitle').mockImplementation((() => undefined) as never);
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows the handed-over task’s title and script without a call, and copies the script', async () => {
    const cloud = installCloud(byAction({}));
    const setClipboardData = jest.spyOn(wx, 'setClipboardData').mockImplementation((() => undefined) as never);
    const page = await openForTask();
    expect(cloud.calls).toEqual([]);
    expect(setTitle).toHaveBeenCalledWith({ title: '处理待办' });
    expect(text(page, '#customer-name')).toBe('林晓雯');
    expect(text(page, '#task-title')).toBe('购后感谢');
    expect(text(page, '#task-script')).toBe(tasks.taskThanks.script);
    await tap(page, '#copy-script');
    expect(setClipboardData).toHaveBeenCalledWith({ data: tasks.taskThanks.script });
  });

  it('completes the task with how it went, in one call, then goes back', async () => {
    const cloud = installCloud(byAction({ 'care.completeTask': ok({ task: { ...tasks.taskThanks, status: 'done', outcome: 'interested' }, interaction: tasks.interactionCall }) }));
    const page = await openForTask();

    // The result must be chosen: nothing is sent without it.
    await tap(page, '#submit');
    expect(text(page, '#outcome-error')).toBe('请选择沟通结果');
    expect(cloud.calls).toEqual([]);

    await tap(page, '#kind-wechat');
    await tap(page, '#outcome-interested');
    expect(exists(page, '#outcome-error')).toBe(false);
    await fire(page, '#note', 'change', '  周末来店试穿 ');
    await tap(page, '#submit');

    expect(cloud.calls).toEqual([
      { name: 'care', action: 'completeTask', payload: { taskId: 'tk-thanks-01', status: 'done', kind: 'wechat', outcome: 'interested', note: '周末来店试穿' } },
    ]);
    expect(showToast).toHaveBeenCalledWith({ title: '已完成', icon: 'success' });
    expect(navigateBack).toHaveBeenCalledTimes(1);
  });

  it('skips a task with an optional reason and no call outcome', async () => {
    const cloud = installCloud(byAction({ 'care.completeTask': ok({ task: { ...tasks.taskThanks, status: 'skipped' }, interaction: null }) }));
    const page = await openForTask();
    await tap(page, '#status-skipped');
    expect(exists(page, '#kind-call')).toBe(false);
    expect(exists(page, '#outcome-reached')).toBe(false);
    expect(text(page, '#submit')).toBe('跳过此待办');
    await fire(page, '#note', 'change', '顾客已到店处理过');
    await tap(page, '#submit');

    expect(cloud.calls[0].payload).toEqual({ taskId: 'tk-thanks-01', status: 'skipped', note: '顾客已到店处理过' });
    expect(showToast).toHaveBeenCalledWith({ title: '已跳过', icon: 'success' });
    expect(navigateBack).toHaveBeenCalled();
  });

  it('still completes a task opened without the hand-over, by its id', async () => {
    const cloud = installCloud(byAction({ 'care.completeTask': ok({ task: tasks.taskThanks, interaction: tasks.interactionCall }) }));
    const page = render(PAGE, { taskId: 'tk-thanks-01', memberId: demo.MEMBER_ID, name: encodeURIComponent('林晓雯') });
    page.instance.onLoad();
    await settle();
    expect(text(page, '#task-title')).toBe('处理待办');
    expect(exists(page, '#task-script')).toBe(false);
    await tap(page, '#outcome-reached');
    await tap(page, '#submit');
    expect(cloud.calls[0].payload).toEqual({ taskId: 'tk-thanks-01', status: 'done', kind: 'call', outcome: 'reached', note: '' });
  });

  it('shows why the server refused and stays on the form', async () => {
    installCloud(byAction({ 'care.completeTask': fail('TASK_NOT_YOURS') }));
    const page = await openForTask();
    await tap(page, '#outcome-reached');
    await tap(page, '#submit');
    expect(text(page, '#form-error')).toBe('只能处理自己或本门店的待办');
    expect(navigateBack).not.toHaveBeenCalled();
  });

  it('shows a refused field under that field', async () => {
    installCloud(
      byAction({ 'care.logInteraction': { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { note: '备注不能包含特殊控制字符' } } } }),
    );
    const page = await openForCustomer();
    await tap(page, '#outcome-reached');
    await fire(page, '#note', 'change', '来电咨询');
    await tap(page, '#submit');
    expect(text(page, '#note >> .van-field__error-message')).toBe('备注不能包含特殊控制字符');
    expect(exists(page, '#form-error')).toBe(false);
  });

  it('logs an interaction for a customer; a retry after a lost answer is the same request', async () => {
    const cloud = installCloud(offline);
    const page = await openForCustomer();
    expect(setTitle).toHaveBeenCalledWith({ title: '记录沟通' });
    expect(exists(page, '#task')).toBe(false);
    expect(exists(page, '#status-done')).toBe(false);

    await tap(page, '#kind-visit');
    await tap(page, '#outcome-resolved');
    await fire(page, '#note', 'change', '到店更换尺码');
    await tap(page, '#submit');
    expect(text(page, '#form-error')).toBe('网络异常，请检查网络后重试');
    expect(navigateBack).not.toHaveBeenCalled();

    cloud.setRoute(byAction({ 'care.logInteraction': ok({ interaction: tasks.interactionVisit }) }));
    await tap(page, '#submit');

    const [first, second] = cloud.calls.map((call) => call.payload as Record<string, string>);
    expect(first).toEqual({ memberId: demo.MEMBER_ID, kind: 'visit', outcome: 'resolved', note: '到店更换尺码', requestId: expect.stringMatching(/^[0-9a-z]{20}$/) });
    expect(second.requestId).toBe(first.requestId);
    expect(showToast).toHaveBeenCalledWith({ title: '已记录', icon: 'success' });
    expect(navigateBack).toHaveBeenCalledTimes(1);
  });

  it('starts a new request after the server answered a refusal', async () => {
    const cloud = installCloud(byAction({ 'care.logInteraction': fail('BUSY') }));
    const page = await openForCustomer();
    await tap(page, '#outcome-no_answer');
    await tap(page, '#submit');
    expect(text(page, '#form-error')).toBe('操作过于频繁，请稍后重试');
    cloud.setRoute(byAction({ 'care.logInteraction': ok({ interaction: tasks.interactionCall }) }));
    await tap(page, '#submit');
    const [first, second] = cloud.calls.map((call) => (call.payload as { requestId: string }).requestId);
    expect(second).not.toBe(first);
  });
});
