/**
 * The real wx-server-sdk against the local cloud's /admin: every database action the SDK has, with
 * the answers CloudBase gives (shapes, limits, error codes).
 */
import path from 'node:path';
import { connectSdk, startTestCloud, type TestCloud } from '../testing';

const SCHEMA = path.join(__dirname, '../test/schema.json');

let cloud: TestCloud;
let sdk: ReturnType<typeof connectSdk>;
let db: ReturnType<ReturnType<typeof connectSdk>['database']>;
let _: typeof db.command;

// wx-server-sdk's typings return unions with void (callback overloads); tests read results through these.
type Get<T = Record<string, unknown>> = { data: T[] };
type One<T = Record<string, unknown>> = { data: T };
const asGet = <T = Record<string, unknown>>(p: unknown) => p as Promise<Get<T>>;
const asOne = <T = Record<string, unknown>>(p: unknown) => p as Promise<One<T>>;

beforeAll(async () => {
  cloud = await startTestCloud({ schemaFile: SCHEMA });
  sdk = connectSdk(cloud.adminUrl);
  db = sdk.database();
  _ = db.command;
});

afterAll(async () => {
  await cloud.stop();
});

describe('documents', () => {
  test('add, doc().get, where().get, count, update with operators, set, remove', async () => {
    const items = db.collection('items');
    const added = (await items.add({
      data: { sku: 'A-1', name: '围巾', price: 9900, tags: ['冬季', '配饰'], meta: { color: 'red' }, createdAt: new Date('2026-01-02T03:04:05Z') },
    })) as { _id: string };
    expect(added._id).toMatch(/^[0-9a-f]{32}$/);

    const one = await asOne(items.doc(added._id).get());
    expect(one.data).toMatchObject({ _id: added._id, sku: 'A-1', price: 9900, meta: { color: 'red' } });
    expect(one.data.createdAt).toBeInstanceOf(Date);
    expect((one.data.createdAt as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');

    const updated = (await items.doc(added._id).update({
      data: { price: _.inc(100), tags: _.push(['新品']), meta: { size: 'L' }, name: _.remove(), seen: db.serverDate() },
    })) as { stats: { updated: number } };
    expect(updated.stats.updated).toBe(1);
    const after = (await asOne(items.doc(added._id).get())).data;
    expect(after).toMatchObject({ price: 10000, tags: ['冬季', '配饰', '新品'], meta: { color: 'red', size: 'L' } });
    expect(after).not.toHaveProperty('name');
    expect(Math.abs((after.seen as Date).getTime() - Date.now())).toBeLessThan(5000);

    expect(((await items.where({ sku: 'A-1' }).count()) as { total: number }).total).toBe(1);

    await items.doc('fixed-id').set({ data: { sku: 'A-2', price: 1 } });
    await items.doc('fixed-id').set({ data: { sku: 'A-2', price: 2 } });
    expect((await asOne(items.doc('fixed-id').get())).data).toEqual({ _id: 'fixed-id', sku: 'A-2', price: 2 });

    const removed = (await items.where({ sku: _.in(['A-1', 'A-2']) }).remove()) as { stats: { removed: number } };
    expect(removed.stats.removed).toBe(2);
    await expect(items.doc('fixed-id').get()).rejects.toThrow(/does not exist/);
  });

  test('query operators, order, skip, limit, field', async () => {
    const coupons = db.collection('coupons');
    const docs = Array.from({ length: 30 }, (_unused, i) => ({
      n: i,
      kind: i % 3 === 0 ? 'discount' : 'cash',
      name: `券${i}`,
      nested: { level: i % 5 },
      list: [i, i + 100],
    }));
    await coupons.add({ data: docs });

    const range = await asGet<{ n: number }>(coupons.where({ n: _.gte(10).and(_.lt(15)) }).orderBy('n', 'desc').get());
    expect(range.data.map((d) => d.n)).toEqual([14, 13, 12, 11, 10]);

    const or = await asGet<{ n: number }>(coupons.where(_.or([{ n: 1 }, { n: 29 }])).orderBy('n', 'asc').get());
    expect(or.data.map((d) => d.n)).toEqual([1, 29]);

    const neq = ((await coupons.where({ kind: _.neq('cash') }).count()) as { total: number }).total;
    expect(neq).toBe(10);

    const nested = await asGet(coupons.where({ 'nested.level': 4, n: _.lte(10) }).get());
    expect(nested.data.map((d) => d.n)).toEqual([4, 9]);

    const regex = await asGet(coupons.where({ name: db.RegExp({ regexp: '^券2\\d$', options: 'i' }) }).get());
    expect(regex.data).toHaveLength(10);

    const arrays = await asGet(coupons.where({ list: 105 }).get());
    expect(arrays.data.map((d) => d.n)).toEqual([5]);

    const paged = await asGet(coupons.where({}).orderBy('n', 'asc').skip(5).limit(3).field({ n: true }).get());
    expect(paged.data).toEqual([
      { _id: expect.any(String), n: 5 },
      { _id: expect.any(String), n: 6 },
      { _id: expect.any(String), n: 7 },
    ]);

    const exists = ((await coupons.where({ missing: _.exists(false), n: _.in([1, 2]) }).count()) as { total: number }).total;
    expect(exists).toBe(2);
  });

  test('get returns 100 documents by default and at most 1000 per page', async () => {
    const orders = db.collection('orders');
    for (let i = 0; i < 1200; i += 400) {
      await orders.add({ data: Array.from({ length: 400 }, (_u, j) => ({ seq: i + j, sku: `S${(i + j) % 7}` })) });
    }
    expect((await asGet(orders.get())).data).toHaveLength(100);
    const first = await asGet<{ seq: number }>(orders.orderBy('seq', 'asc').limit(1000).get());
    expect(first.data).toHaveLength(1000);
    expect(first.data[999].seq).toBe(999);
    const rest = await asGet<{ seq: number }>(orders.orderBy('seq', 'asc').skip(1000).limit(1000).get());
    expect(rest.data.map((d) => d.seq)).toEqual(Array.from({ length: 200 }, (_u, i) => 1000 + i));
    expect(((await orders.where({ sku: 'S3' }).count()) as { total: number }).total).toBe(171);
  });

  test('where().update is multi, returns the number of changed documents, and same-value updates change nothing', async () => {
    const orders = db.collection('orders');
    const res = (await orders.where({ sku: 'S1' }).update({ data: { flagged: true } })) as { stats: { updated: number } };
    expect(res.stats.updated).toBe(172);
    const again = (await orders.where({ sku: 'S1' }).update({ data: { flagged: true } })) as { stats: { updated: number } };
    expect(again.stats.updated).toBe(0);
  });

  test('aggregate with match, lookup, unwind, group, sort', async () => {
    const items = db.collection('items');
    const orders = db.collection('ledger');
    await items.add({ data: [{ sku: 'G-1', price: 100, tags: ['x'] }, { sku: 'G-2', price: 250, tags: ['y'] }] });
    await orders.add({ data: [{ sku: 'G-1', qty: 2 }, { sku: 'G-1', qty: 1 }, { sku: 'G-2', qty: 4 }] });
    const $ = db.command.aggregate;
    const res = (await orders
      .aggregate()
      .match({ qty: _.gt(0) })
      .lookup({ from: 'items', localField: 'sku', foreignField: 'sku', as: 'item' })
      .unwind('$item')
      .group({ _id: '$sku', qty: $.sum('$qty'), revenue: $.sum($.multiply(['$qty', '$item.price'])) })
      .sort({ _id: 1 })
      .end()) as { list: unknown[] };
    expect(res.list).toEqual([
      { _id: 'G-1', qty: 3, revenue: 300 },
      { _id: 'G-2', qty: 4, revenue: 1000 },
    ]);
  });
});

describe('errors', () => {
  test('a missing collection fails with DATABASE_COLLECTION_NOT_EXIST / -502005', async () => {
    await expect(db.collection('nope').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db.collection('nope').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
  });

  test('createCollection makes it usable; creating it again fails', async () => {
    await db.createCollection('made_at_runtime');
    await db.collection('made_at_runtime').add({ data: { a: 1 } });
    expect(((await db.collection('made_at_runtime').count()) as { total: number }).total).toBe(1);
    await expect(db.createCollection('made_at_runtime')).rejects.toThrow(/already exists/);
  });

  test('unique indexes refuse duplicates (single and compound) and nothing is written', async () => {
    const items = db.collection('items');
    await items.add({ data: { sku: 'U-1' } });
    await expect(items.add({ data: { sku: 'U-1' } })).rejects.toThrow(/E11000 duplicate key error collection: items index: sku_unique/);
    const { _id } = (await items.add({ data: { sku: 'U-2' } })) as { _id: string };
    await expect(items.doc(_id).update({ data: { sku: 'U-1' } })).rejects.toThrow(/duplicate key/);
    expect((await asOne(items.doc(_id).get())).data.sku).toBe('U-2');

    const members = db.collection('members');
    await members.add({ data: { storeId: 's1', phone: '13800000000' } });
    await members.add({ data: { storeId: 's2', phone: '13800000000' } });
    await expect(members.add({ data: { storeId: 's1', phone: '13800000000' } })).rejects.toThrow(/store_phone_unique/);
    // a batch with one bad document writes none of them
    await expect(
      members.add({ data: [{ storeId: 's3', phone: '1' }, { storeId: 's1', phone: '13800000000' }] } as never),
    ).rejects.toThrow(/duplicate key/);
    expect(((await members.where({ storeId: 's3' }).count()) as { total: number }).total).toBe(0);
  });

  test('a duplicate _id is refused', async () => {
    await db.collection('events').doc('dup').set({ data: { a: 1 } });
    await expect(db.collection('events').add({ data: { _id: 'dup', a: 2 } })).rejects.toThrow(/duplicate key/);
  });

  test('conflicting update operators fail without writing', async () => {
    const { _id } = (await db.collection('events').add({ data: { a: 1 } })) as { _id: string };
    await expect(db.collection('events').doc(_id).update({ data: { a: _.inc(1), 'a.b': 2 } })).rejects.toThrow();
    expect((await asOne(db.collection('events').doc(_id).get())).data.a).toBe(1);
  });
});

describe('concurrency', () => {
  test('a conditional update under 50 concurrent callers updates exactly once', async () => {
    const coupons = db.collection('coupons');
    const { _id } = (await coupons.add({ data: { code: 'ONCE', status: 'unused' } })) as { _id: string };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_u, i) =>
        coupons.where({ _id, status: 'unused' }).update({ data: { status: 'used', by: `till-${i}` } }) as Promise<{ stats: { updated: number } }>,
      ),
    );
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(1);
    expect(results.filter((r) => r.stats.updated === 0)).toHaveLength(49);
  });

  test('concurrent transactions never lose an update: conflicts abort and retry', async () => {
    await db.collection('counters').doc('total').set({ data: { value: 0 } });
    let conflicts = 0;
    const increment = async (amount: number) => {
      for (;;) {
        try {
          return await db.runTransaction(async (txn: { collection: typeof db.collection }) => {
            const current = (await (txn.collection('counters').doc('total').get() as unknown as Promise<One<{ value: number }>>)).data.value;
            await txn.collection('counters').doc('total').update({ data: { value: current + amount } });
            await txn.collection('ledger').add({ data: { counter: 'total', amount } });
          }, 1);
        } catch (error) {
          // Conflicts found by an operation come back through wx-server-sdk as errCode -501001 with the
          // text only; conflicts found at commit keep their code. Function code must recognise both.
          const err = error as { code?: string; message?: string };
          if (err.code !== 'DATABASE_TRANSACTION_CONFLICT' && !/Transaction is conflicting/.test(err.message ?? '')) throw error;
          conflicts++;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
        }
      }
    };
    await Promise.all(Array.from({ length: 30 }, (_u, i) => increment(i + 1)));
    const total = (await asOne<{ value: number }>(db.collection('counters').doc('total').get())).data.value;
    expect(total).toBe((30 * 31) / 2);
    expect(((await db.collection('ledger').where({ counter: 'total' }).count()) as { total: number }).total).toBe(30);
    expect(conflicts).toBeGreaterThan(0);
  });

  test('a transaction that found no document conflicts when another creates it first, so its retry adds to it', async () => {
    const fresh = () => db.collection('counters').doc('created-meanwhile');
    let released!: () => void;
    const release = new Promise<void>((resolve) => (released = resolve));
    let readAbsent!: () => void;
    const hasReadAbsent = new Promise<void>((resolve) => (readAbsent = resolve));
    const add = async (amount: number, pauseFirstTry: boolean) => {
      let tries = 0;
      for (;;) {
        try {
          const total = await db.runTransaction(async (txn: { collection: typeof db.collection }) => {
            tries++;
            const current = await (txn.collection('counters').doc('created-meanwhile').get() as unknown as Promise<One<{ value: number }>>).then(
              (res) => res.data.value,
              (error: Error) => {
                if (/does not exist/.test(error.message)) return 0;
                throw error;
              },
            );
            if (pauseFirstTry && tries === 1) {
              readAbsent();
              await release;
            }
            await txn.collection('counters').doc('created-meanwhile').set({ data: { value: current + amount } });
            return current + amount;
          }, 1);
          return { total, tries };
        } catch (error) {
          if (!/Transaction is conflicting/.test((error as Error).message ?? '')) throw error;
        }
      }
    };
    const slow = add(10, true);
    await hasReadAbsent;
    expect(await add(5, false)).toEqual({ total: 5, tries: 1 });
    released();
    expect(await slow).toEqual({ total: 15, tries: 2 });
    expect((await asOne<{ value: number }>(fresh().get())).data.value).toBe(15);
  });

  test('a transaction is atomic: an aborted one leaves nothing, and its writes are invisible until commit', async () => {
    await db.collection('counters').doc('atomic').set({ data: { value: 1 } });
    await expect(
      db.runTransaction(async (txn: { collection: typeof db.collection; rollback: (reason: unknown) => Promise<void> }) => {
        await txn.collection('counters').doc('atomic').update({ data: { value: 2 } });
        await txn.collection('ledger').add({ data: { counter: 'atomic' } });
        const outside = (await asOne<{ value: number }>(db.collection('counters').doc('atomic').get())).data.value;
        expect(outside).toBe(1);
        await txn.rollback('no');
      }),
    ).rejects.toBe('no');
    expect((await asOne<{ value: number }>(db.collection('counters').doc('atomic').get())).data.value).toBe(1);
    expect(((await db.collection('ledger').where({ counter: 'atomic' }).count()) as { total: number }).total).toBe(0);
  });

  test('a unique violation inside a transaction fails the commit and writes nothing', async () => {
    await db.collection('items').add({ data: { sku: 'T-1' } });
    await expect(
      db.runTransaction(async (txn: { collection: typeof db.collection }) => {
        await txn.collection('items').add({ data: { sku: 'T-2' } });
        await txn.collection('items').add({ data: { sku: 'T-1' } });
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(((await db.collection('items').where({ sku: 'T-2' }).count()) as { total: number }).total).toBe(0);
  });
});
