import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { CloudError, type ClockLike, type InvocationContext } from '../types';
import { discoverFunctions, type FunctionInfo } from './config';
import type { InvokeMessage, WorkerReply } from './worker';

export interface InvokeRequest {
  functionName: string;
  event: unknown;
  openid?: string;
  appid?: string;
  unionid?: string;
  source: InvocationContext['source'];
  triggerName?: string;
}

export interface InvocationRecord {
  id: string;
  functionName: string;
  source: InvocationContext['source'];
  openid: string;
  startedAt: string;
  durationMs: number;
  cold: boolean;
  status: 'ok' | 'error' | 'timeout';
  error?: string;
  logs: string[];
  requests: Record<string, number>;
}

export type InvokeOutcome =
  | { ok: true; result: unknown; record: InvocationRecord }
  | { ok: false; error: { code: string; message: string }; record: InvocationRecord };

type Unrecorded =
  | { ok: true; result: unknown; logs?: string[] }
  | { ok: false; error: { code: string; message: string }; logs?: string[] };

interface Instance {
  worker: Worker;
  version: number;
  idleTimer?: NodeJS.Timeout;
}

const IDLE_INSTANCE_MS = 5 * 60_000;
/** A bound for a developer's machine, not a cloud limit: further invocations queue for an instance. */
const MAX_INSTANCES_PER_FUNCTION = 10;
/** Instances started ahead of need, with wx-server-sdk already loaded. */
const SPARE_INSTANCES = 2;
const KEPT_RECORDS = 2000;

/**
 * Runs the built cloud functions. Each function has a pool of worker-thread instances: an invocation
 * takes an idle one (warm) or starts one (cold), exactly one invocation per instance at a time. The
 * instance's wx-server-sdk is pointed at the local cloud by environment variables alone, so the code is
 * the code that deploys. A timeout (config.json) terminates the instance, as SCF does.
 */
export class FunctionRuntime {
  private readonly idle = new Map<string, Instance[]>();
  private readonly busy = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly tokens = new Map<string, InvocationContext>();
  private readonly records: InvocationRecord[] = [];
  private readonly workerFile: string;
  private readonly spares: Worker[] = [];
  private readonly preload: string[];
  private closed = false;
  /** Every worker not yet exited, whatever it is doing: what `stats()` checks the pools against. */
  private readonly live = new Set<Worker>();
  private running = 0;
  private functions = new Map<string, FunctionInfo>();

  constructor(
    private readonly options: {
      functionsRoot: string;
      serviceUrl: () => string;
      envId: string;
      appid: string;
      clock: ClockLike;
    },
  ) {
    this.workerFile = path.join(os.tmpdir(), `local-cloud-worker-${process.pid}-${randomBytes(4).toString('hex')}.js`);
    buildSync({
      entryPoints: [path.join(__dirname, 'worker.ts')],
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      outfile: this.workerFile,
      logLevel: 'silent',
    });
    this.reload();
    this.preload = [require.resolve('wx-server-sdk', { paths: [path.resolve(options.functionsRoot)] })];
  }

  /** Starts spare instances; call once the service URL answers, since instances capture it at start. */
  warm(): void {
    this.refillSpares();
  }

  /** Re-reads the functions folder (new functions, changed config.json). */
  reload(): FunctionInfo[] {
    this.functions = new Map(discoverFunctions(path.resolve(this.options.functionsRoot)).map((fn) => [fn.name, fn]));
    return this.list();
  }

  list(): FunctionInfo[] {
    return [...this.functions.values()];
  }

  get(name: string): FunctionInfo | undefined {
    return this.functions.get(name) ?? this.reload().find((fn) => fn.name === name);
  }

  /** The invocation a request to /admin belongs to, by the token wx-server-sdk sends. */
  byToken(token: string | undefined): InvocationContext | undefined {
    return token ? this.tokens.get(token) : undefined;
  }

  recent(filter: { functionName?: string; limit?: number } = {}): InvocationRecord[] {
    const list = filter.functionName ? this.records.filter((r) => r.functionName === filter.functionName) : this.records;
    return list.slice(-(filter.limit ?? 100));
  }

