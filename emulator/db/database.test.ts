import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from './database';

const schema = { collections: [{ name: 'c', indexes: [{ name: 'k', keys: [{ field: 'k', direction: 1 as const }], unique: true }] }] };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'db-test-'));
}

test('a torn last log line (a write cut by a crash) is ignored; everything before it loads', () => {
  const dir = tempDir();
  const db = new Database(dir, schema);
  db.insert('c', [{ _id: 'a', k: 1 }]);
  db.insert('c', [{ _id: 'b', k: 2 }]);
  db.close();
  fs.appendFileSync(path.join(dir, 'wal.ejsonl'), '{"ops":[{"c":"c","id":"z","d":{"_id":"z","k"');
  const reopened = new Database(dir, schema);
  expect(reopened.find('c', {}).map((d) => d._id)).toEqual(['a', 'b']);
  reopened.close();
});

test('a corrupt line in the middle of the log stops start-up with its location', () => {
  const dir = tempDir();
  const db = new Database(dir, schema);
  db.insert('c', [{ _id: 'a', k: 1 }]);
  db.close();
  const log = path.join(dir, 'wal.ejsonl');
  fs.writeFileSync(log, `garbage\n${fs.readFileSync(log, 'utf8')}\n{"create":"x"}\n`);
  expect(() => new Database(dir, schema)).toThrow(/wal\.ejsonl:1 is corrupt/);
});

test('compaction keeps every document and empties the log', () => {
  const dir = tempDir();
  const db = new Database(dir, schema, { compactAtBytes: 2000 });
  for (let i = 0; i < 100; i++) {
    db.insert('c', [{ _id: `d${i}`, k: i }]);
    db.maintain();
  }
  db.update('c', { _id: 'd5' }, { data: { $set: { k: 500 } }, merge: true, multi: false, upsert: false });
  db.remove('c', { _id: 'd6' }, false);
  db.close();
  expect(fs.statSync(path.join(dir, 'wal.ejsonl')).size).toBeLessThan(2000);
  const reopened = new Database(dir, schema);
  expect(reopened.count('c', {})).toBe(99);
  expect(reopened.find('c', { k: 500 }).map((d) => d._id)).toEqual(['d5']);
  reopened.close();
});

test('a transaction sees its own writes, others do not, and a stale read fails the commit', () => {
  const db = new Database(tempDir(), schema);
  db.insert('c', [{ _id: 'a', k: 1, v: 0 }]);
  const t1 = db.startTransaction();
  expect(db.find('c', { _id: 'a' }, {}, t1)[0].v).toBe(0);
  db.update('c', { _id: 'a' }, { data: { $inc: { v: 1 } }, merge: true, multi: false, upsert: false }, t1);
  expect(db.find('c', { _id: 'a' }, {}, t1)[0].v).toBe(1);
  expect(db.find('c', { _id: 'a' })[0].v).toBe(0);

  const t2 = db.startTransaction();
  expect(db.find('c', { _id: 'a' }, {}, t2)[0].v).toBe(0);
  expect(() => db.update('c', { _id: 'a' }, { data: { $inc: { v: 5 } }, merge: true, multi: false, upsert: false }, t2)).toThrow(
    expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' }),
  );
  db.commitTransaction(t1);
  expect(db.find('c', { _id: 'a' })[0].v).toBe(1);

  const t3 = db.startTransaction();
  db.find('c', { _id: 'a' }, {}, t3);
  db.update('c', { _id: 'a' }, { data: { $inc: { v: 10 } }, merge: true, multi: false, upsert: false });
  db.insert('c', [{ _id: 'b', k: 2 }], t3);
  expect(() => db.commitTransaction(t3)).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' }));
  expect(db.count('c', { _id: 'b' })).toBe(0);
  expect(() => db.commitTransaction(t3)).toThrow(/not active/);
  db.close();
});

const upsertTotal = (total: number) => ({ data: { total }, merge: false, multi: false, upsert: true });

test('reading a document that does not exist is part of what a transaction saw: a create by another fails it', () => {
  const db = new Database(tempDir(), schema);
  const t1 = db.startTransaction();
  const t2 = db.startTransaction();
  expect(db.find('c', { _id: 'sum' }, {}, t1)).toEqual([]);
  expect(db.find('c', { _id: 'sum' }, {}, t2)).toEqual([]);
  db.update('c', { _id: 'sum' }, upsertTotal(10), t2);
  db.commitTransaction(t2);
  // t1 computed its total from "no document": committing it would lose t2's 10.
  const writeAndCommit = () => {
    db.update('c', { _id: 'sum' }, upsertTotal(10), t1);
    db.commitTransaction(t1);
  };
  expect(writeAndCommit).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' }));
  expect(db.find('c', { _id: 'sum' })[0].total).toBe(10);
  db.close();
});

test('an absent document created outside the transaction before its commit fails the commit', () => {
  const db = new Database(tempDir(), schema);
  const t1 = db.startTransaction();
  expect(db.find('c', { _id: 'sum' }, {}, t1)).toEqual([]);
  db.insert('c', [{ _id: 'other', k: 7 }], t1);
  db.insert('c', [{ _id: 'sum', total: 5 }]);
  expect(() => db.commitTransaction(t1)).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' }));
  expect(db.count('c', { _id: 'other' })).toBe(0);
  db.close();
});
