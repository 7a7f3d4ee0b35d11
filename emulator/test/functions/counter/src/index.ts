import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
const db = cloud.database();

/**
 * Read-modify-write of a counter inside a transaction, the pattern a purchase uses: read the balance,
 * compute, write it back. Retries conflicts beyond the SDK's own three attempts.
 */
export async function main(event: { id: string; amount: number }) {
  for (let attempt = 1; ; attempt++) {
    try {
      const total = await db.runTransaction(async (txn: { collection: typeof db.collection }) => {
        // wx-server-sdk throws "does not exist" for a missing document, inside a transaction too.
        const read = txn.collection('counters').doc(event.id).get() as unknown as Promise<{ data: { total?: number } }>;
        const current = await read
          .then((res) => res.data.total ?? 0)
          .catch((error: Error) => {
            if (/does not exist/.test(error.message)) return 0;
            throw error;
          });
        const next = current + event.amount;
        await txn.collection('counters').doc(event.id).set({ data: { total: next } });
        await txn.collection('ledger').add({ data: { counter: event.id, amount: event.amount, total: next } });
        return next;
      });
      return { total, attempt };
    } catch (error) {
      const err = error as { code?: string; message?: string };
      const conflict = err.code === 'DATABASE_TRANSACTION_CONFLICT' || /Transaction is conflicting/.test(err.message ?? '');
      if (!conflict || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    }
  }
}
