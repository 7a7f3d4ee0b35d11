import { performance } from 'node:perf_hooks';
import type { MembershipCloud } from '../../server/testing';
import { summarize } from './stats';
import type { Row } from './types';

const TRANSACTION_CONTROL = ['database.startTransaction', 'database.commitTransaction', 'database.abortTransaction'];

export interface BenchAction {
  name: string;
  fn: string;
  /** Runs before the action's warm-up, outside the figures (e.g. makes what the action consumes). */
  prepare?: () => Promise<void>;
  run: () => Promise<unknown>;
}

/**
 * Database requests of an action's last warm call (counted by the local cloud per invocation, from the
 * token wx-server-sdk sends) against its budget, and its warm latency over `runs` sequential calls.
 * Transaction start/commit are counted with the rest and also shown apart: round trips without data.
 */
export async function measureActions(t: MembershipCloud, group: string, actions: BenchAction[], targets: Record<string, number>, runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const action of actions) {
    await action.prepare?.();
    await action.run(); // warm the instance and the per-instance caches
    const latencies: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await action.run();
      latencies.push(performance.now() - t0);
    }
    const [record] = await t.cloud.client.invocations({ functionName: action.fn, limit: 1 });
    const entries = Object.entries(record.requests);
    const requests = entries.reduce((sum, [, n]) => sum + n, 0);
    const control = entries.filter(([name]) => TRANSACTION_CONTROL.includes(name)).reduce((sum, [, n]) => sum + n, 0);
    const breakdown = entries.map(([name, n]) => `${name.replace('database.', '')}×${n}`).join(', ');
    const target = targets[action.name];
    const verdict = target === undefined ? '' : `target ≤ ${target}: ${requests <= target ? 'met' : 'over'}; `;
    const stats = summarize(latencies);
    rows.push({
      group,
      name: `${action.name}: db requests`,
      value: requests,
      unit: 'requests',
      note: `${verdict}${control ? `${requests - control} reads/writes + ${control} transaction start/commit; ` : ''}${breakdown || 'none'}`,
    });
    rows.push({ group, name: `${action.name}: latency p50`, value: stats.p50, unit: 'ms', note: `warm, ${runs} sequential calls via /invoke; p95 ${stats.p95.toFixed(1)} ms` });
  }
  return rows;
}