  /** Instance accounting: with nothing running, every live instance is a spare or an idle one. */
  stats(): { live: number; spare: number; idle: number; running: number; busy: Record<string, number> } {
    return {
      live: this.live.size,
      spare: this.spares.length,
      idle: [...this.idle.values()].reduce((sum, pool) => sum + pool.length, 0),
      running: this.running,
      busy: Object.fromEntries([...this.busy].filter(([, count]) => count > 0)),
    };
  }

  async invoke(request: InvokeRequest): Promise<InvokeOutcome> {
    const fn = this.get(request.functionName);
    const startedAt = Date.now();
    const context: InvocationContext = {
      id: randomUUID(),
      functionName: request.functionName,
      openid: request.openid ?? '',
      appid: request.appid ?? this.options.appid,
      unionid: request.unionid ?? '',
      source: request.source,
      openapiPermissions: fn?.config.permissions.openapi ?? [],
      startedAt,
      requests: {},
    };
    const record: InvocationRecord = {
      id: context.id,
      functionName: request.functionName,
      source: request.source,
      openid: context.openid,
      startedAt: this.options.clock.now().toISOString(),
      durationMs: 0,
      cold: false,
      status: 'ok',
      logs: [],
      requests: context.requests,
    };
    const finish = (outcome: Unrecorded): InvokeOutcome => {
      record.durationMs = Date.now() - startedAt;
      record.logs = outcome.logs ?? [];
      if (!outcome.ok) {
        record.status = outcome.error.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED' ? 'timeout' : 'error';
        record.error = outcome.error.message;
      }
      this.records.push(record);
      if (this.records.length > KEPT_RECORDS) this.records.splice(0, this.records.length - KEPT_RECORDS);
      return outcome.ok ? { ok: true, result: outcome.result, record } : { ok: false, error: outcome.error, record };
    };

    if (!fn) return finish({ ok: false, error: { code: 'FUNCTIONS_NOT_FOUND', message: `function ${request.functionName} does not exist` } });
    // The bundle's mtime is its version: a rebuilt function gets fresh instances.
    const version = fs.statSync(fn.entry, { throwIfNoEntry: false })?.mtimeMs;
    if (version === undefined) {
      return finish({
        ok: false,
        error: { code: 'FUNCTIONS_NOT_BUILT', message: `${fn.entry} is missing: run \`npm run build:functions\`` },
      });
    }

    const token = `local-${randomBytes(16).toString('hex')}`;
    this.tokens.set(token, context);
    const release = await this.acquire(fn.name);
    try {
      const { instance, cold } = this.instance(fn, version);
      record.cold = cold;
      const reply = await this.run(instance, fn, {
        type: 'invoke',
        id: context.id,
        entry: fn.entry,
        event: request.event,
        context: {
          function_name: fn.name,
          function_version: '$LATEST',
          namespace: this.options.envId,
          request_id: context.id,
          memory_limit_in_mb: 256,
          time_limit_in_ms: fn.config.timeout * 1000,
          environment: '{}',
        },
        env: {
          WX_OPENID: context.openid || undefined,
          WX_APPID: context.appid,
          WX_UNIONID: context.unionid || undefined,
          WX_API_TOKEN: token,
          WX_TRIGGER_API_TOKEN_V0: request.source === 'timer' ? token : undefined,
          TRIGGER_SRC: request.source === 'timer' ? 'timer' : undefined,
          TCB_SOURCE: request.source,
        },
        clockOffsetMs: this.options.clock.offsetMs(),
      });
      if (reply.type === 'done') return finish({ ok: true, result: reply.result, logs: reply.logs });
      return finish({ ok: false, error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: reply.error.message }, logs: [...reply.logs, reply.error.stack ?? ''] });
    } catch (error) {
      const err = error as CloudError;
      return finish({ ok: false, error: { code: err.code ?? 'FUNCTIONS_EXECUTE_FAIL', message: err.message } });
    } finally {
      this.tokens.delete(token);
      release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...[...this.idle.values()].flat().map((instance) => instance.worker), ...this.spares];
    this.idle.clear();
    this.spares.length = 0;
    await Promise.all(all.map((worker) => worker.terminate()));
    fs.rmSync(this.workerFile, { force: true });
  }

  /** Waits for a free slot: at most MAX_INSTANCES_PER_FUNCTION run at once; the rest queue. */
  private async acquire(name: string): Promise<() => void> {
    while ((this.busy.get(name) ?? 0) >= MAX_INSTANCES_PER_FUNCTION) {
      await new Promise<void>((resolve) => this.waiting.set(name, [...(this.waiting.get(name) ?? []), resolve]));
    }
    this.busy.set(name, (this.busy.get(name) ?? 0) + 1);
    return () => {
      this.busy.set(name, (this.busy.get(name) ?? 1) - 1);
      this.waiting.get(name)?.shift()?.();
    };
  }

  private instance(fn: FunctionInfo, version: number): { instance: Instance; cold: boolean } {
    const pool = this.idle.get(fn.name) ?? [];
    this.idle.set(fn.name, pool);
    while (pool.length) {
      const instance = pool.pop()!;
      clearTimeout(instance.idleTimer);
      if (instance.version === version) return { instance, cold: false };
      void instance.worker.terminate();
    }
    const worker = this.spares.shift() ?? this.spawn();
    setImmediate(() => this.refillSpares());
    return { instance: { worker, version }, cold: true };
  }

  private refillSpares(): void {
    while (!this.closed && this.spares.length < SPARE_INSTANCES) this.spares.push(this.spawn());
  }

  private spawn(): Worker {
    const worker = new Worker(this.workerFile, {
      // Plain Node like the cloud's runtime: no loaders inherited from however the local cloud was started.
      execArgv: [],
      workerData: { preload: this.preload },
      env: {
        PATH: process.env.PATH,
        NODE_ENV: process.env.NODE_ENV,
        TZ: process.env.TZ,
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.options.serviceUrl() }),
        TENCENTCLOUD_SECRETID: 'local-cloud',
        TENCENTCLOUD_SECRETKEY: 'local-cloud',
        TENCENTCLOUD: 'true',
        SILENCE: 'true',
        TCB_ENV: this.options.envId,
        SCF_NAMESPACE: this.options.envId,
        WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN,WX_TRIGGER_API_TOKEN_V0',
      },
    });
    worker.unref();
    this.live.add(worker);
    worker.once('exit', () => this.live.delete(worker));
    return worker;
  }

  private run(instance: Instance, fn: FunctionInfo, message: InvokeMessage): Promise<WorkerReply> {
    this.running++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const { worker } = instance;
      const timeoutMs = fn.config.timeout * 1000;
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      // The invocation settles only once its instance has ended, so the slot it frees is really free and
      // no instance outlives its invocation (a worker holds tens of MB).
      const fail = (error: CloudError) => {
        cleanup();
        worker.terminate().then(
          () => reject(error),
          () => reject(error),
        );
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== message.id) return;
        cleanup();
        this.park(fn.name, instance);
        resolve(reply);
      };
      const onError = (error: Error) => fail(new CloudError('FUNCTIONS_EXECUTE_FAIL', `function instance crashed: ${error.message}`));
      const onExit = (code: number) => {
        cleanup();
        reject(new CloudError('FUNCTIONS_EXECUTE_FAIL', `function instance exited with code ${code}`));
      };
      const timer = setTimeout(
        () => fail(new CloudError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${fn.config.timeout} seconds`)),
        timeoutMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      try {
        worker.postMessage(message);
      } catch (error) {
        // Structured clone refuses some events (too deeply nested, functions): the instance got nothing.
        fail(new CloudError('FUNCTIONS_EXECUTE_FAIL', `the event could not be passed to the function: ${(error as Error).message}`));
      }
    }).finally(() => {
      this.running--;
    });
  }

  private park(name: string, instance: Instance): void {
    instance.idleTimer = setTimeout(() => {
      const pool = this.idle.get(name) ?? [];
      const at = pool.indexOf(instance);
      if (at >= 0) pool.splice(at, 1);
      void instance.worker.terminate();
    }, IDLE_INSTANCE_MS).unref();
    this.idle.get(name)!.push(instance);
  }
}
