import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../emulator/local-cloud';
import { startTestCloud, type TestCloud } from '../emulator/testing';
import { buildFunctions } from '../scripts/lib/build-functions';
import { onCleanup, tempDir } from './lib/cleanup';
import { BENCH_SCHEMA } from './lib/database-fixture';
import { watchCloud } from './lib/watch-cloud';
import { sleep, summarize } from './lib/stats';
import type { Row } from './lib/types';

const GROUP = 'functions (whoami fixture, /invoke)';
const FIXTURE = path.join(REPO_ROOT, 'emulator/test/functions/whoami');
const CALLER = { openid: 'bench-user' };
const BURST = 10;
/** Each burst call holds its instance this long, so no call can finish and hand a warm instance to another. */
const HOLD_MS = 300;
const WARM_CALLS = 200;
/** Long enough for the runtime's spare instances to finish loading wx-server-sdk on two busy cores. */
const SETTLE_MS = 3000;

interface Call {
  wallMs: number;
  durationMs: number;
  cold: boolean;
}

async function call(cloud: TestCloud, name: string, data: Record<string, unknown> = {}): Promise<Call> {
  const t0 = performance.now();
  const meta = await cloud.client.invokeWithMeta(name, CALLER, data);
  return { wallMs: performance.now() - t0, durationMs: meta.durationMs, cold: meta.cold };
}

/**
 * Copies of the whoami fixture under distinct names, so each cold measurement is the true first call
 * of its function. They live outside the repository (where tests rebuild the fixtures, which would turn
 * warm instances stale mid-run) with a node_modules link so wx-server-sdk resolves as in the repo.
 */
async function buildCopies(names: string[]): Promise<string> {
  const root = tempDir('functions');
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  for (const name of names) {
    fs.cpSync(FIXTURE, path.join(root, name), { recursive: true, filter: (src) => path.basename(src) !== 'index.js' });
  }
  await buildFunctions(root);
  return root;
}

export async function benchFunctions(): Promise<Row[]> {
  const root = await buildCopies(['ping-first', 'ping-settled', 'ping-burst']);
  const cloud = await startTestCloud({ functionsRoot: root, schemaFile: BENCH_SCHEMA, dataDir: tempDir('functions-data') });
  onCleanup(() => cloud.stop());
  watchCloud(cloud, 'functions');

  const first = await call(cloud, 'ping-first');
  await sleep(SETTLE_MS);
  const settled = await call(cloud, 'ping-settled');
  await sleep(SETTLE_MS);
  const burst = (await Promise.all(Array.from({ length: BURST }, () => call(cloud, 'ping-burst', { delayMs: HOLD_MS })))).map(
    (c) => ({ ...c, wallMs: c.wallMs - HOLD_MS, durationMs: c.durationMs - HOLD_MS }),
  );

  for (let i = 0; i < 20; i++) await call(cloud, 'ping-first');
  const warm: Call[] = [];
  for (let i = 0; i < WARM_CALLS; i++) warm.push(await call(cloud, 'ping-first'));
  await cloud.stop();

  for (const [what, calls] of [['first call', [first, settled]], ['burst', burst]] as const) {
    if (!calls.every((c) => c.cold)) throw new Error(`a ${what} was not cold: the measurement would not be a cold start`);
  }
  const coldWarm = warm.filter((c) => c.cold).length;
  const burstWall = summarize(burst.map((c) => c.wallMs));
  const burstOwn = summarize(burst.map((c) => c.durationMs));
  const warmWall = summarize(warm.map((c) => c.wallMs));
  const warmOwn = summarize(warm.map((c) => c.durationMs));
  return [
    {
      group: GROUP,
      name: 'cold, first call right after start',
      value: first.wallMs,
      unit: 'ms',
      note: `runtime's own ${first.durationMs} ms; spare instances may still be loading wx-server-sdk`,
    },
    {
      group: GROUP,
      name: 'cold, first call, spares ready',
      value: settled.wallMs,
      unit: 'ms',
      note: `runtime's own ${settled.durationMs} ms; takes a pre-loaded spare instance`,
    },
    {
      group: GROUP,
      name: `cold, burst of ${BURST}: p50`,
      value: burstWall.p50,
      unit: 'ms',
      note: `${BURST} concurrent first calls, 2 spares; fastest ${Math.min(...burst.map((c) => c.wallMs)).toFixed(0)} ms; ${HOLD_MS} ms hold subtracted; own p50 ${burstOwn.p50} ms`,
    },
    {
      group: GROUP,
      name: `cold, burst of ${BURST}: max`,
      value: burstWall.max,
      unit: 'ms',
      note: `slowest call, a new worker loading wx-server-sdk; runtime's own max ${burstOwn.max} ms`,
    },
    {
      group: GROUP,
      name: 'warm, latency p50',
      value: warmWall.p50,
      unit: 'ms',
      note: `${WARM_CALLS} sequential calls, client wall clock; runtime's own p50 ${warmOwn.p50} ms`,
    },
    {
      group: GROUP,
      name: 'warm, latency p95',
      value: warmWall.p95,
      unit: 'ms',
      note: `runtime's own p95 ${warmOwn.p95} ms${coldWarm ? `; ${coldWarm} calls were cold` : ''}`,
    },
  ];
}
