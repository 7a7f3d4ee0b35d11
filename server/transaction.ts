import { db, type Stored, type Transaction } from './cloud';
import { AppError, isNotFound, isTransactionConflict } from './errors';

const MAX_ATTEMPTS = 12;

/**
 * Runs `work` atomically, retrying on conflict with jittered back-off: two tills touching one member
 * serialise instead of failing. `work` must be safe to run again (it re-reads what it needs).
 */
export async function withTransaction<R>(work: (txn: Transaction) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(work, 0);
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new AppError('BUSY');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * attempt));
    }
  }
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
