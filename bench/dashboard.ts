import { performance } from 'node:perf_hooks';
import { buildRollup, type DailyRollup } from '../shared/rules/rollups';
import { addDaysToDayKey, shanghaiDayKey } from '../shared/time/shanghai';
import { ok, startMembershipCloud } from '../server/testing';
import { cleanupAll, onCleanup } from './lib/cleanup';
import { renderTable } from './lib/report';
import { summarize as stats } from './lib/stats';
import type { Row } from './lib/types';

const GROUP = 'dashboard (real function, a year of rollups, local cloud)';
const RUNS = 20;
const NOW = '2026-12-09T10:00:00+08:00';

/**
 * The dashboard reads daily rollups, one per store and day, so what it costs depends on the days and
 * stores in view, not on members or purchases: a year of a brand of 100 000 members (≈ 300 000
 * purchases) is 365 rollups per store, each built here by the rollup rule from a day's worth of sales
 * (the figures inside do not change the reads). Requests and warm latency for 7, 30 and 90 days and
 * a month, manager (one store) and admin (both, side by side).
 */
export async function benchDashboard(): Promise<Row[]> {
  const t = await startMembershipCloud();
  onCleanup(() => t.stop());
  await t.cloud.client.setClock(NOW);
  const today = shanghaiDayKey(new Date(NOW));
  const purchasesPerDay = 410;
  const rollups: Array<DailyRollup & { _id: string }> = [];
  for (const storeId of ['S01', 'S02']) {
    for (let i = 0; i < 365; i++) {
      const day = addDaysToDayKey(today, -i);
      const purchases = Array.from({ length: purchasesPerDay }, (_unused, n) => ({ memberId: `m${(i * 7 + n) % 100_000}`, staffId: `st-clerk${(n % 2) + 1}`, paidFen: 50_000 + ((n * 37) % 40_000), discountFen: n % 5 === 0 ? 3_000 : 0, couponCount: n % 5 === 0 ? 1 : 0, first: n % 9 === 0 }));
      rollups.push({ _id: `${storeId}:${day}`, ...buildRollup(storeId, day, { purchases, joined: [{ inviterStaffId: 'st-clerk1' }], tasks: [{ closedBy: 'st-clerk1', done: true }] }, i === 0 ? { members: 50_000, segments: { active: 15_000, dormant: 11_000 }, tiers: { normal: 30_000 } } : null) });
    }
  }
  for (const r of rollups) await t.db.collection('daily_rollups').add({ data: r as never });
  const rows: Row[] = [];
  const cases: Array<[string, string, Record<string, string>]> = [
    ['manager, 7 days', 'o-manager', { range: '7' }],
    ['manager, 90 days', 'o-manager', { range: '90' }],
    ['admin, 90 days, both stores compared', 'o-admin', { range: '90' }],
    ['admin, a month', 'o-admin', { range: 'month', month: '2026-11' }],
  ];
  for (const [name, openid, input] of cases) {
    ok(await t.dashboard(openid)('overview', input as never));
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      ok(await t.dashboard(openid)('overview', input as never));
      times.push(performance.now() - started);
    }
    const [record] = await t.cloud.client.invocations({ functionName: 'dashboard', limit: 1 });
    const requests = Object.values(record.requests).reduce((n, x) => n + x, 0);
    const s = stats(times);
    rows.push({ group: GROUP, name: `dashboard.overview: ${name}`, value: requests, unit: 'req', note: `target ≤ 10: ${requests <= 10 ? 'met' : 'over'}; warm p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms over ${RUNS} calls; ${rollups.length} rollups stored (${purchasesPerDay * 2 * 365} purchases summarised)` });
  }
  return rows;
}

if (require.main === module) {
  benchDashboard()
    .then((rows) => console.log(renderTable(rows)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanupAll());
}
