import * as demo from '../../miniprogram/fixtures/demo';
import * as tasks from '../../miniprogram/fixtures/tasks';
import { ok } from '../../miniprogram/test-support/answers';
import type { TaskListView, TaskView } from '../../shared/contracts/care-views';
import type { StaffView } from '../../shared/contracts/views';
import type { DomElement } from './dom-types';
import { loaded, shown, wait } from './scene-steps';
import type { Scene, SceneContext } from './scenes';

/**
 * The follow-up screens: the clerk's 待办 (today, overdue), the care-note form both ways, staff
 * management with a hand-over under way, the audit log, and the workbench with its 待办 badge.
 */

/** care.tasks answered per bucket, as the page asks tab by tab. */
const tasksByBucket = (payload: unknown) => ok(tasks.TASKS_BY_BUCKET[(payload as { bucket?: string }).bucket ?? 'today']);

/** The pages read the signed-in staff member (roles, self) from the store staff-home fills. */
export function signIn(view: StaffView): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../../miniprogram/stores/staff-profile') as { setStaffProfile(view: StaffView): void }).setStaffProfile(view);
}



/** The clerk's first task due today, whichever the data source holds. */
async function firstTask(ctx: SceneContext): Promise<TaskView> {
  if (ctx.mode === 'fixtures') return tasks.taskThanks;
  const answer = (await ctx.call('clerk', 'care', 'tasks', { bucket: 'today' })) as { ok: boolean; data?: TaskListView };
  return answer.ok && answer.data?.tasks[0] ? answer.data.tasks[0] : tasks.taskThanks;
}

const CARE_NOTE_TASK = '喜欢这件针织衫，周末来店试穿同款开衫';
const CARE_NOTE = '咨询羊绒大衣尺码，到货后微信通知';

/**
 * The simulator keeps no value on <textarea> (the exporter fills only inputs): the typed note is
 * written into the exported field, wrapping as the real one does.
 */
function showTextarea(text: string) {
  return (root: DomElement) => {
    const area = root.querySelector('wx-textarea');
    if (!area) return;
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    area.innerHTML = `<span class="input-text" style="display: block; white-space: normal; line-height: 1.5;">${escaped}</span>`;
  };
}

export const TASK_SCENES: Scene[] = [
  {
    name: 'tasks',
    page: 'pages/tasks/tasks',
    persona: 'clerk',
    fixtures: { 'care.tasks': tasksByBucket },
    run: shown,
  },
  {
    name: 'tasks-overdue',
    page: 'pages/tasks/tasks',
    persona: 'clerk',
    fixtures: { 'care.tasks': tasksByBucket },
    run: async (ctx) => {
      const page = await shown(ctx);
      await ctx.tap(page, '#tab-overdue');
      return page;
    },
  },
  {
    name: 'care-note-task',
    page: 'pages/care-note/care-note',
    persona: 'clerk',
    fixtures: {},
    run: async (ctx) => {
      const task = await firstTask(ctx);
      const page = ctx.render({ taskId: task.taskId, memberId: task.memberId, name: encodeURIComponent(task.memberName) });
      // As the task list does before it navigates.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('../../miniprogram/stores/task-handoff') as { handOffTask(view: TaskView): void }).handOffTask(task);
      page.instance.onLoad();
      await ctx.settle();
      await ctx.tap(page, '#kind-call');
      await ctx.tap(page, '#outcome-interested');
      await ctx.fire(page, '#note', 'change', CARE_NOTE_TASK);
      return page;
    },
    decorate: showTextarea(CARE_NOTE_TASK),
  },
  {
    name: 'care-note',
    page: 'pages/care-note/care-note',
    persona: 'clerk',
    fixtures: {},
    run: async (ctx) => {
      const page = await loaded(ctx, { memberId: demo.MEMBER_ID, name: encodeURIComponent('林晓雯') });
      await ctx.tap(page, '#kind-wechat');
      await ctx.tap(page, '#outcome-follow_up');
      await ctx.fire(page, '#note', 'change', CARE_NOTE);
      return page;
    },
    decorate: showTextarea(CARE_NOTE),
  },
  {
    name: 'staff-manage',
    page: 'pages/staff-manage/staff-manage',
    persona: 'manager',
    fixtures: { 'admin.staffList': ok(tasks.staffList) },
    run: async (ctx) => {
      signIn(demo.manager);
      return shown(ctx);
    },
  },
  {
    name: 'staff-offboard',
    page: 'pages/staff-manage/staff-manage',
    persona: 'manager',
    writes: true,
    fixtures: { 'admin.staffList': ok(tasks.staffList), 'admin.offboard': ok(tasks.handOverRunning), 'admin.handOver': ok(tasks.handOverRunning) },
    run: async (ctx) => {
      signIn(demo.manager);
      const page = await shown(ctx);
      await ctx.tap(page, '#offboard-2');
      // The sheet's first entry (平均分配); the simulator's wx.showModal confirms.
      await ctx.fire(page, '#sheet', 'select', { name: '平均分配给本店其他店员', value: 'spread' });
      // Vant's popup leaves on a timer (its transition); the first progress poll is 2 s away.
      await wait(500);
      await ctx.settle();
      return page;
    },
  },
  {
    name: 'audit-log',
    page: 'pages/audit-log/audit-log',
    persona: 'admin',
    fixtures: { 'care.audit': ok(tasks.auditPage1) },
    run: (ctx) => loaded(ctx),
  },
  {
    name: 'staff-home-care',
    page: 'pages/staff-home/staff-home',
    persona: 'clerk',
    tab: 'staff',
    fixtures: { 'staff.me': ok(tasks.clerkWithTasks) },
    run: shown,
  },
];
