import { find, Query } from 'mingo';
import type { CollectionSpec, IndexSpec } from '../../shared/db/schema';
import { isPlainObject, type Doc } from './ejson';
import { IndexStore } from './index-store';
import { compareScalars, isLookupScalar, scalarClass, valueKey } from './keys';

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

type Plan = { size: number; ids: () => Iterable<string> };

/** Mongo indexes every collection on _id: ranges on it (paging a whole collection by _id) walk it in order too. */
const ID_INDEX: IndexSpec = { name: '_id_', keys: [{ field: '_id', direction: 1 }], unique: false };
type Bounds = { lower?: Bound; upper?: Bound };

/** How a find was answered, for tests and benchmarks: which path, and how many documents it looked at. */
export interface Explanation {
  strategy: 'index walk' | 'index candidates' | 'scan';
  examined: number;
}

/**
 * One collection held in memory: documents by id key, their insertion order, and the declared
 * indexes. Matching, sorting and projection are mingo's; this class only narrows the candidates with an
 * index when the query allows it, so an indexed lookup does not scan the collection.
 */
export class Collection {
  readonly docs = new Map<string, Doc>();
  private readonly order = new Map<string, number>();
  private nextSeq = 0;
  private indexes: IndexStore[] = [new IndexStore(ID_INDEX)];

  constructor(readonly name: string) {}

  /** Rebuilds the indexes; refuses a unique index that the stored documents already break. */
  setIndexes(specs: IndexSpec[]): void {
    const indexes = [ID_INDEX, ...specs].map((spec) => new IndexStore(spec));
    for (const [id, doc] of this.docs) {
      for (const index of indexes) {
        if (index.uniqueConflict(doc, id) !== undefined) {
          throw new Error(`collection ${this.name}: existing documents break unique index ${index.spec.name}`);
        }
        index.add(id, doc);
      }
    }
    this.indexes = indexes;
  }

  /** A duplicate-key description for the first unique index a batch of writes would break. */
  uniqueViolation(writes: Array<{ id: string; doc: Doc | null }>): string | undefined {
    const touched = new Set(writes.map((w) => w.id));
    for (const index of this.indexes) {
      if (!index.spec.unique) continue;
      const batchKeys = new Map<string, string>();
      for (const write of writes) {
        if (!write.doc) continue;
        const clash = index.uniqueConflict(write.doc, write.id, touched);
        const keys = index.compoundKeys(write.doc);
        const inBatch = keys.find((key) => batchKeys.has(key) && batchKeys.get(key) !== write.id);
        if (clash !== undefined || inBatch !== undefined) {
          const dup = index.spec.keys.map((k) => `${k.field}: ${JSON.stringify(pick(write.doc!, k.field))}`).join(', ');
          return `index: ${index.spec.name} dup key: { ${dup} }`;
        }
        for (const key of keys) batchKeys.set(key, write.id);
      }
    }
    return undefined;
  }

  put(id: string, doc: Doc): void {
    const previous = this.docs.get(id);
    if (previous) for (const index of this.indexes) index.remove(id, previous);
    else this.order.set(id, this.nextSeq++);
    this.docs.set(id, doc);
    for (const index of this.indexes) index.add(id, doc);
  }

  delete(id: string): void {
    const previous = this.docs.get(id);
    if (!previous) return;
    for (const index of this.indexes) index.remove(id, previous);
    this.docs.delete(id);
    this.order.delete(id);
  }

  /** Matching documents (live references: callers must not mutate them). */
  find(query: Doc, options: FindOptions = {}): Doc[] {
    return this.run(query, options).docs;
  }

  explain(query: Doc, options: FindOptions = {}): Explanation {
    const { strategy, examined } = this.run(query, options);
    return { strategy, examined };
  }

  private run(query: Doc, options: FindOptions): Explanation & { docs: Doc[] } {
    const walked = this.walk(query, options);
    if (walked) return walked;
    const plan = this.plan(query);
    const candidates = this.candidates(query, plan);
    return { docs: findIn(candidates, query, options), strategy: plan ? 'index candidates' : 'scan', examined: candidates.length };
  }

