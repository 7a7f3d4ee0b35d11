import { randomBytes } from 'node:crypto';
import { aggregate, update as applyUpdate } from 'mingo';
import { ObjectId } from 'bson';
import type { DatabaseSchema } from '../../shared/db/schema';
import { CloudError } from '../types';
import { Collection, findIn, type FindOptions } from './collection';
import { isPlainObject, type Doc } from './ejson';
import { valueKey } from './keys';
import { Storage, type LogRecord, type StorageOptions } from './storage';

interface Write {
  c: string;
  key: string;
  id: unknown;
  doc: Doc | null;
}

interface Transaction {
  id: string;
  lastUsed: number;
  /** Version of every document the transaction looked at (found or not) or wrote, as it was then. */
  seen: Map<string, number>;
  writes: Map<string, Write>;
}

export interface UpdateSpec {
  data: Doc;
  /** true: `data` is an update-operator document; false: it replaces the document (doc().set). */
  merge: boolean;
  multi: boolean;
  upsert: boolean;
}

export const ERR = {
  notExist: (name: string) =>
    new CloudError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}`),
  conflict: () =>
    new CloudError(
      'DATABASE_TRANSACTION_CONFLICT',
      '[FailedOperation.Transaction] Transaction is conflicting with another operation, please retry. [WriteConflict]',
    ),
  duplicate: (collection: string, detail: string) =>
    new CloudError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collection} ${detail}`),
  failed: (message: string) => new CloudError('DATABASE_REQUEST_FAILED', message),
  invalid: (message: string) => new CloudError('INVALID_PARAM', message),
};

const TRANSACTION_LIFETIME_MS = 60_000;
/** A snapshot rewrite is costly: after one fails, requests go on without retrying it for this long. */
const COMPACT_RETRY_MS = 60_000;

/** CloudBase ids are 32 hex characters; a time-ordered prefix keeps them roughly sortable like theirs. */
export function newDocumentId(): string {
  return new ObjectId().toHexString() + randomBytes(4).toString('hex');
}

/**
 * The document database. Every request runs to completion synchronously on Node's single thread, so a
 * single request is isolated from every other; a conditional update cannot interleave with another.
 * Transactions are optimistic with first-committer-wins: each remembers the version of every document
 * it read (a read by id that found nothing included) or wrote, a write to a document another open
 * transaction wrote fails at once, and commit fails if anything it saw has changed — both with
 * DATABASE_TRANSACTION_CONFLICT, which `runTransaction`
 * in the SDK retries. No update is lost; writes of a transaction become visible all at once.
 */
export class Database {
  private readonly collections = new Map<string, Collection>();
  private readonly versions = new Map<string, number>();
  private readonly transactions = new Map<string, Transaction>();
  private readonly locks = new Map<string, string>();
  private readonly storage: Storage;
  private readonly sweeper: NodeJS.Timeout;
  private compactRetryAt = 0;

  constructor(
    dataDir: string,
    schema: DatabaseSchema,
    options: StorageOptions = {},
  ) {
    this.storage = new Storage(dataDir, options);
    this.storage.load((record) => this.apply(record));
    this.storage.open();
    for (const spec of schema.collections) this.ensureCollection(spec.name).setIndexes(spec.indexes);
    // Folding the log into the snapshot at start keeps the next start fast; nothing to fold, nothing to rewrite.
    if (this.storage.hasLog) this.compact();
    this.sweeper = setInterval(() => this.expireTransactions(), 5_000).unref();
  }

