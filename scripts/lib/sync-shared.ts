import fs from 'node:fs';
import path from 'node:path';
import { SHARED_COPY_ROOT, SHARED_ROOT } from './paths';

export interface SyncResult {
  written: string[];
  removed: string[];
  unchanged: number;
}

function isShippedSource(relPath: string): boolean {
  return relPath.endsWith('.ts') && !relPath.endsWith('.test.ts');
}

function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Mirrors shared/**\/*.ts (tests excluded) into miniprogram/shared, because WeChat only compiles
 * files inside miniprogramRoot. Unchanged files are left untouched so DevTools' watcher does not
 * rebuild for nothing; files whose original is gone are deleted so stale code cannot be imported.
 */
export function syncShared(from = SHARED_ROOT, to = SHARED_COPY_ROOT): SyncResult {
  const sources = listFiles(from).filter(isShippedSource);
  const wanted = new Set(sources);
  const result: SyncResult = { written: [], removed: [], unchanged: 0 };

  for (const rel of sources) {
    const content = fs.readFileSync(path.join(from, rel));
    const target = path.join(to, rel);
    if (fs.existsSync(target) && fs.readFileSync(target).equals(content)) {
      result.unchanged += 1;
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    result.written.push(rel);
  }

  for (const rel of listFiles(to)) {
    if (wanted.has(rel)) continue;
    fs.rmSync(path.join(to, rel));
    result.removed.push(rel);
  }
  removeEmptyDirs(to);
  return result;
}

function removeEmptyDirs(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyDirs(path.join(dir, entry.name));
  }
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}
