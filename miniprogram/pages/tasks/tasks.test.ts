import * as tasks from '../../fixtures/tasks';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { exists, query, settle, show, tap, text, type Rendered } from '../../test-support/simulate';

const PAGE = 'pages/tasks/tasks';

/** Pins "now" to 2026-11-23 in Shanghai (昨天/明天 are relative to it) while leaving the timers real. */
function pinClock() {
  jest.useFakeTimers({
    now: new Date(tasks.NOW),
    doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback'],
  });
}

const byBucket = () => byAction({ 'care.tasks': (payload: unknown) => ok(tasks.TASKS_BY_BUCKET[(payload as { bucket: string }).bucket]) });

function classOf(page: Rendered, selector: string): string {
  return query(page, selector)?.dom?.className ?? '';
}

describe('tasks', () => {
  let navigateTo: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    pinClock();
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('opens on 今天 with one call, the open counts on the tabs and each task’s customer, cause, due day and script', async () => {
    const cloud = installCloud(byBucket());
    const page = await show(PAGE);

    expect(cloud.calls).toEqual([{ name: 'care', action: 'tasks', payload: { bucket: 'today' } }]);
    expect(text(page, '#tab-today')).toBe('今天3');
    expect(text(page, '#count-overdue')).toBe('2');
    expect(text(page, '#count-upcoming')).toBe('2');
    expect(exists(page, '#count-closed')).toBe(false);
    // Overdue work waiting is red on its tab; the others are not.
    expect(classOf(page, '#count-overdue')).toContain('tasks__count--alert');
    expect(classOf(page, '#count-today')).not.toContain('tasks__count--alert');

    const card = text(page, '#task-0');
    expect(card).toContain('林晓雯');
    expect(card).toContain('138****6621');
    expect(text(page, '#title-0')).toBe('购后感谢');
    expect(text(page, '#due-0')).toBe('今天到期');
    expect(text(page, '#script-0')).toBe(tasks.taskThanks.script);
    expect(classOf(page, '#task-0')).not.toContain('task--overdue');
  });

  it('asks for each tab’s bucket once; overdue cards stand out in red; closed ones say how they ended', async () => {
    const cloud = installCloud(byBucket());
    const page = await show(PAGE);

    await tap(page, '#tab-overdue');
    expect(cloud.calls[1]).toEqual({ name: 'care', action: 'tasks', payload: { bucket: 'overdue' } });
    expect(classOf(page, '#task-0')).toContain('task--overdue');
    expect(classOf(page, '#due-0')).toContain('task__due--overdue');
    expect(text(page, '#due-0')).toBe('昨天到期 · 已逾期');
    expect(text(page, '#due-1')).toBe('11月19日到期 · 已逾期');

    await tap(page, '#tab-upcoming');
    expect(cloud.calls[2].payload).toEqual({ bucket: 'upcoming' });
    expect(text(page, '#due-0')).toBe('明天到期');
    expect(text(page, '#due-1')).toBe('11月27日到期');
    // A manual task keeps its own title and says it was added by hand.
    expect(text(page, '#task-1')).toContain('通知改衣取件');
    expect(classOf(page, '#task-1')).not.toContain('task--overdue');

    await tap(page, '#tab-closed');
    expect(cloud.calls[3].payload).toEqual({ bucket: 'closed' });
    expect(text(page, '#result-0')).toBe('已完成 · 有意向 · 昨天处理');
    expect(text(page, '#result-1')).toBe('已跳过 · 11月21日处理');
    expect(text(page, '#result-2')).toContain('已过期');
    // Closed and past due is history, not an alarm.
    expect(classOf(page, '#task-0')).not.toContain('task--overdue');
    expect(exists(page, '#handle-0')).toBe(false);
    expect(exists(page, '#copy-0')).toBe(false);

    // The tab shown again asks nothing.
    await tap(page, '#tab-closed');
    expect(cloud.calls).toHaveLength(4);
  });

  it('copies the script to the clipboard', async () => {
    installCloud(byBucket());
    const setClipboardData = jest.spyOn(wx, 'setClipboardData').mockImplementation((() => undefined) as never);
    const page = await show(PAGE);
    await tap(page, '#copy-1');
    expect(setClipboardData).toHaveBeenCalledWith({ data: tasks.taskBirthday.script });
  });

  it('去处理 opens the form with the task handed over; 顾客档案 opens the customer', async () => {
    installCloud(byBucket());
    const page = await show(PAGE);

    await tap(page, '#handle-0');
    expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/care-note/care-note?taskId=tk-thanks-01&memberId=${tasks.taskThanks.memberId}&name=${encodeURIComponent('林晓雯')}` });
    expect(require('../../stores/task-handoff').takeTask('tk-thanks-01')).toEqual(tasks.taskThanks);

    await tap(page, '#profile-1');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `/pages/customer-profile/customer-profile?memberId=${tasks.taskBirthday.memberId}` });
  });

  it('reloads the tab it is on when shown again (a task closed on the form leaves the list)', async () => {
    const cloud = installCloud(byBucket());
    const page = await show(PAGE);
    await tap(page, '#tab-overdue');
    expect(text(page, '#task-0')).toContain('张雨桐');

    cloud.setRoute(byAction({ 'care.tasks': ok({ ...tasks.tasksOverdue, tasks: [tasks.taskDormantOverdue], counts: { today: 3, overdue: 1, upcoming: 2 } }) }));
    page.instance.onShow();
    await settle();
    expect(cloud.calls[2]).toEqual({ name: 'care', action: 'tasks', payload: { bucket: 'overdue' } });
    expect(text(page, '#task-0')).toContain('刘佳怡');
    expect(exists(page, '#task-1')).toBe(false);
    expect(text(page, '#count-overdue')).toBe('1');
  });

  it('loads the next page with the cursor on reaching the bottom, and stops at the end', async () => {
    const cloud = installCloud(
      byAction({ 'care.tasks': (payload: unknown) => ok((payload as { cursor?: string }).cursor === 'tasks-cursor-2' ? tasks.tasksTodayPage2 : tasks.tasksTodayPage1) }),
    );
    const page = await show(PAGE);
    expect(exists(page, '#task-2')).toBe(false);
    expect(exists(page, '#load-more')).toBe(true);

    page.instance.onReachBottom();
    await settle();
    expect(cloud.calls[1]).toEqual({ name: 'care', action: 'tasks', payload: { bucket: 'today', cursor: 'tasks-cursor-2' } });
    expect(text(page, '#task-2')).toContain('王思琪');
    expect(exists(page, '#load-more')).toBe(false);

    page.instance.onReachBottom();
    await settle();
    expect(cloud.calls).toHaveLength(2);
  });

  it('says so when a tab is empty, and offers a retry after an error', async () => {
    const cloud = installCloud(byAction({ 'care.tasks': ok(tasks.tasksNone) }));
    const page = await show(PAGE);
    expect(text(page, '#state >> #state-empty-text')).toBe('今天的待办都完成了');
    await tap(page, '#tab-overdue');
    expect(text(page, '#state >> #state-empty-text')).toBe('没有逾期的待办，保持住');
    expect(text(page, '#count-overdue')).toBe('0');
    expect(classOf(page, '#count-overdue')).not.toContain('tasks__count--alert');

    cloud.setRoute(byAction({ 'care.tasks': fail('STAFF_DISABLED') }));
    page.instance.onShow();
    await settle();
    expect(text(page, '#state >> #state-error-text')).toBe('您的员工账号已停用，请联系店长');
    cloud.setRoute(byBucket());
    await tap(page, '#state >> #state-retry');
    expect(cloud.calls[cloud.calls.length - 1].payload).toEqual({ bucket: 'overdue' });
    expect(text(page, '#task-0')).toContain('张雨桐');
  });
});
