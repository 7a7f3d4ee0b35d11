import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_NPM_ROOT, MINIPROGRAM_ROOT, REPO_ROOT } from './paths';

const STAMP_FILE = path.join(REPO_ROOT, '.build', 'miniprogram-npm.json');

/**
 * Builds miniprogram/miniprogram_npm from the root package.json `dependencies` (runtime packages
 * only, i.e. Vant), the same way DevTools' "构建 npm" does with packNpmManually. Offline, no key.
 */
export async function packMiniprogramNpm(): Promise<{ packages: number; warnings: string[] }> {
  // Loaded lazily: miniprogram-ci takes seconds to require, and ensureMiniprogramNpm usually skips it.
  const { packNpmManually } = await import('miniprogram-ci');
  const result = await packNpmManually({
    packageJsonPath: path.join(REPO_ROOT, 'package.json'),
    miniprogramNpmDistDir: MINIPROGRAM_ROOT,
  });
  fs.mkdirSync(path.dirname(STAMP_FILE), { recursive: true });
  fs.writeFileSync(STAMP_FILE, installedRuntimeVersions());
  return {
    packages: result.miniProgramPackNum + result.otherNpmPackNum,
    warnings: result.warnList.map((warn) => JSON.stringify(warn)),
  };
}

/** Packs only when the installed runtime packages differ from the last pack (packing takes seconds). */
export async function ensureMiniprogramNpm(): Promise<void> {
  const upToDate =
    fs.existsSync(MINIPROGRAM_NPM_ROOT) &&
    fs.existsSync(STAMP_FILE) &&
    fs.readFileSync(STAMP_FILE, 'utf8') === installedRuntimeVersions();
  if (!upToDate) await packMiniprogramNpm();
}

function installedRuntimeVersions(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const versions = Object.keys(pkg.dependencies ?? {})
    .sort()
    .map((name) => {
      // Not require.resolve(`${name}/package.json`): packages with an "exports" map that omits it
      // (qrcode-generator) make that throw. Direct dependencies always sit in the root node_modules.
      const manifest = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
      return [name, (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version];
    });
  return JSON.stringify(Object.fromEntries(versions));
}
