import type { IndexSpec } from '../../shared/db/schema';
import { compareScalars, scalarClass, valueKey, valuesAtPath, type ScalarClass } from './keys';
import type { Doc } from './ejson';

interface RangeEntry {
  value: unknown;
  id: string;
}

/**
 * One declared index. Equality buckets and per-type sorted lists cover the first key (what lookups
 * use); the full compound key is kept only to enforce uniqueness. Ranges are bracketed by type as in
 * Mongo ($gt: 5 never matches a string), so one sorted list per scalar class is exact.
 */
export class IndexStore {
  readonly firstField: string;
  private readonly equal = new Map<string, Set<string>>();
  private readonly sorted = new Map<ScalarClass, RangeEntry[]>();
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
        const list = this.sorted.get(cls) ?? this.sorted.set(cls, []).get(cls)!;
        list.splice(this.lowerBound(list, value, id), 0, { value, id });
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
      const list = cls && this.sorted.get(cls);
      if (list) {
        const at = this.lowerBound(list, value, id);
        if (list[at]?.id === id) list.splice(at, 1);
      }
    }
    if (this.spec.unique) {
      for (const key of this.compoundKeys(doc)) if (this.uniqueKeys.get(key) === id) this.uniqueKeys.delete(key);
    }
  }

  lookupEqual(value: unknown): Set<string> {
    return this.equal.get(valueKey(value)) ?? new Set();
  }

  /** Ids whose first-key value lies within the bounds; bounds must be of one scalar class. */
  lookupRange(lower?: { value: unknown; inclusive: boolean }, upper?: { value: unknown; inclusive: boolean }): string[] {
    const cls = scalarClass(lower?.value ?? upper?.value);
    const list = cls ? this.sorted.get(cls) : undefined;
    if (!list) return [];
    let start = 0;
    if (lower) {
      start = this.firstAtOrAfter(list, lower.value);
      if (!lower.inclusive) while (start < list.length && compareScalars(list[start].value, lower.value) === 0) start++;
    }
    const ids: string[] = [];
    for (let i = start; i < list.length; i++) {
      if (upper) {
        const cmp = compareScalars(list[i].value, upper.value);
        if (cmp > 0 || (cmp === 0 && !upper.inclusive)) break;
      }
      ids.push(list[i].id);
    }
    return ids;
  }

  private firstAtOrAfter(list: RangeEntry[], value: unknown): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareScalars(list[mid].value, value) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(list: RangeEntry[], value: unknown, id: string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = compareScalars(list[mid].value, value) || (list[mid].id < id ? -1 : list[mid].id > id ? 1 : 0);
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
