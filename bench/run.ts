/**
 * `npm run bench`: speed and size figures of the local cloud, printed as a table and written to
 * bench/results/latest.json. Figures live here, never in timed tests, so a slow machine fails nothing.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDirectDatabase } from './database-direct';
import { benchInsert } from './database-insert';
import { benchQueries } from './database-query';
import { benchTransactions } from './database-transactions';
import { benchFunctions } from './functions';
import { benchAutomation } from './automation';
import { benchCareActions } from './care-actions';
import { benchDashboard } from './dashboard';
import { benchCouponActions } from './coupon-actions';
import { benchMemberActions } from './member-actions';
import { benchMiniprogramSize } from './miniprogram-size';
import { cleanupAll } from './lib/cleanup';
import { startDatabaseFixture, type DatabaseFixture } from './lib/database-fixture';
import { renderTable, writeResults } from './lib/report';
import type { Row } from './lib/types';
import { benchRecovery } from './recovery';
import { benchSettings } from './settings';

const RESULTS = path.join(__dirname, 'results/latest.json');

type Step = { label: string; run: (fixture: DatabaseFixture) => Promise<Row[]> };

// Order matters: insert fills the data the next three use; recovery restarts the cloud on it.
const httpDatabaseSteps: Step[] = [
  { label: 'insert', run: benchInsert },
  { label: 'queries', run: benchQueries },
  { label: 'transactions', run: benchTransactions },
  { label: 'recovery', run: benchRecovery },
];

async function step(label: string, work: () => Promise<Row[]>, rows: Row[]): Promise<void> {
  const started = performance.now();
  process.stderr.write(`bench: ${label}…`);
  rows.push(...(await work()));
  process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const rows: Row[] = [];
  const fixture = await startDatabaseFixture();
  for (const { label, run } of httpDatabaseSteps) await step(label, () => run(fixture), rows);
  await fixture.cloud.stop();
  await step('in-process database', benchDirectDatabase, rows);
  await step('functions', benchFunctions, rows);
  await step('member actions', benchMemberActions, rows);
  await step('coupons', benchCouponActions, rows);
  await step('customer care', benchCareActions, rows);
  await step('automation', benchAutomation, rows);
  await step('dashboard', benchDashboard, rows);
  await step('settings', benchSettings, rows);
  await step('mini-program size', benchMiniprogramSize, rows);
  const elapsed = performance.now() - started;
  console.log(renderTable(rows));
  console.log(`\n${rows.length} figures in ${(elapsed / 1000).toFixed(1)} s; written to ${path.relative(process.cwd(), RESULTS)}`);
  writeResults(RESULTS, rows, elapsed);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanupAll().finally(() => process.exit(130));
  });
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    // fetch hides the network error (refused, reset) in `cause`.
    if (error instanceof Error && error.cause) console.error('cause:', error.cause);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll())
  // WeChat's offline compiler (mini-program size) leaves a forked process that keeps Node alive.
  .finally(() => process.exit());
