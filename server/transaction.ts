import { db, type Stored, type Transaction } from './cloud';
import { AppError, isNotFound, isTransactionConflict } from './errors';

/**
 * How long conflicts are retried before answering BUSY: by time, not by count, because how many
 * attempts a burst needs grows with how many writers wait on one document (20 tills on one member)
 * and how slow each round trip is. Well inside the shortest function timeout (10 s).
 */
export const CONFLICT_BUDGET_MS = 4000;
const FIRST_DELAY_MS = 8;
const MAX_DELAY_MS = 250;

type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `run` again while it fails with a transaction conflict, waiting a random time up to an
 * exponentially growing, capped bound ("full jitter"), so colliding writers spread out instead of
 * colliding again in step. Answers BUSY once the budget is spent.
 */
export async function retryOnConflict<R>(run: () => Promise<R>, budgetMs = CONFLICT_BUDGET_MS, wait: Sleep = sleep, now: () => number = Date.now): Promise<R> {
  const giveUpAt = now() + budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      if (now() >= giveUpAt) throw new AppError('BUSY');
      await wait(Math.random() * Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt));
    }
  }
}

/**
 * Runs `work` atomically, retrying on conflict: two tills touching one member serialise instead of
 * failing. `work` must be safe to run again (it re-reads what it needs).
 */
export function withTransaction<R>(work: (txn: Transaction) => Promise<R>): Promise<R> {
  return retryOnConflict(() => db.runTransaction(work, 0));
}

/** A document by id inside a transaction, or null (the SDK throws for a missing one). */
export async function txnGet<T>(txn: Transaction, collection: string, id: string): Promise<Stored<T> | null> {
  try {
    return (await txn.collection<T>(collection).doc(id).get()).data;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
