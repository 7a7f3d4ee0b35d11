import { performance } from 'node:perf_hooks';

export interface PoolResult {
  elapsedMs: number;
  /** Per-task wall-clock latency, in task order. */
  latencies: number[];
}

/**
 * Runs tasks 0..total-1 with at most `concurrency` in flight. A fixed number of workers pulling the
 * next index keeps the load steady, unlike batches of Promise.all that drain to one straggler.
 */
export async function runPool(total: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<PoolResult> {
  const latencies = new Array<number>(total).fill(0);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const t0 = performance.now();
      await task(index);
      latencies[index] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { elapsedMs: performance.now() - started, latencies };
}
