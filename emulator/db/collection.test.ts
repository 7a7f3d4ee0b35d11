import { createCollection, findIn, type FindOptions } from './collection';
import type { Doc } from './ejson';

/** Deterministic pseudo-random numbers so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

const INDEXES = [
  { name: 'n', keys: [{ field: 'n', direction: 1 as const }], unique: false },
  { name: 's', keys: [{ field: 's', direction: 1 as const }], unique: false },
  { name: 'at', keys: [{ field: 'at', direction: 1 as const }], unique: false },
  { name: 'tags', keys: [{ field: 'tags', direction: 1 as const }], unique: false },
  { name: 'deep', keys: [{ field: 'o.k', direction: 1 as const }], unique: false },
];

function makeDocs(count: number, random: () => number): Doc[] {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_u, i) => {
    const doc: Doc = { _id: `d${i}` };
    if (random() > 0.1) doc.n = pick([0, 1, 2, 3, 4, 5, 1.5, -1, '3', null]);
    if (random() > 0.1) doc.s = pick(['a', 'b', 'c', 'ab', '', 'B']);
    if (random() > 0.2) doc.at = new Date(Date.UTC(2026, 0, 1 + Math.floor(random() * 10)));
    if (random() > 0.2) doc.tags = random() > 0.5 ? [pick(['x', 'y', 'z']), pick(['x', 'w'])] : pick(['x', 'y', []]);
    if (random() > 0.3) doc.o = random() > 0.5 ? { k: pick([1, 2, 3]) } : [{ k: pick([1, 2]) }, { k: 3 }];
    return doc;
  });
}

function makeQueries(random: () => number): Doc[] {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const day = (d: number) => new Date(Date.UTC(2026, 0, d));
  const conditions: Array<() => Doc> = [
    () => ({ n: pick([0, 1, 3, 1.5, -1, '3']) }),
    () => ({ n: { $in: [pick([1, 2]), pick([3, '3'])] } }),
    () => ({ n: { $gte: pick([0, 1, 2]), $lt: pick([3, 4, 6]) } }),
    () => ({ n: { $gt: pick([-5, 1, 4]) } }),
    () => ({ s: pick(['a', 'b', 'B', '']) }),
    () => ({ s: { $gte: 'a', $lte: pick(['ab', 'b', 'c']) } }),
    () => ({ at: { $gte: day(pick([1, 3, 5])), $lt: day(pick([6, 8, 12])) } }),
    () => ({ at: day(pick([1, 2, 3])) }),
    () => ({ tags: pick(['x', 'y', 'w']) }),
    () => ({ tags: { $in: ['z', 'w'] } }),
    () => ({ 'o.k': pick([1, 2, 3]) }),
    () => ({ _id: pick(['d1', 'd7', 'nope']) }),
    () => ({ _id: { $in: ['d2', 'd3', 'zz'] } }),
    () => ({ n: { $eq: 2 }, s: 'a' }),
    () => ({ $and: [{ n: { $gte: 1 } }, { s: pick(['a', 'b']) }] }),
    () => ({ $or: [{ n: 1 }, { s: 'c' }] }),
    () => ({ n: { $ne: 2 } }),
  ];
  return Array.from({ length: 400 }, () => {
    const query: Doc = {};
    for (let k = 0; k < 1 + Math.floor(random() * 2); k++) Object.assign(query, pick(conditions)());
    return query;
  });
}

test('indexed queries return exactly what a full scan returns, in the same order', () => {
  const random = rng(42);
  const docs = makeDocs(1500, random);
  const collection = createCollection({ name: 'c', indexes: INDEXES });
  docs.forEach((doc) => collection.put(String(doc._id).replace(/^/, 's:'), doc));
  for (const query of makeQueries(random)) {
    const indexed = collection.find(query).map((d) => d._id);
    const scanned = findIn(docs, query).map((d) => d._id);
    expect({ query, ids: indexed }).toEqual({ query, ids: scanned });
  }
});

test('indexes stay right through updates and deletes', () => {
  const random = rng(7);
  const docs = makeDocs(400, random);
  const collection = createCollection({ name: 'c', indexes: INDEXES });
  const live = new Map<string, Doc>();
  docs.forEach((doc) => {
    collection.put(`s:${doc._id}`, doc);
    live.set(`s:${doc._id}`, doc);
  });
  const replacements = makeDocs(400, random);
  replacements.forEach((doc, i) => {
    const key = `s:d${i}`;
    if (i % 3 === 0) {
      collection.delete(key);
      live.delete(key);
    } else if (i % 3 === 1) {
      const next = { ...doc, _id: `d${i}` };
      collection.put(key, next);
      live.set(key, next);
    }
  });
  for (const query of makeQueries(random)) {
    expect(collection.find(query).map((d) => d._id).sort()).toEqual(findIn([...live.values()], query).map((d) => d._id).sort());
  }
});

test('an indexed lookup among 100 000 documents examines only its matches', () => {
  const collection = createCollection({
    name: 'members',
    indexes: [
      { name: 'memberId', keys: [{ field: 'memberId', direction: 1 }], unique: false },
      { name: 'createdAt', keys: [{ field: 'createdAt', direction: -1 }], unique: false },
    ],
  });
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 100_000; i++) {
    collection.put(`s:${i}`, { _id: String(i), memberId: `m${i % 10_000}`, createdAt: new Date(base + i * 60_000), other: i % 10_000 });
  }
  expect(collection.candidates({ memberId: 'm42' })).toHaveLength(10);
  expect(collection.find({ memberId: 'm42' })).toHaveLength(10);
  const from = new Date(base + 500 * 60_000);
  const to = new Date(base + 600 * 60_000);
  expect(collection.candidates({ createdAt: { $gte: from, $lt: to } })).toHaveLength(100);
  // an unindexed field has to scan everything — the contrast the index is for
  expect(collection.candidates({ other: 42 })).toHaveLength(100_000);
});

test('a unique index refuses existing documents that already break it', () => {
  const collection = createCollection({ name: 'c', indexes: [] });
  collection.put('s:1', { _id: '1', phone: '1' });
  collection.put('s:2', { _id: '2', phone: '1' });
  expect(() => collection.setIndexes([{ name: 'phone', keys: [{ field: 'phone', direction: 1 }], unique: true }])).toThrow(/phone/);
});

/** Range queries with limit, skip and sort, as `where(range).orderBy(...).skip(n).limit(m)` sends them. */
function makePagedQueries(random: () => number): Array<{ query: Doc; options: FindOptions; rangeField: string }> {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const day = (d: number) => new Date(Date.UTC(2026, 0, d));
  const ranges: Array<() => [string, Doc]> = [
    () => ['n', { n: { $gte: pick([-1, 0, 1, 2]), $lt: pick([3, 4, 6]) } }],
    () => ['n', { n: { $gt: pick([-5, 1, 1.5]) } }],
    () => ['n', { $and: [{ n: { $gte: pick([0, 1]) } }, { n: { $lte: pick([2, 5]) } }] }],
    () => ['s', { s: { $gte: pick(['', 'a', 'B']), $lte: pick(['ab', 'b', 'c']) } }],
    () => ['at', { at: { $gte: day(pick([1, 3, 5])), $lt: day(pick([6, 8, 12])) } }],
    () => ['at', { at: { $lte: day(pick([2, 6, 9])) } }],
    () => ['tags', { tags: { $gte: pick(['w', 'x']) } }],
    () => ['o.k', { 'o.k': { $gte: pick([1, 2]) } }],
  ];
  const extras: Array<() => Doc> = [
    () => ({}),
    () => ({}),
    () => ({ s: { $ne: pick(['a', 'b']) } }),
    () => ({ $or: [{ s: 'a' }, { tags: 'x' }] }),
    () => ({ at: { $exists: true } }),
  ];
  return Array.from({ length: 400 }, () => {
    const [rangeField, range] = pick(ranges)();
    const query = { ...pick(extras)(), ...range };
    const sort = pick<Record<string, 1 | -1> | undefined>([undefined, { [rangeField]: 1 }, { [rangeField]: -1 }, { s: 1 }, { [rangeField]: -1, _id: 1 }]);
    const options: FindOptions = { limit: 1 + Math.floor(random() * 40) };
    if (sort) options.order = sort;
    if (random() > 0.5) options.offset = Math.floor(random() * 60);
    if (random() > 0.7) options.projection = pick([{ n: 1 }, { tags: 0 }, { s: 1, at: 1 }]);
    return { query, options, rangeField };
  });
}

