/**
 * `npm run check`: everything that can be verified about the mini-program without WeChat's servers.
 * Runs every step even after a failure so one run shows all problems; exits non-zero if any failed.
 */
import { spawnSync } from 'node:child_process';
import { checkQuality, compileMiniprogram, PACKAGE_LIMIT_BYTES } from './lib/compile';
import { packMiniprogramNpm } from './lib/pack-npm';
import { MINIPROGRAM_ROOT, REPO_ROOT } from './lib/paths';
import { syncShared } from './lib/sync-shared';
import { syncChartsVendor } from './lib/charts-vendor';
import { checkWxSyntax } from './lib/wx-syntax';

class StepFailure extends Error {}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function tsc(project: string): void {
  const tscBin = require.resolve('typescript/bin/tsc');
  const child = spawnSync(process.execPath, [tscBin, '--noEmit', '-p', project], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (child.status !== 0) throw new StepFailure(`tsc -p ${project} reported errors`);
}

const steps: { title: string; run: () => void | Promise<void> }[] = [
  {
    title: 'build:miniprogram (shared/ → miniprogram/shared, npm → miniprogram_npm)',
    run: async () => {
      const synced = syncShared();
      syncChartsVendor();
      console.log(`  shared: ${synced.written.length} written, ${synced.removed.length} removed, ${synced.unchanged} unchanged`);
      const packed = await packMiniprogramNpm();
      console.log(`  miniprogram_npm: ${packed.packages} package(s)`);
      packed.warnings.forEach((warning) => console.log(`  warning: ${warning}`));
    },
  },
  { title: 'tsc --noEmit -p tsconfig.json (emulator, shared, cloudfunctions, scripts)', run: () => tsc('tsconfig.json') },
  { title: 'tsc --noEmit -p miniprogram/tsconfig.json (app code)', run: () => tsc('miniprogram/tsconfig.json') },
  { title: 'tsc --noEmit -p miniprogram/tsconfig.test.json (app code + component tests)', run: () => tsc('miniprogram/tsconfig.test.json') },
  {
    title: 'WXML / WXSS syntax with WeChat wcc / wcsc',
    run: () => {
      const report = checkWxSyntax(MINIPROGRAM_ROOT);
      console.log(`  ${report.counts.wxml} .wxml, ${report.counts.wxss} .wxss, ${report.counts.wxs} .wxs (own files + used npm components)`);
      if (!report.ok) {
        report.errors.forEach((error) => console.log(`  ${error}`));
        throw new StepFailure('WXML/WXSS errors');
      }
    },
  },
  {
    title: `WeChat offline compile (miniprogram-ci getCompiledResult), package limit ${kb(PACKAGE_LIMIT_BYTES)}`,
    run: async () => {
      console.log('  (ci logs a failed "getwhiteextlist" request offline; it falls back to its built-in list)');
      const { packages, files } = await compileMiniprogram();
      console.log(`  ${Object.keys(files).length} files in the upload`);
      const tooBig = packages.filter((pkg) => pkg.bytes > PACKAGE_LIMIT_BYTES);
      for (const pkg of packages) {
        const mark = pkg.bytes > PACKAGE_LIMIT_BYTES ? 'TOO BIG' : 'ok';
        console.log(`  package ${pkg.name}${pkg.root ? ` (${pkg.root})` : ''}: ${kb(pkg.bytes)} — ${mark}`);
      }
      if (tooBig.length > 0) throw new StepFailure(`over ${kb(PACKAGE_LIMIT_BYTES)}: ${tooBig.map((pkg) => pkg.name).join(', ')}`);
    },
  },
  {
    title: 'miniprogram-ci checkCodeQuality (informational)',
    run: async () => {
      const sizeItem = (await checkQuality()).find((item) => item.name === 'PACKAGE_SIZE_LIMIT');
      if (!sizeItem) {
        console.log('  no PACKAGE_SIZE_LIMIT item returned');
        return;
      }
      const sizes = Object.entries((sizeItem.detail ?? {}) as Record<string, number>)
        .map(([name, bytes]) => `${name} ${kb(bytes)}`)
        .join(', ');
      // Measures source files before compilation and filtering, so it only warns.
      console.log(`  PACKAGE_SIZE_LIMIT: ${sizeItem.success ? 'pass' : 'WARN'} (source size: ${sizes})`);
    },
  },
];

/** miniprogram-ci throws Errors without a stack whose `path` names the offending file. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const file = (error as Error & { path?: unknown }).path;
  const where = typeof file === 'string' ? ` (miniprogram/${file})` : '';
  return `${error.stack ?? error.message}${where}`;
}

async function main(): Promise<number> {
  const failed: string[] = [];
  for (const step of steps) {
    console.log(`\n▶ ${step.title}`);
    const started = Date.now();
    try {
      await step.run();
      console.log(`✔ ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof StepFailure ? error.message : describeError(error);
      console.log(`✘ ${message}`);
      failed.push(step.title);
    }
  }
  console.log(failed.length === 0 ? '\ncheck passed' : `\ncheck FAILED:\n${failed.map((title) => `  - ${title}`).join('\n')}`);
  return failed.length === 0 ? 0 : 1;
}

// The forked WeChat compiler keeps Node alive, so exit explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
