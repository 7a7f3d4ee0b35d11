import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileStore } from './file-store';

const AT = new Date('2026-05-01T00:00:00Z');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'file-store-'));
}

test('keys are flat: a file and a "folder" of the same name, and names differing only in case, are separate', async () => {
  const store = new FileStore(tempDir());
  store.write('a', Buffer.from('file a'), AT);
  store.write('a/b', Buffer.from('file a/b'), AT);
  store.write('A', Buffer.from('file A'), AT);
  expect((await store.read('a'))?.toString()).toBe('file a');
  expect((await store.read('a/b'))?.toString()).toBe('file a/b');
  expect((await store.read('A'))?.toString()).toBe('file A');
  expect(store.list('a').map((f) => f.cloudPath)).toEqual(['a', 'a/b']);
});

test('a restart finds every file, and clears what a crash left between the steps of a write or a delete', async () => {
  const dir = tempDir();
  const first = new FileStore(dir);
  first.write('kept.txt', Buffer.from('kept'), AT);
  first.write('half-deleted.txt', Buffer.from('x'), AT);
  const names = fs.readdirSync(dir);
  // A delete cut short after its first step: the .json is gone, the bytes remain.
  const halfDeleted = names.find((name) => name.endsWith('.json') && fs.readFileSync(path.join(dir, name), 'utf8').includes('half-deleted'))!;
  fs.rmSync(path.join(dir, halfDeleted));
  // An upload cut short while writing its temporary file, and a .json whose bytes are missing.
  fs.writeFileSync(path.join(dir, 'abc.123.tmp'), 'partial');
  fs.writeFileSync(path.join(dir, 'f'.repeat(64) + '.json'), JSON.stringify({ cloudPath: 'ghost.txt', uploadedAt: AT.toISOString() }));

  const second = new FileStore(dir);
  expect(second.list()).toEqual([{ cloudPath: 'kept.txt', size: 4, uploadedAt: AT.toISOString() }]);
  expect((await second.read('kept.txt'))?.toString()).toBe('kept');
  expect(fs.readdirSync(dir).sort()).toEqual(names.filter((name) => !name.startsWith(halfDeleted.slice(0, 64))).sort());
});

test('a damaged .json stops start-up with a message naming the file', () => {
  const dir = tempDir();
  new FileStore(dir).write('a.txt', Buffer.from('a'), AT);
  const meta = fs.readdirSync(dir).find((name) => name.endsWith('.json'))!;
  fs.writeFileSync(path.join(dir, meta), '{"cloudPath": ');
  expect(() => new FileStore(dir)).toThrow(new RegExp(`${meta}.*not valid JSON`));
});