test('range queries with limit, skip and sort return exactly what a full scan returns', () => {
  const random = rng(2026);
  const docs = makeDocs(2000, random);
  // ties: many documents share each value, so the order among equals is tested too
  const collection = createCollection({ name: 'c', indexes: INDEXES });
  docs.forEach((doc) => collection.put(`s:${doc._id}`, doc));
  const strategies: Record<string, number> = {};
  for (const { query, options, rangeField } of makePagedQueries(random)) {
    const got = collection.find(query, options);
    const { strategy } = collection.explain(query, options);
    strategies[strategy] = (strategies[strategy] ?? 0) + 1;
    // Without a sort, a walk answers in index order (as Mongo does from an index); the other paths in insertion order.
    const expectedOptions = !options.order && strategy === 'index walk' ? { ...options, order: { [rangeField]: 1 as const } } : options;
    expect({ query, options, strategy, docs: got }).toEqual({ query, options, strategy, docs: findIn(docs, query, expectedOptions) });
  }
  // both paths were exercised, the walk most
  expect(strategies['index walk']).toBeGreaterThan(150);
  expect(strategies['index candidates']).toBeGreaterThan(50);
});

test('a range query with a limit walks the index in order and stops at skip + limit', () => {
  const collection = createCollection({
    name: 'members',
    indexes: [{ name: 'createdAt', keys: [{ field: 'createdAt', direction: -1 }], unique: false }],
  });
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 100_000; i++) collection.put(`s:${i}`, { _id: String(i), createdAt: new Date(base + i * 60_000), other: i % 7 });
  const window = { createdAt: { $gte: new Date(base + 20_000 * 60_000), $lt: new Date(base + 70_000 * 60_000) } };

  const oldest = collection.explain(window, { limit: 100 });
  expect(oldest).toMatchObject({ strategy: 'index walk', examined: 100 });
  expect(collection.find(window, { limit: 100 })[0]._id).toBe('20000');

  const newest = collection.explain(window, { order: { createdAt: -1 }, offset: 50, limit: 100 });
  expect(newest).toMatchObject({ strategy: 'index walk', examined: 150 });
  expect(collection.find(window, { order: { createdAt: -1 }, offset: 50, limit: 100 })[0]._id).toBe('69949');

  // A filter the index does not answer is still mingo's, tested on each document walked.
  const filtered = collection.explain({ ...window, other: 3 }, { limit: 10 });
  expect(filtered.strategy).toBe('index walk');
  expect(filtered.examined).toBeLessThan(100);
  expect(collection.find({ ...window, other: 3 }, { limit: 10 }).every((doc) => doc.other === 3)).toBe(true);

  // Sorting on another field needs every match.
  expect(collection.explain(window, { order: { other: 1 }, limit: 100 })).toMatchObject({ strategy: 'index candidates', examined: 50_000 });
});

