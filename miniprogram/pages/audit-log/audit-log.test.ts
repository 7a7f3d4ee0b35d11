import * as tasks from '../../fixtures/tasks';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { exists, fire, query, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/audit-log/audit-log';

async function openPage(properties: Record<string, unknown> = {}) {
  const page = render(PAGE, properties);
  page.instance.onLoad();
  await settle();
  return page;
}

const answerPages = () => byAction({ 'care.audit': (payload: unknown) => ok((payload as { cursor?: string }).cursor ? tasks.auditPage2 : tasks.auditPage1) });

describe('audit-log', () => {
  beforeEach(() => jest.resetModules());

  it('lists the newest entries first from one unfiltered call: time, who, what, which customer, detail', async () => {
    const cloud = installCloud(answerPages());
    const page = await openPage();
    expect(cloud.calls).toEqual([{ name: 'care', action: 'audit', payload: {} }]);
    const phone = text(page, '#entry-1');
    expect(phone).toContain('查看完整手机号');
    expect(phone).toContain('2026-11-23 13:48');
    expect(phone).toContain('王店长');
    expect(phone).toContain('顾客 林晓雯');
    const points = text(page, '#entry-2');
    expect(points).toContain('+200 积分：会员日活动补发');
    // An entry about no customer names none.
    expect(exists(page, '#member-0')).toBe(false);
    expect(text(page, '#member-1')).toBe('顾客 林晓雯');
    // Reading personal data is marked apart from changes.
    expect(query(page, '#entry-1')?.dom?.className).toContain('entry--read');
    expect(query(page, '#entry-2')?.dom?.className).not.toContain('entry--read');
  });

  it('filters by the day picked, and clears it', async () => {
    const cloud = installCloud(answerPages());
    const page = await openPage();
    expect(text(page, '#day')).toBe('全部日期');
    await fire(page, '#day-picker', 'change', { value: '2026-11-22' });
    expect(cloud.calls[1]).toEqual({ name: 'care', action: 'audit', payload: { day: '2026-11-22' } });
    expect(text(page, '#day')).toBe('2026-11-22');
    await tap(page, '#clear-day');
    expect(cloud.calls[2].payload).toEqual({});
    expect(exists(page, '#clear-day')).toBe(false);
  });

  it('opened for a staff member filters by them, with the day as well, until the chip is cleared', async () => {
    const cloud = installCloud(answerPages());
    const page = await openPage({ staffId: 'st-5e13', name: encodeURIComponent('张伟') });
    expect(cloud.calls[0].payload).toEqual({ staffId: 'st-5e13' });
    expect(text(page, '#staff-filter')).toBe('员工：张伟');
    await fire(page, '#day-picker', 'change', { value: '2026-11-23' });
    expect(cloud.calls[1].payload).toEqual({ staffId: 'st-5e13', day: '2026-11-23' });
    await tap(page, '#staff-filter');
    expect(cloud.calls[2].payload).toEqual({ day: '2026-11-23' });
    expect(exists(page, '#staff-filter')).toBe(false);
  });

  it('opened for a customer filters by them', async () => {
    const cloud = installCloud(answerPages());
    const page = await openPage({ memberId: tasks.taskThanks.memberId, name: encodeURIComponent('林晓雯') });
    expect(cloud.calls[0].payload).toEqual({ memberId: tasks.taskThanks.memberId });
    expect(text(page, '#member-filter')).toBe('顾客：林晓雯');
    await tap(page, '#member-filter');
    expect(cloud.calls[1].payload).toEqual({});
  });

  it("tapping an entry's staff name filters by that staff member from the first page, until the chip is cleared", async () => {
    const cloud = installCloud(answerPages());
    const page = await openPage();
    await fire(page, '#day-picker', 'change', { value: '2026-11-23' });
    page.instance.onReachBottom();
    await settle();
    expect(cloud.calls[2].payload).toEqual({ day: '2026-11-23', cursor: 'audit-cursor-2' });
    expect(text(page, '#staff-4')).toBe('陈静');
    await tap(page, '#staff-4');
    // A fresh first page (no cursor), with the day kept.
    expect(cloud.calls[3]).toEqual({ name: 'care', action: 'audit', payload: { staffId: tasks.auditEntries[4].staffId, day: '2026-11-23' } });
    expect(text(page, '#staff-filter')).toBe('员工：陈静');
    expect(exists(page, '#entry-8')).toBe(false);
    // The same staff member again changes nothing.
    await tap(page, '#staff-4');
    expect(cloud.calls).toHaveLength(4);
    await tap(page, '#staff-filter');
    expect(cloud.calls[4].payload).toEqual({ day: '2026-11-23' });
    expect(exists(page, '#staff-filter')).toBe(false);
  });

  it("tapping an entry's customer filters by that customer, together with a staff filter, until the chip is cleared", async () => {
    const cloud = installCloud(answerPages());
    const page = await openPage({ staffId: 'st-2b77', name: encodeURIComponent('王店长') });
    await tap(page, '#member-1');
    expect(cloud.calls[1]).toEqual({ name: 'care', action: 'audit', payload: { staffId: 'st-2b77', memberId: tasks.auditEntries[1].memberId } });
    expect(text(page, '#member-filter')).toBe('顾客：林晓雯');
    expect(text(page, '#staff-filter')).toBe('员工：王店长');
    await tap(page, '#member-filter');
    expect(cloud.calls[2].payload).toEqual({ staffId: 'st-2b77' });
    expect(exists(page, '#member-filter')).toBe(false);
  });

  it("tapping an entry's customer with no other filter sends only its memberId", async () => {
    const cloud = installCloud(answerPages());
    const page = await openPage();
    await tap(page, '#member-2');
    expect(cloud.calls[1].payload).toEqual({ memberId: tasks.taskBirthday.memberId });
    expect(text(page, '#member-filter')).toBe('顾客：周子涵');
  });

  it('pages on with the cursor and the same filters when reaching the bottom', async () => {
    const cloud = installCloud(answerPages());
    const page = await openPage();
    await fire(page, '#day-picker', 'change', { value: '2026-11-21' });
    page.instance.onReachBottom();
    await settle();
    expect(cloud.calls[2].payload).toEqual({ day: '2026-11-21', cursor: 'audit-cursor-2' });
    expect(text(page, '#entry-8')).toContain('刘佳怡');
    page.instance.onReachBottom();
    await settle();
    expect(cloud.calls).toHaveLength(3);
  });

  it('says when nothing matches, and shows a refusal', async () => {
    const cloud = installCloud(byAction({ 'care.audit': ok({ entries: [], nextCursor: null }) }));
    const page = await openPage();
    expect(text(page, '#state >> #state-empty-text')).toBe('还没有审计记录');
    await fire(page, '#day-picker', 'change', { value: '2026-11-01' });
    expect(text(page, '#state >> #state-empty-text')).toBe('没有符合条件的记录');
    cloud.setRoute(byAction({ 'care.audit': fail('FORBIDDEN') }));
    await tap(page, '#clear-day');
    expect(text(page, '#state >> #state-error-text')).toBe('没有权限执行此操作');
  });
});
