import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syncShared } from './sync-shared';

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
}

describe('syncShared', () => {
  let base: string;
  let from: string;
  let to: string;

  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-shared-'));
    from = path.join(base, 'shared');
    to = path.join(base, 'miniprogram', 'shared');
  });

  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('copies sources but not tests, then removes copies whose original is gone', () => {
    write(from, { 'format/money.ts': 'a', 'format/money.test.ts': 't', 'rules/points.ts': 'b', 'notes.md': 'n' });
    expect(syncShared(from, to)).toEqual({ written: ['format/money.ts', 'rules/points.ts'], removed: [], unchanged: 0 });
    expect(fs.readFileSync(path.join(to, 'rules/points.ts'), 'utf8')).toBe('b');
    expect(fs.existsSync(path.join(to, 'format/money.test.ts'))).toBe(false);

    fs.rmSync(path.join(from, 'rules'), { recursive: true });
    write(to, { 'stray.ts': 'left by hand' });
    expect(syncShared(from, to)).toEqual({ written: [], removed: ['rules/points.ts', 'stray.ts'], unchanged: 1 });
    expect(fs.existsSync(path.join(to, 'rules'))).toBe(false);
  });

  it('rewrites only files whose content changed', () => {
    write(from, { 'a.ts': '1', 'b.ts': '2' });
    syncShared(from, to);
    write(from, { 'b.ts': '22' });
    expect(syncShared(from, to)).toEqual({ written: ['b.ts'], removed: [], unchanged: 1 });
    expect(fs.readFileSync(path.join(to, 'b.ts'), 'utf8')).toBe('22');
  });
});