test('paging a whole collection by _id walks the implicit _id index, as Mongo does', () => {
  const collection = createCollection({ name: 'members', indexes: [] });
  for (let i = 0; i < 20_000; i++) collection.put(`s:m${String(i).padStart(5, '0')}`, { _id: `m${String(i).padStart(5, '0')}`, n: i });
  const after = { _id: { $gt: 'm09999' } };
  expect(collection.explain(after, { order: { _id: 1 }, limit: 1000 })).toMatchObject({ strategy: 'index walk', examined: 1000 });
  const page = collection.find(after, { order: { _id: 1 }, limit: 1000 });
  expect(page.map((doc) => doc._id)).toEqual(Array.from({ length: 1000 }, (_u, i) => `m${String(10_000 + i).padStart(5, '0')}`));
  expect(collection.find(after, { order: { _id: -1 }, limit: 2 }).map((doc) => doc._id)).toEqual(['m19999', 'm19998']);
});

test('a range walk falls back to the exact path when a matched document holds an array on the field', () => {
  const collection = createCollection({ name: 'c', indexes: [{ name: 'n', keys: [{ field: 'n', direction: 1 }], unique: false }] });
  collection.put('s:a', { _id: 'a', n: 5 });
  collection.put('s:b', { _id: 'b', n: [1, 9] });
  collection.put('s:c', { _id: 'c', n: 3 });
  const query = { n: { $gte: 0 } };
  expect(collection.explain(query, { order: { n: -1 }, limit: 2 }).strategy).toBe('index candidates');
  expect(collection.find(query, { order: { n: -1 }, limit: 2 }).map((d) => d._id)).toEqual(findIn([...collection.docs.values()], query, { order: { n: -1 }, limit: 2 }).map((d) => d._id));
});
