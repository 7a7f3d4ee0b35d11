import * as demo from '../../fixtures/demo';
import * as tasks from '../../fixtures/tasks';
import { byAction, fail, installCloud, ok, type CloudCall } from '../../test-support/cloud';
import { answerModals, exists, query, render, text, type Rendered } from '../../test-support/simulate';
import type { StaffView } from '../../shared/contracts/views';

const PAGE = 'pages/staff-manage/staff-manage';

/**
 * The hand-over is polled on a 2 s timer, so these tests run on fake timers throughout; simulate's
 * own sleep would then never return, so events and answers are flushed by advancing the fake clock.
 */
async function flush(): Promise<void> {
  for (let i = 0; i < 6; i += 1) await jest.advanceTimersByTimeAsync(0);
}

async function tapNow(page: Rendered, selector: string): Promise<void> {
  const target = query(page, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.dispatchEvent('tap');
  await flush();
}

type SheetItem = { dom?: HTMLElement; dispatchEvent(name: string): void };

function sheetItems(page: Rendered): SheetItem[] {
  return (query(page, '#sheet')?.querySelectorAll('.van-action-sheet__item') ?? []) as SheetItem[];
}

/** What the open action sheet says: its description and each entry (the host's own text is empty). */
function sheetText(page: Rendered): string {
  return [text(page, '#sheet >> .van-action-sheet__description'), ...sheetItems(page).map((item) => item.dom?.textContent?.replace(/\s+/g, ' ').trim())].join(' | ');
}

/** Taps the action sheet's entry with this text (Vant renders each as a button in the sheet). */
async function chooseInSheet(page: Rendered, name: string): Promise<void> {
  const item = sheetItems(page).find((candidate) => candidate.dom?.textContent?.includes(name));
  if (!item) throw new Error(`no sheet entry ${name} in: ${sheetText(page)}`);
  item.dispatchEvent('tap');
  await flush();
}

async function showAs(viewer: StaffView): Promise<Rendered> {
  const page = render(PAGE);
  require('../../stores/staff-profile').setStaffProfile(viewer);
  page.instance.onShow();
  await flush();
  return page;
}

const handOverCalls = (calls: CloudCall[]) => calls.filter((call) => call.action === 'handOver');

describe('staff-manage', () => {
  let showModal: jest.SpyInstance;
  let showToast: jest.SpyInstance;
  let confirm = true;
  beforeEach(() => {
    jest.resetModules();
    jest.useFakeTimers();
    confirm = true;
    showModal = answerModals(() => ({ confirm }));
    showToast = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
    jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('lists the store’s staff with what each serves and its unused invites, from one call', async () => {
    const cloud = installCloud(byAction({ 'admin.staffList': ok(tasks.staffList) }));
    const page = await showAs(demo.manager);
    expect(cloud.calls).toEqual([{ name: 'admin', action: 'staffList', payload: {} }]);
    expect(text(page, '#staff-2')).toContain('张伟');
    expect(text(page, '#role-2')).toBe('店员');
    expect(text(page, '#figures-2')).toBe('服务顾客 52 位 · 待办 7 条');
    expect(text(page, '#disabled-4')).toBe('已停用');
    expect(text(page, '#invite-0')).toContain('K7M2QX9P');
    expect(text(page, '#invite-0')).toContain('何佳 · 店员');
    // A manager hands over active clerks only: not themselves, not someone already disabled; roles are the admins'.
    expect(exists(page, '#offboard-0')).toBe(false);
    expect(exists(page, '#offboard-2')).toBe(true);
    expect(exists(page, '#offboard-4')).toBe(false);
    expect(exists(page, '#change-role-2')).toBe(false);
    expect(exists(page, '#audit-2')).toBe(false);
  });

  it('hands a clerk’s customers over evenly after a confirmation', async () => {
    const cloud = installCloud(byAction({ 'admin.staffList': ok(tasks.staffList), 'admin.offboard': ok(tasks.handOverDone) }));
    const page = await showAs(demo.manager);
    await tapNow(page, '#offboard-2');
    expect(sheetText(page)).toContain('张伟的 52 位顾客和 7 条待办交给谁？');
    // The other active clerks are offered by name; the disabled one is not.
    expect(sheetText(page)).toContain('交给 陈静');
    expect(sheetText(page)).toContain('交给 李娜');
    expect(sheetText(page)).not.toContain('孙磊');

    confirm = false;
    await chooseInSheet(page, '平均分配给本店其他店员');
    expect(showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '停用 张伟？', confirmText: '停用并交接' }));
    expect(cloud.calls.filter((call) => call.action === 'offboard')).toHaveLength(0);

    confirm = true;
    await tapNow(page, '#offboard-2');
    await chooseInSheet(page, '平均分配给本店其他店员');
    expect(cloud.calls.find((call) => call.action === 'offboard')!.payload).toEqual({ staffId: 'st-5e13', spread: true });
  });

  it('hands them to one named clerk', async () => {
    const cloud = installCloud(byAction({ 'admin.staffList': ok(tasks.staffList), 'admin.offboard': ok({ ...tasks.handOverDone, spread: false, toStaffIds: ['st-6f24'] }) }));
    const page = await showAs(demo.manager);
    await tapNow(page, '#offboard-2');
    await chooseInSheet(page, '交给 李娜');
    expect(showModal.mock.calls[0][0].content).toContain('交给 李娜');
    expect(cloud.calls.find((call) => call.action === 'offboard')!.payload).toEqual({ staffId: 'st-5e13', toStaffId: 'st-6f24' });
    expect(text(page, '#progress')).toContain('交给 李娜');
  });

  it('shows the hand-over’s progress, polls every 2 s while it runs, and stops and reloads when done', async () => {
    const cloud = installCloud(
      byAction({
        'admin.staffList': ok(tasks.staffList),
        'admin.offboard': ok(tasks.handOverRunning),
        'admin.handOver': ok({ ...tasks.handOverRunning, membersMoved: 45, membersLeft: 7, tasksMoved: 6, tasksLeft: 1 }),
      }),
    );
    const page = await showAs(demo.manager);
    await tapNow(page, '#offboard-2');
    await chooseInSheet(page, '平均分配给本店其他店员');

    expect(text(page, '#progress-title')).toBe('正在交接 张伟 的顾客');
    expect(text(page, '#progress-members')).toBe('顾客：已交接 30 位，剩余 22 位');
    expect(text(page, '#progress-tasks')).toBe('待办：已交接 4 条，剩余 3 条');
    expect(text(page, '#progress')).toContain('平均分配给 陈静、李娜');
    // Disabled at once: no second hand-over from this row.
    expect(exists(page, '#offboard-2')).toBe(false);

    await jest.advanceTimersByTimeAsync(1_900);
    expect(handOverCalls(cloud.calls)).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(100);
    await flush();
    expect(handOverCalls(cloud.calls)).toEqual([{ name: 'admin', action: 'handOver', payload: { staffId: 'st-5e13' } }]);
    expect(text(page, '#progress-members')).toBe('顾客：已交接 45 位，剩余 7 位');

    cloud.setRoute(byAction({ 'admin.staffList': ok(tasks.staffListAfterHandOver), 'admin.handOver': ok(tasks.handOverDone) }));
    await jest.advanceTimersByTimeAsync(2_000);
    await flush();
    expect(handOverCalls(cloud.calls)).toHaveLength(2);
    expect(text(page, '#progress-title')).toBe('张伟 的交接已完成');
    expect(text(page, '#progress-members')).toBe('顾客：已交接 52 位，剩余 0 位');
    expect(showToast).toHaveBeenCalledWith({ title: '交接完成', icon: 'success' });
    // The list is asked again and shows the result.
    expect(cloud.calls.filter((call) => call.action === 'staffList')).toHaveLength(2);
    expect(text(page, '#figures-1')).toBe('服务顾客 72 位 · 待办 9 条');

    await jest.advanceTimersByTimeAsync(20_000);
    expect(handOverCalls(cloud.calls)).toHaveLength(2);
  });

  it('stops polling while the screen is hidden and picks it up when shown again', async () => {
    const cloud = installCloud(byAction({ 'admin.staffList': ok(tasks.staffList), 'admin.offboard': ok(tasks.handOverRunning), 'admin.handOver': ok(tasks.handOverRunning) }));
    const page = await showAs(demo.manager);
    await tapNow(page, '#offboard-2');
    await chooseInSheet(page, '平均分配给本店其他店员');

    page.instance.onHide();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(handOverCalls(cloud.calls)).toHaveLength(0);

    page.instance.onShow();
    await flush();
    await jest.advanceTimersByTimeAsync(2_000);
    await flush();
    expect(handOverCalls(cloud.calls)).toHaveLength(1);

    page.instance.onUnload();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(handOverCalls(cloud.calls)).toHaveLength(1);
  });

  it('keeps polling through a failed poll and says it is retrying', async () => {
    const cloud = installCloud(byAction({ 'admin.staffList': ok(tasks.staffList), 'admin.offboard': ok(tasks.handOverRunning), 'admin.handOver': fail('BUSY') }));
    const page = await showAs(demo.manager);
    await tapNow(page, '#offboard-2');
    await chooseInSheet(page, '平均分配给本店其他店员');
    await jest.advanceTimersByTimeAsync(2_000);
    await flush();
    expect(text(page, '#poll-error')).toBe('进度暂未刷新，稍后自动重试');
    cloud.setRoute(byAction({ 'admin.staffList': ok(tasks.staffListAfterHandOver), 'admin.handOver': ok(tasks.handOverDone) }));
    await jest.advanceTimersByTimeAsync(2_000);
    await flush();
    expect(exists(page, '#poll-error')).toBe(false);
    expect(text(page, '#progress-title')).toBe('张伟 的交接已完成');
  });

  it('says why an offboarding was refused', async () => {
    installCloud(byAction({ 'admin.staffList': ok(tasks.staffList), 'admin.offboard': fail('NO_HANDOVER_TARGET') }));
    const page = await showAs(demo.manager);
    await tapNow(page, '#offboard-2');
    await chooseInSheet(page, '平均分配给本店其他店员');
    expect(showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '停用未成功', content: '没有可接手的店员，请先邀请或指定接手人' }));
    expect(exists(page, '#progress')).toBe(false);
  });

  it('revokes an unused invite after a confirmation', async () => {
    const cloud = installCloud(byAction({ 'admin.staffList': ok(tasks.staffList), 'admin.revokeInvite': ok({ revoked: true }) }));
    const page = await showAs(demo.manager);
    await tapNow(page, '#revoke-0');
    expect(showModal.mock.calls[0][0].content).toBe('撤销后何佳将无法再用邀请码 K7M2QX9P 绑定。');
    expect(cloud.calls[1]).toEqual({ name: 'admin', action: 'revokeInvite', payload: { code: 'K7M2QX9P' } });
    expect(exists(page, '#invite-0')).toBe(false);
  });

  it('lets an admin change a role and open someone’s audit trail', async () => {
    const cloud = installCloud(byAction({ 'admin.staffList': ok(tasks.staffList), 'admin.updateStaff': ok({ ...tasks.staffLi, role: 'manager' }) }));
    const page = await showAs(tasks.admin);
    expect(exists(page, '#change-role-0')).toBe(true);
    // An admin may hand over a manager too.
    expect(exists(page, '#offboard-0')).toBe(true);

    await tapNow(page, '#change-role-3');
    expect(sheetText(page)).toContain('改为店长');
    expect(sheetText(page)).not.toContain('改为店员');
    await chooseInSheet(page, '改为店长');
    expect(cloud.calls[1]).toEqual({ name: 'admin', action: 'updateStaff', payload: { staffId: 'st-6f24', role: 'manager' } });
    expect(text(page, '#role-3')).toBe('店长');

    await tapNow(page, '#audit-2');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/audit-log/audit-log?staffId=st-5e13&name=${encodeURIComponent('张伟')}` });
  });

  it('shows the error with a retry when the list cannot be loaded', async () => {
    const cloud = installCloud(byAction({ 'admin.staffList': fail('FORBIDDEN') }));
    const page = await showAs(demo.staff);
    expect(text(page, '#state >> #state-error-text')).toBe('没有权限执行此操作');
    cloud.setRoute(byAction({ 'admin.staffList': ok(tasks.staffList) }));
    await tapNow(page, '#state >> #state-retry >> .van-button');
    expect(text(page, '#staff-1')).toContain('陈静');
  });
});
