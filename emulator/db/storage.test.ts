/**
 * The log on a failing disk: short writes, a full disk, a failing compaction. The low-level writer is
 * injected, so these run anywhere; the real small filesystem check is in conformance/durability.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from './database';
import type { StorageIo } from './storage';

const schema = { collections: [{ name: 'c', indexes: [{ name: 'k', keys: [{ field: 'k', direction: 1 as const }], unique: false }] }] };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'storage-test-'));
}

function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

/** A disk that can be filled: once full, a write stores part of what it was given, and the next one fails. */
function fillableDisk() {
  const disk = { full: false, fragmentWritten: false, syncedDirectory: false };
  const io: Partial<StorageIo> = {
    write(fd, buffer, offset, length) {
      if (!disk.full) return fs.writeSync(fd, buffer, offset, length);
      if (!disk.fragmentWritten && length > 1) {
        disk.fragmentWritten = true;
        return fs.writeSync(fd, buffer, offset, Math.floor(length / 2));
      }
      throw enospc();
    },
    fsync(fd) {
      if (fs.fstatSync(fd).isDirectory()) disk.syncedDirectory = true;
      fs.fsyncSync(fd);
    },
  };
  return { disk, io };
}

const ids = (db: Database) => db.find('c', {}).map((doc) => doc._id);

function logLines(dir: string): string[] {
  return fs.readFileSync(path.join(dir, 'wal.ejsonl'), 'utf8').split('\n');
}

test('a short write is completed with the rest of the record', () => {
  const dir = tempDir();
  const db = new Database(dir, schema, { io: { write: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, Math.min(length, 7)) } });
  db.insert('c', [{ _id: 'a', k: 1, text: 'x'.repeat(100) }]);
  db.insert('c', [{ _id: 'b', k: 2 }]);
  db.close();
  const reopened = new Database(dir, schema, { compactAtBytes: Infinity });
  expect(ids(reopened)).toEqual(['a', 'b']);
  reopened.close();
});

test('a write on a full disk is refused with a clear error, applies nothing, and later writes append cleanly', () => {
  const dir = tempDir();
  const { disk, io } = fillableDisk();
  const db = new Database(dir, schema, { io });
  db.insert('c', [{ _id: 'a', k: 1 }]);
  const logBefore = fs.readFileSync(path.join(dir, 'wal.ejsonl'), 'utf8');

  disk.full = true;
  const refused = expect.objectContaining({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/disk is full.*not saved/) });
  expect(() => db.insert('c', [{ _id: 'b', k: 2 }])).toThrow(refused);
  expect(() => db.update('c', { _id: 'a' }, { data: { $set: { k: 9 } }, merge: true, multi: false, upsert: false })).toThrow(refused);
  expect(ids(db)).toEqual(['a']);
  expect(db.find('c', { _id: 'a' })[0].k).toBe(1);
  expect(db.find('c', { k: 2 })).toEqual([]);
  expect(fs.readFileSync(path.join(dir, 'wal.ejsonl'), 'utf8')).toBe(logBefore);

  disk.full = false;
  db.insert('c', [{ _id: 'c', k: 3 }]);
  db.update('c', { _id: 'a' }, { data: { $set: { k: 10 } }, merge: true, multi: false, upsert: false });
  db.close();
  expect(logLines(dir).slice(0, -1).every((line) => line.startsWith('{') && line.endsWith('}'))).toBe(true);

  const reopened = new Database(dir, schema);
  expect(ids(reopened)).toEqual(['a', 'c']);
  expect(reopened.find('c', { _id: 'a' })[0].k).toBe(10);
  reopened.close();
});

test('a failed transaction commit on a full disk applies none of its writes', () => {
  const dir = tempDir();
  const { disk, io } = fillableDisk();
  const db = new Database(dir, schema, { io });
  db.insert('c', [{ _id: 'a', k: 1 }]);
  const txn = db.startTransaction();
  db.update('c', { _id: 'a' }, { data: { $set: { k: 2 } }, merge: true, multi: false, upsert: false }, txn);
  db.insert('c', [{ _id: 'b', k: 2 }], txn);
  disk.full = true;
  expect(() => db.commitTransaction(txn)).toThrow(/disk is full/);
  expect(ids(db)).toEqual(['a']);
  expect(db.find('c', { _id: 'a' })[0].k).toBe(1);
  db.close();
});

test('compaction on a full disk keeps the snapshot and log, removes its temporary file, never throws, and retries later', () => {
  const dir = tempDir();
  const { disk, io } = fillableDisk();
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
  const now = jest.spyOn(Date, 'now');
  try {
    const db = new Database(dir, schema, { io, compactAtBytes: 500 });
    for (let i = 0; i < 20; i++) db.insert('c', [{ _id: `d${i}`, k: i }]);
    const files = () => Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
    const before = files();

    disk.full = true;
    expect(() => db.maintain()).not.toThrow();
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/compaction failed/));
    expect(files()).toEqual(before);

    disk.full = false;
    disk.fragmentWritten = false;
    db.maintain();
    expect(files()).toEqual(before);
    now.mockReturnValue(Date.now() + 10 * 60_000);
    db.maintain();
    expect(fs.statSync(path.join(dir, 'wal.ejsonl')).size).toBe(0);
    db.close();

    const reopened = new Database(dir, schema);
    expect(reopened.count('c', {})).toBe(20);
    reopened.close();
  } finally {
    errors.mockRestore();
    now.mockRestore();
  }
});

test('a start on a full disk still loads everything, keeping the log it could not fold', () => {
  const dir = tempDir();
  const db = new Database(dir, schema);
  for (let i = 0; i < 5; i++) db.insert('c', [{ _id: `d${i}`, k: i }]);
  db.close();
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const { disk, io } = fillableDisk();
    disk.full = true;
    const reopened = new Database(dir, schema, { io });
    expect(reopened.count('c', {})).toBe(5);
    expect(fs.existsSync(path.join(dir, 'snapshot.ejsonl.tmp'))).toBe(false);
    reopened.close();
  } finally {
    errors.mockRestore();
  }
  const again = new Database(dir, schema);
  expect(again.count('c', {})).toBe(5);
  again.close();
});

test('with fsync on, compaction syncs the data folder after renaming the snapshot into place', () => {
  const dir = tempDir();
  const { disk, io } = fillableDisk();
  const db = new Database(dir, schema, { io, fsync: true, compactAtBytes: 200 });
  for (let i = 0; i < 10; i++) db.insert('c', [{ _id: `d${i}`, k: i }]);
  disk.syncedDirectory = false;
  db.maintain();
  expect(disk.syncedDirectory).toBe(true);
  db.close();
});