  /**
   * A range with a limit, sorted on the range's field or not at all, read in index order: the walk stops
   * once skip + limit documents matched instead of materialising and sorting the whole range. Matching
   * is still mingo's, on each document walked. Equal values come out in insertion order, as mingo's
   * stable sort orders them; without a sort this is the index's order, as Mongo answers from an index.
   * Returns undefined (take the exact path) when a matched document holds an array on the field: a
   * multikey document sorts by its smallest or largest element, not where the walk meets it.
   */
  private walk(query: Doc, options: FindOptions): (Explanation & { docs: Doc[] }) | undefined {
    const { limit } = options;
    if (limit === undefined || limit <= 0) return undefined;
    const sort = Object.entries(options.order ?? {});
    if (sort.length > 1 || (sort.length === 1 && sort[0][1] !== 1 && sort[0][1] !== -1)) return undefined;
    const conditions = flattenAnd(query);
    if (conditions.some(([field, condition]) => this.equalityPlan(field, condition))) return undefined;
    const range = this.chooseRange(conditions, sort[0]?.[0]);
    if (!range || (sort.length === 1 && range.field !== sort[0][0])) return undefined;

    const wanted = (options.offset ?? 0) + limit;
    const matcher = new Query(query);
    const matched: Doc[] = [];
    const seen = new Set<string>();
    let examined = 0;
    let ties: Doc[] = [];
    let tieValue: unknown;
    const flushTies = () => {
      ties.sort((a, b) => this.order.get(valueKey(a._id))! - this.order.get(valueKey(b._id))!);
      matched.push(...ties);
      ties = [];
    };
    for (const [value, id] of range.index.walkRange(range.bounds.lower, range.bounds.upper, sort[0]?.[1] ?? 1)) {
      if (ties.length && compareScalars(value, tieValue) !== 0) {
        flushTies();
        if (matched.length >= wanted) break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      const doc = this.docs.get(id);
      if (!doc) continue;
      examined++;
      if (!matcher.test(doc)) continue;
      if (holdsArray(doc, range.field)) return undefined;
      ties.push(doc);
      tieValue = value;
    }
    flushTies();
    const page = matched.slice(options.offset ?? 0, wanted);
    const docs = options.projection ? (find(page, {}, options.projection as never).all() as Doc[]) : page;
    return { docs, strategy: 'index walk', examined };
  }

  /** The documents an index says could match, in insertion order; every document when none applies. */
  candidates(query: Doc, plan = this.plan(query)): Doc[] {
    if (!plan) return [...this.docs.values()];
    const ids = [...new Set(plan.ids())].filter((id) => this.docs.has(id));
    ids.sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    return ids.map((id) => this.docs.get(id)!);
  }

  /**
   * Picks one index lookup for a query: the smallest equality/$in bucket if any, else one range per
   * field with every bound on it merged — the SDK sends `_.gte(a).and(_.lt(b))` as two `$and` parts.
   */
  private plan(query: Doc): Plan | undefined {
    const conditions = flattenAnd(query);
    let best: Plan | undefined;
    for (const [field, condition] of conditions) {
      const plan = this.equalityPlan(field, condition);
      if (plan && (!best || plan.size < best.size)) best = plan;
    }
    if (best) return best;
    const range = this.chooseRange(conditions);
    if (!range) return undefined;
    const ids = range.index.lookupRange(range.bounds.lower, range.bounds.upper);
    return { size: ids.length, ids: () => ids };
  }

  /**
   * The one indexed range to use, every bound on its field merged: `field` when it has one, else one
   * bounded on both sides if any.
   */
  private chooseRange(conditions: Array<[string, unknown]>, field?: string): { field: string; index: IndexStore; bounds: Bounds } | undefined {
    const ranges = new Map<string, Bounds>();
    for (const [name, condition] of conditions) {
      const bounds = rangeBounds(condition);
      if (!bounds || !this.indexes.some((index) => index.firstField === name)) continue;
      ranges.set(name, mergeBounds(ranges.get(name), bounds));
    }
    const preferred = field !== undefined && ranges.has(field) ? ([field, ranges.get(field)!] as const) : undefined;
    const chosen = preferred ?? [...ranges].sort(([, a], [, b]) => Number(Boolean(b.lower && b.upper)) - Number(Boolean(a.lower && a.upper)))[0];
    if (!chosen) return undefined;
    return { field: chosen[0], index: this.indexes.find((candidate) => candidate.firstField === chosen[0])!, bounds: chosen[1] };
  }

  private equalityPlan(field: string, condition: unknown): Plan | undefined {
    const equals = equalityValues(condition);
    if (!equals) return undefined;
    if (field === '_id') {
      const ids = equals.map(valueKey);
      return { size: ids.length, ids: () => ids };
    }
    const index = this.indexes.find((candidate) => candidate.firstField === field);
    if (!index) return undefined;
    const buckets = equals.map((value) => index.lookupEqual(value));
    const size = buckets.reduce((sum, bucket) => sum + bucket.size, 0);
    return { size, ids: () => buckets.flatMap((bucket) => [...bucket]) };
  }
}

/** Field conditions that must all hold: the top level plus (nested) `$and` parts. */
function flattenAnd(query: Doc): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [field, condition] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) out.push(...flattenAnd(part));
    } else if (!field.startsWith('$')) out.push([field, condition]);
  }
  return out;
}

