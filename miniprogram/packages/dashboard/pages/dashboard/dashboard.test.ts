import * as fixtures from '../../../../fixtures/dashboard';
import { byAction, installCloud, ok } from '../../../../test-support/cloud';
import { exists, render, settle, tap, text } from '../../../../test-support/simulate';
import { dashboardCharts } from '../../chart-options';

const PAGE = 'packages/dashboard/pages/dashboard/dashboard';

async function openPage() {
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  return page;
}

describe('dashboard', () => {
  beforeEach(() => jest.resetModules());

  it('shows the range’s figures, members by segment, stores side by side, campaigns and clerks, from one call', async () => {
    const cloud = installCloud(byAction({ 'dashboard.overview': ok(fixtures.dashboard) }));
    const page = await openPage();
    expect(cloud.calls).toEqual([{ name: 'dashboard', action: 'overview', payload: { range: '30' } }]);
    expect(text(page, '#scope')).toBe('全部门店 · 2026-11-04 至 2026-12-03');
    const kpis = text(page, '#kpis');
    for (const part of ['¥412,368', '612', '¥673.80', '58%', '74', '81%']) expect(kpis).toContain(part);
    expect(text(page, '#segment-dormant')).toContain('273');
    expect(text(page, '#store-1')).toContain('五角场店');
    expect(text(page, '#clerk-0')).toContain('李导购');
    expect(text(page, '#campaign-0')).toBe('唤醒沉睡顾客1233%¥3,180');
    expect(exists(page, '#chart-sales')).toBe(true);
    expect(exists(page, '#chart-stores')).toBe(true);
  });

  it('asks again for another range and for one store', async () => {
    const cloud = installCloud(byAction({ 'dashboard.overview': ok(fixtures.dashboard) }));
    const page = await openPage();
    await tap(page, '#range-90');
    expect(cloud.calls[1].payload).toEqual({ range: '90' });
    page.instance.onStore({ detail: { value: 1 } } as never);
    await settle();
    expect(cloud.calls[2].payload).toEqual({ range: '90', storeId: 'S01' });
  });

  it('builds the charts from the view: the daily series, tiers, and stores only when there are several', () => {
    const charts = dashboardCharts(fixtures.dashboard);
    expect(charts.map((c) => c.id)).toEqual(['sales', 'members', 'tiers', 'stores']);
    const sales = charts[0].opts as { categories: string[]; series: Array<{ data: number[] }> };
    expect(sales.categories).toHaveLength(30);
    expect(sales.series[0].data[0]).toBe(Math.round(fixtures.dashboard.series[0].salesFen / 100));
    expect(dashboardCharts({ ...fixtures.dashboard, comparison: [], members: null }).map((c) => c.id)).toEqual(['sales', 'members']);
  });
});
