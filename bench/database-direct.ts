import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Clock } from '../emulator/clock';
import { runDatabaseAction } from '../emulator/db/admin';
import { Database } from '../emulator/db/database';
import { encode } from '../emulator/db/ejson';
import { parseDatabaseSchema } from '../shared/db/schema';
import { tempDir, onCleanup } from './lib/cleanup';
import { BENCH_SCHEMA } from './lib/database-fixture';
import { DOCS_PER_KEY, MEMBER_COLLECTION, MEMBER_DOCS, createdWindow, memberDoc, spreadKey } from './lib/members';
import { perSecond, summarize, timed } from './lib/stats';
import type { Row } from './lib/types';

const GROUP = 'db-direct (in-process Database, no HTTP/SDK)';
const BATCH = 1000;
const SLICE = 10_000;

/** Runs `work` n times back to back and returns per-call microseconds plus calls per second. */
function loop(n: number, work: (i: number) => void): { perSecond: number; p50Us: number; p95Us: number } {
  const samples = new Array<number>(n);
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    work(i);
    samples[i] = (performance.now() - t0) * 1000;
  }
  const summary = summarize(samples);
  return { perSecond: perSecond(n, performance.now() - started), p50Us: summary.p50, p95Us: summary.p95 };
}

function expectLength(list: unknown[], expected: number, what: string): void {
  if (list.length !== expected) throw new Error(`${what} returned ${list.length} documents, expected ${expected}`);
}

/**
 * The same data and queries as the HTTP groups, straight on the Database class: the gap to the SDK
 * figures is what HTTP, EJSON and wx-server-sdk cost. The admin-layer row adds only EJSON.
 */
export async function benchDirectDatabase(): Promise<Row[]> {
  const dir = tempDir('direct');
  const schema = parseDatabaseSchema(JSON.parse(fs.readFileSync(BENCH_SCHEMA, 'utf8')));
  const clock = new Clock();
  const db = new Database(dir, schema);
  onCleanup(() => db.close());

  const sliceMs: number[] = new Array(MEMBER_DOCS / SLICE).fill(0);
  const insert = await timed(() => {
    for (let b = 0; b < MEMBER_DOCS / BATCH; b++) {
      const docs = Array.from({ length: BATCH }, (_u, i) => memberDoc(b * BATCH + i)) as unknown as Record<string, unknown>[];
      const t0 = performance.now();
      db.insert(MEMBER_COLLECTION, docs);
      sliceMs[Math.floor((b * BATCH) / SLICE)] += performance.now() - t0;
    }
  });

  const indexed = loop(20_000, (i) => expectLength(db.find(MEMBER_COLLECTION, { memberId: spreadKey(i) }, { limit: 100 }), DOCS_PER_KEY, 'find'));
  const now = () => clock.now();
  const viaAdmin = loop(5_000, (i) => {
    const reply = runDatabaseAction(
      db,
      { action: 'database.getDocument', collectionName: MEMBER_COLLECTION, queryType: 'WHERE', query: encode({ memberId: spreadKey(i) }), limit: 100 },
      now,
    );
    expectLength(reply.list as unknown[], DOCS_PER_KEY, 'getDocument');
  });
  const unindexed = loop(20, (i) => expectLength(db.find(MEMBER_COLLECTION, { shopCode: spreadKey(i) }, { limit: 100 }), DOCS_PER_KEY, 'scan'));
  const window = (i: number) => createdWindow((i * 997) % (MEMBER_DOCS - 100), 100);
  // What wx-server-sdk sends for _.gte(a).and(_.lt(b)): one-sided conditions under $and.
  const rangeAnd = loop(25, (i) => {
    const { from, to } = window(i);
    expectLength(db.find(MEMBER_COLLECTION, { $and: [{ createdAt: { $gte: from } }, { createdAt: { $lt: to } }] }, { limit: 100 }), 100, 'range');
  });
  const rangeMerged = loop(2_000, (i) => {
    const { from, to } = window(i);
    expectLength(db.find(MEMBER_COLLECTION, { createdAt: { $gte: from, $lt: to } }, { limit: 100 }), 100, 'range');
  });

  const firstSlice = perSecond(SLICE, sliceMs[0]);
  const lastSlice = perSecond(SLICE, sliceMs[sliceMs.length - 1]);
  return [
    {
      group: GROUP,
      name: 'direct insert, batches of 1000',
      value: perSecond(MEMBER_DOCS, insert.ms),
      unit: 'docs/s',
      note: `${MEMBER_DOCS.toLocaleString('en-US')} docs incl. WAL append, 2 indexes`,
    },
    { group: GROUP, name: 'direct insert, first 10k docs', value: firstSlice, unit: 'docs/s', note: 'collection nearly empty' },
    {
      group: GROUP,
      name: 'direct insert, last 10k docs',
      value: lastSlice,
      unit: 'docs/s',
      note: `${(firstSlice / lastSlice).toFixed(1)}× slower than the first 10k: cost per insert grows with collection size`,
    },
    {
      group: GROUP,
      name: 'direct indexed find',
      value: indexed.perSecond,
      unit: 'ops/s',
      note: `Database.find({memberId}); p50 ${indexed.p50Us.toFixed(0)} µs, p95 ${indexed.p95Us.toFixed(0)} µs`,
    },
    {
      group: GROUP,
      name: 'direct indexed get, with EJSON',
      value: viaAdmin.perSecond,
      unit: 'ops/s',
      note: `runDatabaseAction getDocument (EJSON in and out, no HTTP); p50 ${viaAdmin.p50Us.toFixed(0)} µs`,
    },
    {
      group: GROUP,
      name: 'direct unindexed find',
      value: unindexed.perSecond,
      unit: 'ops/s',
      note: `Database.find({shopCode}) full scan; p50 ${(unindexed.p50Us / 1000).toFixed(1)} ms`,
    },
    {
      group: GROUP,
      name: 'direct range, $and of gte/lt',
      value: rangeAnd.perSecond,
      unit: 'ops/s',
      note: `100-doc createdAt window as the SDK sends it; p50 ${(rangeAnd.p50Us / 1000).toFixed(1)} ms`,
    },
    {
      group: GROUP,
      name: 'direct range, {$gte,$lt} in one',
      value: rangeMerged.perSecond,
      unit: 'ops/s',
      note: `same window as a single condition; p50 ${(rangeMerged.p50Us / 1000).toFixed(2)} ms`,
    },
  ];
}
