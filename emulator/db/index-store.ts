import BTree from 'sorted-btree';
import type { IndexSpec } from '../../shared/db/schema';
import { compareScalars, scalarClass, valueKey, valuesAtPath, type ScalarClass } from './keys';
import type { Doc } from './ejson';

type RangeKey = [value: unknown, id: string];
type Bound = { value: unknown; inclusive: boolean };

/** Sorts before / after every id key (ids are valueKey strings such as 's:…'). */
const BEFORE_ALL_IDS = '';
const AFTER_ALL_IDS = '\uffff';

function compareRangeKeys(a: RangeKey, b: RangeKey): number {
  return compareScalars(a[0], b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

/**
 * One declared index. Equality buckets and per-type sorted lists cover the first key (what lookups
 * use); the full compound key is kept only to enforce uniqueness. Ranges are bracketed by type as in
 * Mongo ($gt: 5 never matches a string), so one sorted list per scalar class is exact.
 */
export class IndexStore {
  readonly firstField: string;
  private readonly equal = new Map<string, Set<string>>();
  private readonly sorted = new Map<ScalarClass, BTree<RangeKey, true>>();
  private readonly uniqueKeys = new Map<string, string>();

  constructor(readonly spec: IndexSpec) {
    this.firstField = spec.keys[0].field;
  }

  /** Compound keys of a document; multikey fields expand into one key per element. */
  compoundKeys(doc: Doc): string[] {
    let keys = [''];
    for (const { field } of this.spec.keys) {
      const parts = [...new Set(valuesAtPath(doc, field).map(valueKey))];
      keys = keys.flatMap((prefix) => parts.map((part) => `${prefix}|${part}`));
    }
    return keys;
  }

  /** The id of another document that already holds one of `doc`'s unique keys, if any. */
  uniqueConflict(doc: Doc, id: string, ignore?: Set<string>): string | undefined {
    if (!this.spec.unique) return undefined;
    for (const key of this.compoundKeys(doc)) {
      const owner = this.uniqueKeys.get(key);
      if (owner !== undefined && owner !== id && !ignore?.has(owner)) return owner;
    }
    return undefined;
  }

  add(id: string, doc: Doc): void {
    for (const value of new Set(valuesAtPath(doc, this.firstField))) {
      const key = valueKey(value);
      let bucket = this.equal.get(key);
      if (!bucket) this.equal.set(key, (bucket = new Set()));
      bucket.add(id);
      const cls = scalarClass(value);
      if (cls) {
        let tree = this.sorted.get(cls);
        if (!tree) this.sorted.set(cls, (tree = new BTree<RangeKey, true>(undefined, compareRangeKeys)));
        tree.set([value, id], true);
      }
    }
    if (this.spec.unique) for (const key of this.compoundKeys(doc)) this.uniqueKeys.set(key, id);
  }

  remove(id: string, doc: Doc): void {
    for (const value of new Set(valuesAtPath(doc, this.firstField))) {
      const key = valueKey(value);
      const bucket = this.equal.get(key);
      bucket?.delete(id);
      if (bucket?.size === 0) this.equal.delete(key);
      const cls = scalarClass(value);
      if (cls) this.sorted.get(cls)?.delete([value, id]);
    }
    if (this.spec.unique) {
      for (const key of this.compoundKeys(doc)) if (this.uniqueKeys.get(key) === id) this.uniqueKeys.delete(key);
    }
  }

  lookupEqual(value: unknown): Set<string> {
    return this.equal.get(valueKey(value)) ?? new Set();
  }

  /**
   * Entries (value, id) within the bounds in value order — ascending, or descending for -1 — lazily,
   * so a caller that needs only the first few stops early. Bounds must be of one scalar class.
   */
  *walkRange(lower: Bound | undefined, upper: Bound | undefined, direction: 1 | -1): Generator<RangeKey> {
    const cls = scalarClass(lower?.value ?? upper?.value);
    const tree = cls ? this.sorted.get(cls) : undefined;
    if (!tree || tree.size === 0) return;
    const low: RangeKey = lower ? [lower.value, lower.inclusive ? BEFORE_ALL_IDS : AFTER_ALL_IDS] : tree.minKey()!;
    const high: RangeKey = upper ? [upper.value, upper.inclusive ? AFTER_ALL_IDS : BEFORE_ALL_IDS] : tree.maxKey()!;
    if (compareRangeKeys(low, high) > 0) return;
    if (direction === 1) {
      for (const [key] of tree.entries(low)) {
        if (compareRangeKeys(key, high) > 0) return;
        yield key;
      }
    } else {
      for (const [key] of tree.entriesReversed(high)) {
        if (compareRangeKeys(key, low) < 0) return;
        yield key;
      }
    }
  }

  /** Ids whose first-key value lies within the bounds; bounds must be of one scalar class. */
  lookupRange(lower?: { value: unknown; inclusive: boolean }, upper?: { value: unknown; inclusive: boolean }): string[] {
    const cls = scalarClass(lower?.value ?? upper?.value);
    const tree = cls ? this.sorted.get(cls) : undefined;
    if (!tree || tree.size === 0) return [];
    const low: RangeKey = lower ? [lower.value, lower.inclusive ? BEFORE_ALL_IDS : AFTER_ALL_IDS] : tree.minKey()!;
    const high: RangeKey = upper ? [upper.value, upper.inclusive ? AFTER_ALL_IDS : BEFORE_ALL_IDS] : tree.maxKey()!;
    const ids: string[] = [];
    if (compareRangeKeys(low, high) > 0) return ids;
    tree.forRange(low, high, true, (key) => {
      ids.push(key[1]);
    });
    return ids;
  }
}
