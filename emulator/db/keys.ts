import { ObjectId } from 'bson';

/**
 * Canonical keys for index maps. Two values get the same key exactly when Mongo equality treats them as
 * equal for the scalar types an index lookup is used for (numbers, strings, booleans, dates, ObjectIds).
 * Anything else gets a structural key, which is only used for uniqueness, never for lookups.
 */
export type ScalarClass = 'number' | 'string' | 'date';

export function valueKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number') return `n:${Object.is(value, -0) ? 0 : value}`;
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof ObjectId) return `o:${value.toHexString()}`;
  return `j:${stableStringify(value)}`;
}

export function isLookupScalar(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    value instanceof Date ||
    value instanceof ObjectId
  );
}

export function scalarClass(value: unknown): ScalarClass | undefined {
  if (typeof value === 'number' && !Number.isNaN(value)) return 'number';
  if (typeof value === 'string') return 'string';
  if (value instanceof Date) return 'date';
  return undefined;
}

export function compareScalars(a: unknown, b: unknown): number {
  const x = a instanceof Date ? a.getTime() : (a as number | string);
  const y = b instanceof Date ? b.getTime() : (b as number | string);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Every value a dotted path reaches, descending through arrays the way Mongo's multikey indexes do
 * (`tags` on `{tags: ['a','b']}` yields 'a' and 'b'). A missing path yields `undefined` once.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out.length ? out : [undefined];
}

function collect(node: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(node)) {
      if (node.length === 0) out.push(undefined);
      for (const item of node) out.push(item);
    } else out.push(node);
    return;
  }
  if (Array.isArray(node)) {
    const index = Number(parts[i]);
    if (Number.isInteger(index) && String(index) === parts[i]) collect(node[index], parts, i + 1, out);
    else for (const item of node) collect(item, parts, i, out);
    return;
  }
  if (node !== null && typeof node === 'object' && !(node instanceof Date)) {
    const next = (node as Record<string, unknown>)[parts[i]];
    if (next !== undefined) collect(next, parts, i + 1, out);
  }
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value instanceof Date) return `{"$date":${value.getTime()}}`;
  if (value instanceof RegExp) return `{"$regex":${JSON.stringify(String(value))}}`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
