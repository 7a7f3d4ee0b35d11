import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCodeQuality, getCompiledResult } from 'miniprogram-ci';
import { createOfflineProject } from './ci-project';
import { measurePackages, type PackageSize } from './package-size';

export { PACKAGE_LIMIT_BYTES, type PackageSize } from './package-size';

/**
 * Compiles the project exactly as an upload would (TS plugin, unused-file filtering, minification
 * from project.config.json) but offline, and reports each package's size. The compiler runs in a
 * forked process that keeps Node alive: callers must `process.exit()` when done.
 */
export async function compileMiniprogram(): Promise<{ packages: PackageSize[]; files: Record<string, number> }> {
  const result = await inScratchDirectory(() =>
    getCompiledResult({
      project: createOfflineProject(),
      version: '0.0.0',
      setting: { useProjectConfig: true },
    }),
  );
  const files = Object.fromEntries(Object.entries(result).map(([file, content]) => [file, Buffer.byteLength(content)]));
  return { packages: measurePackages(result), files };
}

/** The compiler leaves an empty md5-named folder in the working directory; keep it out of the repo. */
async function inScratchDirectory<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'miniprogram-ci-'));
  process.chdir(scratch);
  try {
    return await work();
  } finally {
    process.chdir(previous);
  }
}

export interface QualityItem {
  name: string;
  success: boolean;
  text: string;
  detail: unknown;
}

/** DevTools' "代码质量" panel, offline. Its sizes are of source files, before compilation. */
export async function checkQuality(): Promise<QualityItem[]> {
  const items = await checkCodeQuality(createOfflineProject());
  return items.map((item) => ({
    name: String(item.name ?? ''),
    success: item.success === true,
    text: item.text ?? '',
    detail: item.detail,
  }));
}