  close(): void {
    clearInterval(this.sweeper);
    this.storage.close();
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  createCollection(name: string): void {
    if (this.collections.has(name)) {
      throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
    }
    this.persist({ create: name });
  }

  insert(name: string, docs: Doc[], transactionId?: string): unknown[] {
    const collection = this.collection(name);
    const txn = this.transaction(transactionId);
    const writes: Write[] = [];
    const batch = new Set<string>();
    for (const input of docs) {
      if (!isPlainObject(input)) throw ERR.invalid('document must be an object');
      const doc = { ...input, _id: input._id ?? newDocumentId() };
      const key = valueKey(doc._id);
      const exists = txn ? this.view(txn, name, key) !== undefined : collection.docs.has(key);
      if (exists || batch.has(key)) throw ERR.duplicate(name, `index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`);
      batch.add(key);
      writes.push({ c: name, key, id: doc._id, doc });
    }
    this.write(writes, txn);
    return writes.map((w) => w.id);
  }

  find(name: string, query: Doc, options: FindOptions = {}, transactionId?: string): Doc[] {
    return this.matches(this.collection(name), query, this.transaction(transactionId), options);
  }

  count(name: string, query: Doc): number {
    return this.collection(name).find(query).length;
  }

  update(name: string, query: Doc, spec: UpdateSpec, transactionId?: string): { updated: number; upsertId?: unknown; doc?: Doc } {
    const collection = this.collection(name);
    const txn = this.transaction(transactionId);
    const matches = this.matches(collection, query, txn);
    const targets = spec.multi ? matches : matches.slice(0, 1);
    const writes: Write[] = [];
    let last: Doc | undefined;
    for (const target of targets) {
      const next = this.updated(target, spec);
      last = next;
      if (next) writes.push({ c: name, key: valueKey(target._id), id: target._id, doc: next });
    }
    if (!targets.length && spec.upsert) {
      const base: Doc = { _id: query._id ?? newDocumentId() };
      const doc = spec.merge ? this.updated(seedFromQuery(query, base), spec)! : { ...spec.data, _id: base._id };
      this.write([{ c: name, key: valueKey(doc._id), id: doc._id, doc }], txn);
      return { updated: 0, upsertId: doc._id, doc };
    }
    this.write(writes, txn);
    return { updated: writes.length, doc: last ?? targets[0] };
  }

  remove(name: string, query: Doc, multi: boolean, transactionId?: string): number {
    const collection = this.collection(name);
    const txn = this.transaction(transactionId);
    const matches = this.matches(collection, query, txn);
    const targets = multi ? matches : matches.slice(0, 1);
    this.write(
      targets.map((doc) => ({ c: name, key: valueKey(doc._id), id: doc._id, doc: null })),
      txn,
    );
    return targets.length;
  }

  aggregate(name: string, pipeline: Doc[]): Doc[] {
    const collection = this.collection(name);
    const first = pipeline[0];
    const input = first && isPlainObject(first.$match) ? collection.candidates(first.$match) : [...collection.docs.values()];
    try {
      return aggregate(input, pipeline, {
        collectionResolver: (other: string) => [...(this.collections.get(other)?.docs.values() ?? [])],
      }) as Doc[];
    } catch (error) {
      throw ERR.failed((error as Error).message);
    }
  }

  startTransaction(): string {
    const id = `txn-${newDocumentId()}`;
    this.transactions.set(id, { id, lastUsed: Date.now(), seen: new Map(), writes: new Map() });
    return id;
  }

  commitTransaction(id: string): void {
    const txn = this.transaction(id)!;
    for (const [key, version] of txn.seen) {
      if ((this.versions.get(key) ?? 0) !== version) {
        this.endTransaction(txn);
        throw ERR.conflict();
      }
    }
    try {
      this.commit([...txn.writes.values()]);
    } finally {
      this.endTransaction(txn);
    }
  }

  abortTransaction(id: string): void {
    this.endTransaction(this.transaction(id)!);
  }

  /**
   * Compacts the log when it has grown; called between requests, never inside one. It never throws:
   * the request before it is already applied and acknowledged, and a compaction that fails (a full
   * disk) leaves the snapshot and log intact, so it is logged and tried again a little later.
   */
  maintain(): void {
    if (this.storage.needsCompaction && Date.now() >= this.compactRetryAt) this.compact();
  }

  private compact(): void {
    try {
      this.storage.compact(this.snapshot());
      this.compactRetryAt = 0;
    } catch (error) {
      this.compactRetryAt = Date.now() + COMPACT_RETRY_MS;
      console.error(
        `local cloud: compaction failed, the snapshot and log are kept as they were; next try in ${COMPACT_RETRY_MS / 1000} s: ${(error as Error).message}`,
      );
    }
  }

  private updated(target: Doc, spec: UpdateSpec): Doc | undefined {
    if (!spec.merge) {
      const next = { ...spec.data, _id: target._id };
      return JSON.stringify(next) === JSON.stringify(target) ? undefined : next;
    }
    if ('_id' in (spec.data.$set as Doc | undefined ?? {})) throw ERR.invalid('不能更新_id的值');
    const next = structuredClone(target);
    let changed: string[];
    try {
      changed = applyUpdate(next, spec.data as never);
    } catch (error) {
      throw ERR.failed((error as Error).message);
    }
    return changed.length ? next : undefined;
  }

  private collection(name: string): Collection {
    const collection = this.collections.get(name);
    if (!collection) throw ERR.notExist(name);
    return collection;
  }

  private ensureCollection(name: string): Collection {
    if (!this.collections.has(name)) this.persist({ create: name });
    return this.collections.get(name)!;
  }

  private transaction(id: string | undefined): Transaction | undefined {
    if (!id) return undefined;
    const txn = this.transactions.get(id);
    if (!txn) throw ERR.failed(`transaction ${id} is not active: it was committed, aborted, or expired`);
    txn.lastUsed = Date.now();
    return txn;
  }

  /** Matching documents as the caller sees them: committed, or through its transaction's own writes. */
  private matches(collection: Collection, query: Doc, txn: Transaction | undefined, options: FindOptions = {}): Doc[] {
    return txn ? findIn(this.transactionView(txn, collection, query), query, options) : collection.find(query, options);
  }

  /** What a transaction sees of one document: its own write, else the committed one (remembered). */
  private view(txn: Transaction, name: string, key: string): Doc | undefined {
    const vkey = versionKey(name, key);
    const own = txn.writes.get(vkey);
    if (own) return own.doc ?? undefined;
    if (!txn.seen.has(vkey)) txn.seen.set(vkey, this.versions.get(vkey) ?? 0);
    return this.collections.get(name)?.docs.get(key);
  }

  private transactionView(txn: Transaction, collection: Collection, query: Doc): Doc[] {
    // A read by id that finds nothing is still a read: the transaction decided on "absent".
    const id = idEquality(query);
    if (id !== undefined) this.view(txn, collection.name, valueKey(id));
    const docs: Doc[] = [];
    for (const doc of collection.candidates(query)) {
      const seen = this.view(txn, collection.name, valueKey(doc._id));
      if (seen) docs.push(seen);
    }
    for (const write of txn.writes.values()) {
      if (write.c === collection.name && write.doc && !collection.docs.has(write.key)) docs.push(write.doc);
    }
    return docs;
  }

  private write(writes: Write[], txn: Transaction | undefined): void {
    if (!writes.length) return;
    if (!txn) {
      this.commit(writes);
      return;
    }
    for (const write of writes) {
      const vkey = versionKey(write.c, write.key);
      const holder = this.locks.get(vkey);
      const current = this.versions.get(vkey) ?? 0;
      const seen = txn.seen.get(vkey);
      if ((holder && holder !== txn.id) || (seen !== undefined && seen !== current)) {
        this.endTransaction(txn);
        throw ERR.conflict();
      }
      if (seen === undefined) txn.seen.set(vkey, current);
      this.locks.set(vkey, txn.id);
      txn.writes.set(vkey, write);
    }
  }

  /** Checks unique indexes over the whole batch, logs it as one record, then applies it. */
  private commit(writes: Write[]): void {
    if (!writes.length) return;
    const byCollection = new Map<string, Write[]>();
    for (const write of writes) {
      const group = byCollection.get(write.c);
      if (group) group.push(write);
      else byCollection.set(write.c, [write]);
    }
    for (const [name, group] of byCollection) {
      const violation = this.collection(name).uniqueViolation(group.map((w) => ({ id: w.key, doc: w.doc })));
      if (violation) throw ERR.duplicate(name, violation);
    }
    this.persist({ ops: writes.map((w) => ({ c: w.c, id: w.id, d: w.doc })) });
  }

  private persist(record: LogRecord): void {
    this.storage.append(record);
    this.apply(record);
  }

  private apply(record: LogRecord): void {
    if ('create' in record) {
      if (!this.collections.has(record.create)) this.collections.set(record.create, new Collection(record.create));
      return;
    }
    for (const op of record.ops) {
      const collection = this.collections.get(op.c) ?? this.collections.set(op.c, new Collection(op.c)).get(op.c)!;
      const key = valueKey(op.id);
      if (op.d) collection.put(key, op.d);
      else collection.delete(key);
      const vkey = versionKey(op.c, key);
      this.versions.set(vkey, (this.versions.get(vkey) ?? 0) + 1);
    }
  }

  private *snapshot(): Iterable<LogRecord> {
    for (const [name, collection] of this.collections) {
      yield { create: name };
      let ops: Array<{ c: string; id: unknown; d: Doc }> = [];
      for (const doc of collection.docs.values()) {
        ops.push({ c: name, id: doc._id, d: doc });
        if (ops.length === 500) {
          yield { ops };
          ops = [];
        }
      }
      if (ops.length) yield { ops };
    }
  }

  private endTransaction(txn: Transaction): void {
    for (const key of txn.writes.keys()) if (this.locks.get(key) === txn.id) this.locks.delete(key);
    this.transactions.delete(txn.id);
  }

  private expireTransactions(): void {
    const cutoff = Date.now() - TRANSACTION_LIFETIME_MS;
    for (const txn of this.transactions.values()) if (txn.lastUsed < cutoff) this.endTransaction(txn);
  }
}

/** The id a query names by plain equality (`{_id: x}` or `{_id: {$eq: x}}`), as doc(x) reads send. */
function idEquality(query: Doc): unknown {
  const id = query._id;
  if (isPlainObject(id)) return Object.keys(id).length === 1 && '$eq' in id ? id.$eq : undefined;
  return id;
}

function versionKey(collection: string, key: string): string {
  return `${collection}\u0000${key}`;
}

/** An upsert starts from the query's plain equality fields, as Mongo's does. */
function seedFromQuery(query: Doc, base: Doc): Doc {
  const seed: Doc = { ...base };
  for (const [field, value] of Object.entries(query)) {
    if (!field.startsWith('$') && !field.includes('.') && !(isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$')))) {
      seed[field] = value;
    }
  }
  return seed;
}
