import { CloudError } from '../types';
import type { Database } from './database';
import { ERR } from './database';
import { decode, decodeDoc, encode, type Doc } from './ejson';

/** Parameters as `@cloudbase/database` sends them (see PLATFORM-NOTES and its query.js/document.js). */
export interface DatabaseParams {
  action: string;
  collectionName?: string;
  transactionId?: string;
  queryType?: 'WHERE' | 'DOC';
  query?: string;
  order?: string;
  offset?: number;
  limit?: number;
  projection?: string;
  data?: string | string[];
  multi?: boolean;
  merge?: boolean;
  upsert?: boolean;
  stages?: Array<{ stageKey: string; stageValue: string }>;
}

const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

/** Runs one `database.*` action and returns the reply's `data` (or, for startTransaction, its fields). */
export function runDatabaseAction(db: Database, params: DatabaseParams, now: () => Date): Record<string, unknown> {
  const name = params.collectionName ?? '';
  const txn = params.transactionId || undefined;
  const query = () => (params.query ? decodeDoc(params.query, now) : {});
  switch (params.action) {
    case 'database.insertDocument': {
      const docs = (Array.isArray(params.data) ? params.data : []).map((text) => decodeDoc(text, now));
      if (!docs.length) throw ERR.invalid('data must be a non-empty list of documents');
      return { insertedIds: db.insert(name, docs, txn) };
    }
    case 'database.getDocument': {
      const limit = Math.min(Math.max(Number(params.limit ?? DEFAULT_LIMIT), 0), MAX_LIMIT);
      const docs = db.find(
        name,
        query(),
        {
          order: params.order ? (decode(params.order, now) as Record<string, 1 | -1>) : undefined,
          offset: Math.max(Number(params.offset ?? 0), 0),
          limit: params.queryType === 'DOC' ? 1 : limit || DEFAULT_LIMIT,
          projection: params.projection ? (decode(params.projection, now) as Record<string, unknown>) : undefined,
        },
        txn,
      );
      return { list: docs.map((doc) => encode(doc)) };
    }
    case 'database.calculateDocument':
      return { total: db.count(name, query()) };
    case 'database.modifyDocument': {
      const result = db.update(name, query(), updateSpec(params, now), txn);
      return { updated: result.updated, upsert_id: result.upsertId };
    }
    case 'database.modifyAndReturnDoc': {
      const result = db.update(name, query(), { ...updateSpec(params, now), multi: false, upsert: false }, txn);
      return { updated: result.updated, doc: result.doc ? encode(result.doc) : null };
    }
    case 'database.removeDocument':
      return { deleted: db.remove(name, query(), params.multi !== false, txn) };
    case 'database.aggregateDocuments': {
      const pipeline = (params.stages ?? []).map(({ stageKey, stageValue }) => ({ [stageKey]: decode(stageValue, now) }));
      return { list: db.aggregate(name, pipeline).map((doc) => encode(doc)) };
    }
    case 'database.addCollection':
      db.createCollection(name);
      return {};
    case 'database.startTransaction':
      return { transactionId: db.startTransaction() };
    case 'database.commitTransaction':
      db.commitTransaction(requireTxn(txn));
      return {};
    case 'database.abortTransaction':
      db.abortTransaction(requireTxn(txn));
      return {};
    default:
      throw new CloudError('INVALID_ACTION', `the local cloud does not implement ${params.action}`);
  }
}

function updateSpec(params: DatabaseParams, now: () => Date) {
  if (typeof params.data !== 'string') throw ERR.invalid('data must be an EJSON document');
  const data = decodeDoc(params.data, now);
  const merge = params.merge !== false;
  if (merge && !Object.keys(data).every((key) => key.startsWith('$'))) {
    throw ERR.invalid('update data must consist of update operators');
  }
  if (merge && !Object.keys(data).length) throw ERR.invalid('参数必需是非空对象');
  return { data: data as Doc, merge, multi: params.multi !== false, upsert: params.upsert === true };
}

function requireTxn(id: string | undefined): string {
  if (!id) throw ERR.invalid('transactionId is required');
  return id;
}

