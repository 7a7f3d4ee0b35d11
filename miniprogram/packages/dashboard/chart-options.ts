import type { DashboardView } from '../../shared/contracts/dashboard';

/**
 * The dashboard's charts as uCharts options, from the dashboard view alone (no wx, no canvas): the
 * page adds its canvas context and size, and the screenshot exporter draws the same options in
 * Chromium, so what the README shows is what a manager sees.
 */
export interface ChartSpec {
  id: 'sales' | 'members' | 'tiers' | 'stores';
  title: string;
  opts: Record<string, unknown>;
}

const COLORS = ['#1989fa', '#07c160', '#ff976a', '#ee0a24', '#7232dd', '#ffd21e'];

/** 12-01 for 2026-12-01; on a long range about eight labels (uCharts draws them all otherwise). */
function labels(days: string[]): string[] {
  const every = Math.max(1, Math.ceil(days.length / 8));
  return days.map((day, i) => (i % every === 0 ? day.slice(5) : ''));
}

type Axis = Record<string, unknown>;

function axisTo(max: number, extra: Axis): Axis {
  return { min: 0, max, fontSize: 10, ...extra };
}

/** An axis of whole numbers: three steps up to a multiple of three at or above the largest value. */
function countAxis(values: number[], extra: Axis = {}): Axis {
  return axisTo(Math.max(3, Math.ceil(Math.max(0, ...values) / 3) * 3), extra);
}

/** A money axis in three round whole-yuan steps (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ) up to at least the largest value: 0 / 5000 / 10000 / 15000, never 4333.33. */
export function moneyAxis(values: number[], extra: Axis = {}): Axis {
  const largest = Math.max(0, ...values);
  if (largest === 0) return axisTo(3, extra);
  const raw = largest / 3;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((s) => s >= raw && Number.isInteger(s)) ?? 10 * power;
  return axisTo(Math.max(3, step * 3), extra);
}

export function dashboardCharts(view: DashboardView): ChartSpec[] {
  const categories = labels(view.series.map((p) => p.day));
  const salesYuan = view.series.map((p) => Math.round(p.salesFen / 100));
  const common = { animation: false, background: '#FFFFFF', color: COLORS, fontSize: 11, padding: [12, 12, 4, 4], legend: { show: true, position: 'top', float: 'right', fontSize: 11 }, dataLabel: false };
  const charts: ChartSpec[] = [
    {
      id: 'sales',
      title: '每日销售额（元）与订单数',
      opts: {
        ...common,
        type: 'mix',
        categories,
        series: [
          { name: '销售额', type: 'column', index: 0, data: salesYuan },
          { name: '订单数', type: 'line', index: 1, style: 'curve', data: view.series.map((p) => p.purchases), color: '#ff976a' },
        ],
        xAxis: { disableGrid: true, fontSize: 10 },
        yAxis: { gridType: 'dash', splitNumber: 3, data: [moneyAxis(salesYuan), countAxis(view.series.map((p) => p.purchases), { position: 'right' })] },
        extra: { mix: { column: { width: 6 } } },
      },
    },
    {
      id: 'members',
      title: '每日新会员',
      opts: {
        ...common,
        type: 'area',
        categories,
        series: [{ name: '新会员', data: view.series.map((p) => p.newMembers) }],
        xAxis: { disableGrid: true, fontSize: 10 },
        yAxis: { gridType: 'dash', splitNumber: 3, data: [countAxis(view.series.map((p) => p.newMembers))] },
        extra: { area: { type: 'straight', opacity: 0.25, addLine: true, width: 2 } },
      },
    },
  ];
  if (view.members && view.members.total > 0) {
    charts.push({
      id: 'tiers',
      title: `会员等级分布（共 ${view.members.total} 人）`,
      opts: {
        ...common,
        type: 'ring',
        series: view.members.tiers.map((tier) => ({ name: tier.name, data: tier.count })),
        extra: { ring: { ringWidth: 24, activeOpacity: 0.5, offsetAngle: 0, labelWidth: 12, border: true, borderWidth: 2, borderColor: '#FFFFFF' } },
        title: { name: String(view.members.total), fontSize: 18, color: '#323233' },
        subtitle: { name: '会员', fontSize: 11, color: '#969799' },
        legend: { show: true, position: 'right', lineHeight: 20, fontSize: 11 },
      },
    });
  }
  if (view.comparison.length > 1) {
    charts.push({
      id: 'stores',
      title: '门店对比：销售额（元）',
      opts: {
        ...common,
        type: 'bar',
        categories: view.comparison.map((s) => s.storeName),
        series: [{ name: '销售额', data: view.comparison.map((s) => Math.round(s.salesFen / 100)) }],
        xAxis: { boundaryGap: 'justify', disableGrid: false, min: 0, fontSize: 10 },
        yAxis: { fontSize: 11 },
        extra: { bar: { width: 14, linearType: 'none' } },
      },
    });
  }
  return charts;
}
