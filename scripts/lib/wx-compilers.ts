import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Thin wrappers around WeChat's own WXML/WXSS compilers (`wcc`/`wcsc`), which ship inside the
 * miniprogram-compiler package that miniprogram-simulate depends on. They are the same compilers
 * DevTools uses, so a file they reject would also break the real build. Flags mirror
 * miniprogram-compiler/src/wcc.js and wcsc.js, which is how simulate renders components in tests.
 */

export interface CompilerResult {
  ok: boolean;
  /** One line per problem, `path:line:col: message`, paths relative to the process cwd. */
  errors: string[];
}

function binaryPath(name: 'wcc' | 'wcsc'): string {
  const pkgDir = path.dirname(require.resolve('miniprogram-compiler/package.json', {
    paths: [path.dirname(require.resolve('miniprogram-simulate/package.json'))],
  }));
  const platformDir = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux';
  const binary = path.join(pkgDir, 'bin', platformDir, process.platform === 'win32' ? `${name}.exe` : name);
  // npm unpacks the binaries without the execute bit.
  if (process.platform !== 'win32') {
    const mode = fs.statSync(binary).mode;
    if ((mode & 0o111) !== 0o111) fs.chmodSync(binary, mode | 0o755);
  }
  return binary;
}

function run(binary: string, args: string[], root: string) {
  const child = spawnSync(binary, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  if (child.error) throw child.error;
  return { status: child.status, stderr: child.stderr.toString() };
}

/** Makes compiler messages clickable from the repo root: `file:line:col: message`. */
function toErrors(stderr: string, root: string): string[] {
  const rel = (file: string) => path.relative(process.cwd(), path.join(root, file));
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('error file count'))
    .map((line) => {
      const wcsc = /^ERR: (.+?)\((\d+):(\d+)\): (.*)$/.exec(line);
      if (wcsc) return `${rel(wcsc[1]!)}:${wcsc[2]}:${wcsc[3]}: ${wcsc[4]}`;
      const wcc = /^(.+?\.wx(?:ml|s)):(\d+):(\d+):\s*(.*)$/.exec(line);
      if (wcc) return `${rel(wcc[1]!)}:${wcc[2]}:${wcc[3]}: ${wcc[4]}`;
      return line;
    });
}

export interface WxmlInput {
  /** .wxml paths relative to `root`. */
  wxml: string[];
  /** Every .wxs reachable from those files: wcc resolves `<wxs src>` only among its arguments. */
  wxs: string[];
  /** usingComponents tag names per .wxml path, so wcc knows which tags are custom components. */
  components?: Record<string, string[]>;
}

export function compileWxml(root: string, input: WxmlInput): CompilerResult {
  const components = Object.entries(input.components ?? {}).filter(([, tags]) => tags.length > 0);
  const componentArg = [
    String(components.length),
    ...components.flatMap(([file, tags]) => [file, String(tags.length), ...tags]),
  ].join(' ');
  const args = ['-d', '-cc', componentArg, ...input.wxml, ...input.wxs, '-gn', '$gwx'];
  const { status, stderr } = run(binaryPath('wcc'), args, root);
  return { ok: status === 0, errors: status === 0 ? [] : toErrors(stderr || `wcc exited with ${status}`, root) };
}

export interface WxssInput {
  /** .wxss paths relative to `root`, including every @import-ed file (wcsc fails on unlisted ones). */
  wxss: string[];
  /** How many of the leading `wxss` entries are page/component style sheets (the rest are imports). */
  pageCount: number;
}

export function compileWxss(root: string, input: WxssInput): CompilerResult {
  const args = ['-db', '-pc', String(input.pageCount), ...input.wxss];
  const { status, stderr } = run(binaryPath('wcsc'), args, root);
  return { ok: status === 0, errors: status === 0 ? [] : toErrors(stderr || `wcsc exited with ${status}`, root) };
}
