import { performance } from 'node:perf_hooks';
import type { InvocationRecord } from '../emulator/functions/runtime';
import { DEFAULT_BRAND_SETTINGS } from '../shared/rules/brand-settings';
import { ok } from '../server/testing';
import { startCareCloud } from './lib/care-cloud';
import { cleanupAll } from './lib/cleanup';
import { renderTable } from './lib/report';
import { summarize as stats } from './lib/stats';
import type { Row } from './lib/types';

const GROUP = 'settings (real functions, 100 000 members, local cloud)';
const MEMBERS = 100_000;
/** 01:00 Beijing: quiet hours, so the automation job's runs hold their messages and are the rollout's. */
const NOW = '2026-12-09T01:00:00+08:00';
const ADMIN = 'o-st-admin';
const PREVIEWS = 5;
const MAX_JOB_RUNS = 20;

async function rolloutState(t: Awaited<ReturnType<typeof startCareCloud>>['t']): Promise<Rollout> {
  const { data } = (await t.db.collection('job_state').where({ _id: 'tier-rollout' }).get()) as unknown as { data: Rollout[] };
  return data[0];
}

const requestsOf = (record: InvocationRecord) => Object.values(record.requests).reduce((n, x) => n + x, 0);
const tiers = DEFAULT_BRAND_SETTINGS.tiers.map((tier) => (tier.id === 'gold' ? { ...tier, threshold: 3000, keepThreshold: 3000 } : tier));

interface Rollout {
  status: string;
  data: { scanned: number; upgraded: number; revisited: number };
}

/**
 * An admin lowers the gold threshold on a brand of 100 000 members with real purchase histories: what
 * the preview costs (one aggregation, whatever the members), and how fast the save's pass over the
 * affected tiers goes — in the call, then in the every-minute automation job's runs — until every member who now
 * reaches gold is lifted.
 */
export async function benchSettings(): Promise<Row[]> {
  const rows: Row[] = [];
  const { t } = await startCareCloud('settings', { count: MEMBERS, yesterdayShare: 0, now: NOW, dueBy: '2026-12-31T00:00:00+08:00' });
  await t.cloud.client.setClock(NOW);
  const admin = t.admin(ADMIN);

  const times: number[] = [];
  let lines: string[] = [];
  for (let i = 0; i < PREVIEWS; i++) {
    const started = performance.now();
    lines = ok(await admin('previewTiers', { tiers })).lines;
    times.push(performance.now() - started);
  }
  const [preview] = await t.cloud.client.invocations({ functionName: 'admin', limit: 1 });
  const s = stats(times);
  rows.push({ group: GROUP, name: 'admin.previewTiers: database requests', value: requestsOf(preview), unit: 'req', note: `one aggregation by tier and growth band over ${MEMBERS} members; p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms over ${PREVIEWS} calls; says: ${lines.filter((l) => l.includes('位')).join('；')}` });

  const saved = ok(await admin('saveTiers', { tiers }));
  const [save] = await t.cloud.client.invocations({ functionName: 'admin', limit: 1 });
  const afterCall = await rolloutState(t);
  rows.push({
    group: GROUP,
    name: 'admin.saveTiers: members read in the call',
    value: afterCall.data.scanned,
    unit: 'members',
    note: `${afterCall.data.revisited} rewritten (${saved.rollout.upgraded} lifted to gold) in ${(save.durationMs / 1000).toFixed(1)} s (15 s share), ${requestsOf(save)} requests: pages of 100 by tier, one write per member that changes`,
  });

  let runs = 0;
  let rollout = afterCall;
  const started = performance.now();
  while (rollout.status !== 'done' && runs < MAX_JOB_RUNS) {
    await t.cloud.client.trigger('automation-jobs');
    runs++;
    rollout = await rolloutState(t);
  }
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    group: GROUP,
    name: 'tier rollout: automation-job runs to finish',
    value: runs,
    unit: 'runs',
    note: `${rollout.status === 'done' ? 'done' : 'NOT done'}: ${rollout.data.scanned} members of the tiers below the top read, ${rollout.data.revisited} rewritten (${rollout.data.upgraded} lifted, the rest new review dates), ${seconds.toFixed(0)} s of runs (10 s share of each run, one a minute)`,
  });
  await t.stop();
  return rows;
}

if (require.main === module) {
  benchSettings()
    .then((rows) => console.log(renderTable(rows)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(cleanupAll);
}
