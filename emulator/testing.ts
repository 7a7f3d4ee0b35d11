/**
 * For integration tests: start a fresh local cloud in a child process on a free port with a temporary
 * data folder, talk to it with the typed client or with the real wx-server-sdk, and kill or restart it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloudClient } from './client';

const REPO_ROOT = path.resolve(__dirname, '..');

export interface TestCloudOptions {
  functionsRoot?: string;
  schemaFile?: string;
  dataDir?: string;
  /** Timer triggers on schedule; off by default so tests decide when jobs run. */
  triggers?: boolean;
  extraArgs?: string[];
  /** The script to run instead of the bare emulator/main.ts, taking the same flags (e.g. scripts/start.ts). */
  entry?: string;
}

export interface TestCloud {
  url: string;
  adminUrl: string;
  dataDir: string;
  client: LocalCloudClient;
  child: ChildProcess;
  /** Stops it the way `kill -9` does: no shutdown code runs. */
  kill9(): Promise<void>;
  /** Starts a new process on the same data folder (and port). */
  restart(): Promise<TestCloud>;
  stop(): Promise<void>;
}

export async function startTestCloud(options: TestCloudOptions = {}, port = 0): Promise<TestCloud> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-test-'));
  const args = ['--import', 'tsx', options.entry ?? path.join(REPO_ROOT, 'emulator/main.ts'), '--port', String(port), '--data', dataDir];
  if (options.functionsRoot) args.push('--functions', options.functionsRoot);
  if (options.schemaFile) args.push('--schema', options.schemaFile);
  if (!options.triggers) args.push('--no-triggers');
  args.push(...(options.extraArgs ?? []));
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /local cloud ready on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local cloud exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cloud: TestCloud = {
    url,
    adminUrl: `${url}/admin`,
    dataDir,
    client: new LocalCloudClient(url),
    child,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async restart() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      return startTestCloud({ ...options, dataDir }, Number(new URL(url).port));
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
  return cloud;
}

/**
 * The real wx-server-sdk, pointed at a local cloud through environment variables only — the same way
 * the function runtime points deployed code at it. Call before the first database request.
 */
export function connectSdk(adminUrl: string, wxContext: Record<string, string> = {}): typeof import('wx-server-sdk') {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_SECRETID: 'local-cloud',
    TENCENTCLOUD_SECRETKEY: 'local-cloud',
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
    TCB_ENV: 'local',
    SCF_NAMESPACE: 'local',
    WX_CONTEXT_KEYS: Object.keys(wxContext).join(','),
    ...wxContext,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: 'local' });
  return cloud;
}

/**
 * Polls `ready` until it holds or `timeoutMs` passes, for a test that needs the cloud to reach a state
 * (a stream under way, a trigger fired) on a machine of any speed. Returns whether it held; the test
 * asserts what it needs afterwards.
 */
export async function waitUntil(ready: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return true;
}
