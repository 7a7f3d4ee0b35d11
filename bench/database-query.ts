import type { DatabaseFixture } from './lib/database-fixture';
import { DOCS_PER_KEY, MEMBER_COLLECTION, MEMBER_DOCS, createdWindow, spreadKey } from './lib/members';
import { runPool } from './lib/pool';
import { perSecond, summarize } from './lib/stats';
import type { Row } from './lib/types';

const GROUP = 'db-query (SDK over HTTP, 100 000 docs)';
const CONCURRENCY = 8;
// Range reads return 100 documents each, ten times an equality read's, so fewer of them.
const NARROW_RUNS = 120;
const WIDE_RUNS = 120;

type GetReply = { data: unknown[] };

/** Equality and range reads on the filled member collection, with and without an index to use. */
export async function benchQueries(fixture: DatabaseFixture): Promise<Row[]> {
  const members = fixture.db.collection(MEMBER_COLLECTION);
  const _ = fixture.db.command;
  const expectCount = (reply: unknown, expected: number, what: string) => {
    const got = (reply as GetReply).data.length;
    if (got !== expected) throw new Error(`${what} returned ${got} documents, expected ${expected}`);
  };
  const byMember = async (i: number) => expectCount(await members.where({ memberId: spreadKey(i) }).get(), DOCS_PER_KEY, 'indexed get');
  const byShop = async (i: number) => expectCount(await members.where({ shopCode: spreadKey(i) }).get(), DOCS_PER_KEY, 'unindexed get');
  const inWindow = (first: number, size: number, newestFirst = false) => async (i: number) => {
    const { from, to } = createdWindow((first + i * 997) % (MEMBER_DOCS - size), size);
    const query = members.where({ createdAt: _.gte(from).and(_.lt(to)) });
    expectCount(await (newestFirst ? query.orderBy('createdAt', 'desc') : query).limit(100).get(), 100, 'range get');
  };

  // Unmeasured warm-up: the first requests pay for JIT compilation and connection set-up on both sides.
  await runPool(50, 1, byMember);
  const sequential = await runPool(1000, 1, byMember);
  const concurrent = await runPool(2000, CONCURRENCY, byMember);
  const unindexed = await runPool(20, 1, byShop);
  const narrow = await runPool(NARROW_RUNS, CONCURRENCY, inWindow(0, 100));
  const wide = await runPool(WIDE_RUNS, CONCURRENCY, inWindow(0, MEMBER_DOCS / 2));
  const wideNewest = await runPool(WIDE_RUNS, CONCURRENCY, inWindow(0, MEMBER_DOCS / 2, true));

  const seq = summarize(sequential.latencies);
  const conc = summarize(concurrent.latencies);
  const scan = summarize(unindexed.latencies);
  const narrowLatency = summarize(narrow.latencies);
  const wideLatency = summarize(wide.latencies);
  const wideNewestLatency = summarize(wideNewest.latencies);
  return [
    {
      group: GROUP,
      name: 'indexed get, sequential',
      value: perSecond(1000, sequential.elapsedMs),
      unit: 'req/s',
      note: `where({memberId}).get(), ${DOCS_PER_KEY} docs per reply, 1000 requests one at a time`,
    },
    { group: GROUP, name: 'indexed get, latency p50', value: seq.p50, unit: 'ms', note: `sequential; p95 ${seq.p95.toFixed(2)} ms` },
    {
      group: GROUP,
      name: `indexed get, concurrency ${CONCURRENCY}`,
      value: perSecond(2000, concurrent.elapsedMs),
      unit: 'req/s',
      note: `2000 requests; latency p50 ${conc.p50.toFixed(1)} ms, p95 ${conc.p95.toFixed(1)} ms`,
    },
    {
      group: GROUP,
      name: 'unindexed get, sequential',
      value: perSecond(20, unindexed.elapsedMs),
      unit: 'req/s',
      note: `same query on shopCode (no index): full scan; p50 ${scan.p50.toFixed(0)} ms = ${(scan.p50 / seq.p50).toFixed(0)}× the indexed p50`,
    },
    {
      group: GROUP,
      name: 'range get, 100-doc window',
      value: perSecond(NARROW_RUNS, narrow.elapsedMs),
      unit: 'req/s',
      note: `createdAt gte/lt (index), limit 100, concurrency ${CONCURRENCY}; p50 ${narrowLatency.p50.toFixed(1)} ms`,
    },
    {
      group: GROUP,
      name: 'range get, 50 000-doc window',
      value: perSecond(WIDE_RUNS, wide.elapsedMs),
      unit: 'req/s',
      note: `range + limit 100 over a 50 000-document window (half the collection); p50 ${wideLatency.p50.toFixed(1)} ms`,
    },
    {
      group: GROUP,
      name: 'range get, 50 000-doc window, newest first',
      value: perSecond(WIDE_RUNS, wideNewest.elapsedMs),
      unit: 'req/s',
      note: `same with orderBy('createdAt', 'desc'); p50 ${wideNewestLatency.p50.toFixed(1)} ms`,
    },
  ];
}
