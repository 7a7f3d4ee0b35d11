import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Hook = () => Promise<void> | void;

const hooks: Hook[] = [];

/** Registers work that must happen even if a benchmark throws or the run is interrupted; newest runs first. */
export function onCleanup(hook: Hook): void {
  hooks.push(hook);
}

/** A fresh temporary folder, removed by `cleanupAll`. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${prefix}-`));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function cleanupAll(): Promise<void> {
  while (hooks.length) {
    const hook = hooks.pop()!;
    try {
      await hook();
    } catch (error) {
      console.error('cleanup failed:', error);
    }
  }
}