/** The tighter of two bounds sets; bounds of another type than the first seen are left to mingo. */
function mergeBounds(current: { lower?: Bound; upper?: Bound } | undefined, next: { lower?: Bound; upper?: Bound }) {
  if (!current) return next;
  const cls = scalarClass((current.lower ?? current.upper)!.value);
  const same = (bound?: Bound) => bound && scalarClass(bound.value) === cls;
  let { lower, upper } = current;
  if (same(next.lower)) {
    const cmp = lower ? compareScalars(next.lower!.value, lower.value) : 1;
    if (cmp > 0 || (cmp === 0 && !next.lower!.inclusive)) lower = next.lower;
  }
  if (same(next.upper)) {
    const cmp = upper ? compareScalars(next.upper!.value, upper.value) : -1;
    if (cmp < 0 || (cmp === 0 && !next.upper!.inclusive)) upper = next.upper;
  }
  return { lower, upper };
}

/** Mongo find semantics (match, sort, skip, limit, projection) over a given list of documents. */
export function findIn(docs: Doc[], query: Doc, options: FindOptions = {}): Doc[] {
  let cursor = find(docs, query, options.projection as never);
  if (options.order && Object.keys(options.order).length) cursor = cursor.sort(options.order);
  if (options.offset) cursor = cursor.skip(options.offset);
  if (options.limit !== undefined) cursor = cursor.limit(options.limit);
  return cursor.all() as Doc[];
}

export function createCollection(spec: Pick<CollectionSpec, 'name' | 'indexes'>): Collection {
  const collection = new Collection(spec.name);
  collection.setIndexes(spec.indexes);
  return collection;
}

function equalityValues(condition: unknown): unknown[] | undefined {
  if (isLookupScalar(condition)) return [condition];
  if (!isPlainObject(condition)) return undefined;
  if ('$eq' in condition && isLookupScalar(condition.$eq)) return [condition.$eq];
  const list = condition.$in;
  if (Array.isArray(list) && list.every(isLookupScalar)) return list;
  return undefined;
}

type Bound = { value: unknown; inclusive: boolean };

function rangeBounds(condition: unknown): { lower?: Bound; upper?: Bound } | undefined {
  if (!isPlainObject(condition)) return undefined;
  const lowerValue = condition.$gte ?? condition.$gt;
  const upperValue = condition.$lte ?? condition.$lt;
  const lower = lowerValue === undefined ? undefined : { value: lowerValue, inclusive: '$gte' in condition };
  const upper = upperValue === undefined ? undefined : { value: upperValue, inclusive: '$lte' in condition };
  if (!lower && !upper) return undefined;
  const classes = [lower, upper].filter(Boolean).map((bound) => scalarClass(bound!.value));
  if (classes.some((cls) => !cls) || new Set(classes).size > 1) return undefined;
  return { lower, upper };
}

/** Whether a dotted path meets an array anywhere on the way (a multikey value for the index on it). */
function holdsArray(doc: Doc, path: string): boolean {
  let node: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(node)) return true;
    if (node === null || typeof node !== 'object' || node instanceof Date) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return Array.isArray(node);
}

function pick(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}
