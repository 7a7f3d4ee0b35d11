import { performance } from 'node:perf_hooks';

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles: with a few hundred samples interpolation would only suggest false precision. */
export function summarize(samples: number[]): Summary {
  if (!samples.length) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return {
    count: sorted.length,
    p50: rank(50),
    p95: rank(95),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
  };
}

export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : 0;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
