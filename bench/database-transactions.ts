import type { DatabaseFixture, SdkDatabase } from './lib/database-fixture';
import { runPool } from './lib/pool';
import { perSecond, sleep, summarize } from './lib/stats';
import type { Row } from './lib/types';

const GROUP = 'db-transactions (SDK over HTTP)';
const ACCOUNTS = 'bench_accounts';
const LEDGER = 'bench_ledger';
const CONCURRENCY = 8;
const DISTINCT_TXNS = 400;
const HOT_TXNS = 150;
/** A runaway retry loop would hide a livelock behind a slow figure; fail instead. */
const MAX_ATTEMPTS = 200;

type Txn = { collection: SdkDatabase['collection'] };
// wx-server-sdk's typings return unions with void (callback overloads); replies are read through this.
type Account = { data: { balance: number } };

/**
 * wx-server-sdk keeps the code only for conflicts found at commit; a conflict raised by an operation
 * inside the callback reaches the caller with the message alone.
 */
function isConflict(error: unknown): boolean {
  const err = error as { code?: string; message?: string } | undefined;
  return err?.code === 'DATABASE_TRANSACTION_CONFLICT' || /Transaction is conflicting/.test(err?.message ?? '');
}

/** read + update + add in one transaction, retried here (not by the SDK) so every conflict is counted. */
async function transfer(db: SdkDatabase, accountId: string, counters: { conflicts: number }): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.runTransaction(async (txn: Txn) => {
        const account = (await txn.collection(ACCOUNTS).doc(accountId).get()) as unknown as Account;
        await txn.collection(ACCOUNTS).doc(accountId).update({ data: { balance: account.data.balance + 1 } });
        await txn.collection(LEDGER).add({ data: { accountId, amount: 1, at: new Date() } });
      }, 0);
      return attempt;
    } catch (error) {
      if (!isConflict(error)) throw error;
      counters.conflicts++;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`transaction on ${accountId} still conflicting after ${attempt} attempts`);
      // A little random backoff, as function code would do, so the contenders spread out.
      await sleep(Math.random() * 5);
    }
  }
}

export async function benchTransactions(fixture: DatabaseFixture): Promise<Row[]> {
  const { db } = fixture;
  const accountId = (i: number) => `acct-${String(i).padStart(5, '0')}`;
  await db.collection(ACCOUNTS).add({
    data: [...Array.from({ length: DISTINCT_TXNS }, (_u, i) => ({ _id: accountId(i), balance: 0 })), { _id: 'hot', balance: 0 }],
  });

  const distinctCounters = { conflicts: 0 };
  const distinct = await runPool(DISTINCT_TXNS, CONCURRENCY, (i) => transfer(db, accountId(i), distinctCounters));
  const hotCounters = { conflicts: 0 };
  const hot = await runPool(HOT_TXNS, CONCURRENCY, () => transfer(db, 'hot', hotCounters));

  const hotBalance = ((await db.collection(ACCOUNTS).doc('hot').get()) as unknown as Account).data.balance;
  if (hotBalance !== HOT_TXNS) throw new Error(`hot account holds ${hotBalance}, expected ${HOT_TXNS}: an update was lost`);
  const { total: ledger } = (await db.collection(LEDGER).count()) as { total: number };
  if (ledger !== DISTINCT_TXNS + HOT_TXNS) throw new Error(`ledger holds ${ledger} entries, expected ${DISTINCT_TXNS + HOT_TXNS}`);

  const distinctLatency = summarize(distinct.latencies);
  const hotLatency = summarize(hot.latencies);
  return [
    {
      group: GROUP,
      name: 'transactions, distinct docs',
      value: perSecond(DISTINCT_TXNS, distinct.elapsedMs),
      unit: 'txn/s',
      note: `read+update+add, concurrency ${CONCURRENCY}, ${distinctCounters.conflicts} conflicts; p50 ${distinctLatency.p50.toFixed(1)} ms (5 requests each)`,
    },
    {
      group: GROUP,
      name: 'transactions, one hot doc',
      value: perSecond(HOT_TXNS, hot.elapsedMs),
      unit: 'txn/s',
      note: `committed; ${HOT_TXNS} increments by ${CONCURRENCY} contenders, retry after 0–5 ms; p50 ${hotLatency.p50.toFixed(0)} ms`,
    },
    {
      group: GROUP,
      name: 'transactions, hot doc conflicts',
      value: hotCounters.conflicts,
      unit: 'conflicts',
      note: `${(hotCounters.conflicts / HOT_TXNS).toFixed(1)} per commit; final balance checked, no lost update`,
    },
  ];
}
