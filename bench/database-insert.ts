import type { DatabaseFixture } from './lib/database-fixture';
import { MEMBER_COLLECTION, MEMBER_DOCS, memberDoc } from './lib/members';
import { runPool } from './lib/pool';
import { perSecond, summarize } from './lib/stats';
import type { Row } from './lib/types';

const GROUP = 'db-insert (SDK over HTTP)';
const BATCH = 1000;
const SINGLES = 2000;
const SINGLE_CONCURRENCY = 8;

/** Fills the member collection the later groups query, and measures how fast that went. */
export async function benchInsert(fixture: DatabaseFixture): Promise<Row[]> {
  const members = fixture.db.collection(MEMBER_COLLECTION);
  // One request at a time: the figure is the cost of the write path, not of queueing.
  const batches = await runPool(MEMBER_DOCS / BATCH, 1, async (b) => {
    const data = Array.from({ length: BATCH }, (_u, i) => memberDoc(b * BATCH + i));
    const reply = (await members.add({ data })) as { ids?: unknown[]; code?: string; message?: string };
    if (reply.code) throw new Error(`batch insert failed: ${reply.code} ${reply.message}`);
  });
  const { total } = (await members.count()) as { total: number };
  if (total !== MEMBER_DOCS) throw new Error(`expected ${MEMBER_DOCS} members after the insert, found ${total}`);
  const batchLatency = summarize(batches.latencies);

  const singles = fixture.db.collection('bench_singles');
  const single = await runPool(SINGLES, SINGLE_CONCURRENCY, async (i) => {
    await singles.add({ data: memberDoc(i) });
  });
  const singleLatency = summarize(single.latencies);

  return [
    {
      group: GROUP,
      name: 'insert, batches of 1000',
      value: perSecond(MEMBER_DOCS, batches.elapsedMs),
      unit: 'docs/s',
      note: `${MEMBER_DOCS.toLocaleString('en-US')} docs, 2 indexes, sequential add({data:[…]}); ${(batches.elapsedMs / 1000).toFixed(1)} s total`,
    },
    {
      group: GROUP,
      name: 'insert, batch latency p50',
      value: batchLatency.p50,
      unit: 'ms',
      note: `p95 ${batchLatency.p95.toFixed(0)} ms, max ${batchLatency.max.toFixed(0)} ms per 1000-doc request`,
    },
    {
      group: GROUP,
      name: 'insert, single docs',
      value: perSecond(SINGLES, single.elapsedMs),
      unit: 'docs/s',
      note: `${SINGLES} add({data:{…}}) at concurrency ${SINGLE_CONCURRENCY}, 1 index`,
    },
    {
      group: GROUP,
      name: 'insert, single latency p50',
      value: singleLatency.p50,
      unit: 'ms',
      note: `p95 ${singleLatency.p95.toFixed(1)} ms at concurrency ${SINGLE_CONCURRENCY}`,
    },
  ];
}
