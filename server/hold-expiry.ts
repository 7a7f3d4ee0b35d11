import { _, db } from './cloud';
import { C, type HoldDoc, type StockDoc } from './documents';

/** The hourly job: accepted holds past their time give their units back (each once, by its status). */
export async function releaseExpiredHolds(now: Date, deadline: number): Promise<{ released: number }> {
  let released = 0;
  while (Date.now() < deadline) {
    const { data } = await db.collection<HoldDoc>(C.holds).where({ status: 'accepted', expiresAt: _.lte(now) }).limit(100).get();
    if (!data.length) break;
    for (const hold of data) {
      const { stats } = await db.collection<HoldDoc>(C.holds).where({ _id: hold._id, status: 'accepted' }).update({ data: { status: 'expired' } });
      if (stats.updated !== 1) continue;
      await db.collection<StockDoc>(C.stock).doc(`${hold.sku}:${hold.fromStoreId}`).update({ data: { available: _.inc(hold.quantity), reserved: _.inc(-hold.quantity), updatedAt: now } });
      released++;
    }
  }
  return { released };
}
