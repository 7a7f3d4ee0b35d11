/**
 * Contracts between the parts of the local cloud. The HTTP layer (server.ts) owns routing; each part
 * (database, function runtime, openapi, triggers) gets what it needs through these interfaces so it can
 * be tested on its own.
 */

/** The local cloud's notion of "now": real time shifted by an offset that tests can set or advance. */
export interface ClockLike {
  now(): Date;
  offsetMs(): number;
}

/**
 * Who is calling. Every function invocation gets a unique token that wx-server-sdk sends back on each
 * request as `wxCloudApiToken` (from the WX_API_TOKEN variable), so the cloud knows which invocation a
 * database or openapi request belongs to — as CloudBase does — without the function saying so.
 */
export interface InvocationContext {
  id: string;
  functionName: string;
  openid: string;
  appid: string;
  unionid: string;
  /** 'wx_client' for /invoke, 'timer' for triggers, 'wx_server' for callFunction from another function. */
  source: 'wx_client' | 'timer' | 'wx_server';
  /** openapi names this function may call, from its config.json `permissions.openapi`. */
  openapiPermissions: string[];
  startedAt: number;
  /** Requests this invocation made to /admin, by action name (for benchmarks and budgets). */
  requests: Record<string, number>;
}

/** A message accepted by subscribeMessage.send, kept so tests and the demo can see what was sent. */
export interface OutboxMessage {
  id: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
  sentAt: string;
  /** The function that sent it, when known. */
  functionName?: string;
}

/**
 * One subscribeMessage.send that passed the argument checks, sent or not: what a test reads to see how
 * often a sender retried and what each try got back.
 */
export interface OutboxAttempt {
  touser: string;
  templateId: string;
  /** The local clock's time of the call. */
  at: string;
  /** 0 when sent, else the errcode the caller got (43101, or one injected by Outbox.failNext). */
  errcode: number;
  /** The sent message's id; only when errcode is 0. */
  msgid?: string;
}

export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Something in the data folder or the configuration that the local cloud will not guess its way past.
 * The CLI prints the message alone: it names the file and what to do, and a stack would only bury it.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
