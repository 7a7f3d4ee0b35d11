/**
 * Runs inside a worker thread: one function instance, like one SCF container. It handles one
 * invocation at a time, so setting process.env (which wx-server-sdk reads for getWXContext and for the
 * per-invocation API token) cannot leak between concurrent invocations: each has its own worker, and a
 * worker's process.env is its own copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { format } from 'node:util';

export interface InvokeMessage {
  type: 'invoke';
  id: string;
  entry: string;
  event: unknown;
  context: Record<string, unknown>;
  env: Record<string, string | undefined>;
  clockOffsetMs: number;
}

export type WorkerReply =
  | { type: 'done'; id: string; result: unknown; logs: string[] }
  | { type: 'failed'; id: string; error: { message: string; stack?: string }; logs: string[] };

let clockOffset = 0;
installClock();

// A spare instance loads wx-server-sdk before it is given a function: its ~0.4 s load is the bulk of a
// cold start, and loading it ahead of time changes nothing the function can observe.
for (const modulePath of (workerData as { preload?: string[] } | undefined)?.preload ?? []) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(modulePath);
}

let logs: string[] = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => {
    logs.push(`[${level}] ${format(...args)}`);
  };
}

parentPort!.on('message', async (message: InvokeMessage) => {
  logs = [];
  clockOffset = message.clockOffsetMs;
  for (const [key, value] of Object.entries(message.env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn = require(message.entry) as { main?: (event: unknown, context: unknown) => unknown };
    if (typeof fn.main !== 'function') throw new Error(`${message.entry} does not export main`);
    const result = await fn.main(message.event, message.context);
    parentPort!.postMessage({ type: 'done', id: message.id, result: toJson(result), logs } satisfies WorkerReply);
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ type: 'failed', id: message.id, error: { message: err.message, stack: err.stack }, logs } satisfies WorkerReply);
  }
});

/** Results cross the wire as JSON, as they do from CloudBase (Dates become ISO strings). */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Replaces Date so that `new Date()` and `Date.now()` in function code see the local cloud's clock.
 * The prototype is shared, so `instanceof Date` and dates made by libraries keep working.
 */
function installClock(): void {
  const RealDate = Date;
  function LocalDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(RealDate.now() + clockOffset).toString();
    return Reflect.construct(RealDate, args.length ? args : [RealDate.now() + clockOffset], new.target);
  }
  LocalDate.prototype = RealDate.prototype;
  LocalDate.now = () => RealDate.now() + clockOffset;
  LocalDate.parse = RealDate.parse;
  LocalDate.UTC = RealDate.UTC;
  globalThis.Date = LocalDate as unknown as DateConstructor;
}
