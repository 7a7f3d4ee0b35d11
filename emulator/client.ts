/**
 * A typed client for the local cloud's own endpoints (/invoke, /trigger, /outbox, /clock, /storage, /health),
 * used by tests, the demo seeder and the benchmarks.
 */
import type { OutboxAttempt, OutboxMessage } from './types';
import type { ListedFile } from './storage';
import type { InvocationRecord } from './functions/runtime';
import type { TriggerState } from './triggers';

export class LocalCloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface InvokeMeta {
  invocationId: string;
  durationMs: number;
  cold: boolean;
}

export interface Caller {
  openid: string;
  appid?: string;
  unionid?: string;
}

export class LocalCloudClient {
  constructor(readonly baseUrl: string) {}

  /** Calls a function as a mini-program user would; resolves with its result, rejects with its error. */
  async invoke<T = unknown>(functionName: string, caller: Caller, data: Record<string, unknown> = {}): Promise<T> {
    return (await this.invokeWithMeta<T>(functionName, caller, data)).result;
  }

  async invokeWithMeta<T = unknown>(
    functionName: string,
    caller: Caller,
    data: Record<string, unknown> = {},
  ): Promise<InvokeMeta & { result: T }> {
    return this.request('POST', `/invoke/${functionName}`, { ...caller, data });
  }

  async trigger<T = unknown>(functionName: string): Promise<T> {
    return (await this.request<{ result: T }>('POST', `/trigger/${functionName}`)).result;
  }

  async triggers(): Promise<TriggerState[]> {
    return (await this.request<{ triggers: TriggerState[] }>('GET', '/triggers')).triggers;
  }

  async outbox(filter: { touser?: string; templateId?: string } = {}): Promise<OutboxMessage[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
    return (await this.request<{ messages: OutboxMessage[] }>('GET', `/outbox?${query}`)).messages;
  }

  async refuseMessages(openid: string, templateId?: string): Promise<void> {
    await this.request('POST', '/outbox/refuse', { openid, templateId });
  }

  async allowMessages(openid: string, templateId?: string): Promise<void> {
    await this.request('POST', '/outbox/allow', { openid, templateId });
  }

  /** The next `times` sends to `openid` fail with `errcode` (-1 "system error" unless given, or 45009); 0 cancels. */
  async failMessages(openid: string, times: number, errcode?: number): Promise<void> {
    await this.request('POST', '/outbox/fail', { openid, times, errcode });
  }

  async outboxAttempts(filter: { touser?: string; templateId?: string } = {}): Promise<OutboxAttempt[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
    return (await this.request<{ attempts: OutboxAttempt[] }>('GET', `/outbox/attempts?${query}`)).attempts;
  }

  async clock(): Promise<{ now: string; offsetMs: number }> {
    return this.request('GET', '/clock');
  }

  async setClock(iso: string): Promise<{ now: string; offsetMs: number }> {
    return this.request('POST', '/clock', { set: iso });
  }

  async advanceClock(duration: string | number): Promise<{ now: string; offsetMs: number }> {
    return this.request('POST', '/clock', { advance: duration });
  }

  async resetClock(): Promise<{ now: string; offsetMs: number }> {
    return this.request('POST', '/clock', { reset: true });
  }

  async health(): Promise<{ ok: boolean; env: string; now: string; functions: string[]; collections: string[] }> {
    return this.request('GET', '/health');
  }

  /** Files in cloud storage whose path starts with `prefix`, each with a fresh day-long download link. */
  async storageFiles(prefix = ''): Promise<ListedFile[]> {
    return (await this.request<{ files: ListedFile[] }>('GET', `/storage?${new URLSearchParams({ prefix })}`)).files;
  }

  async invocations(filter: { functionName?: string; limit?: number } = {}): Promise<InvocationRecord[]> {
    const query = new URLSearchParams();
    if (filter.functionName) query.set('function', filter.functionName);
    if (filter.limit) query.set('limit', String(filter.limit));
    return (await this.request<{ invocations: InvocationRecord[] }>('GET', `/invocations?${query}`)).invocations;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await res.json()) as { error?: { code: string; message: string } } & T;
    if (payload.error) throw new LocalCloudError(payload.error.code, payload.error.message, res.status);
    if (!res.ok) throw new LocalCloudError('HTTP_ERROR', `${method} ${path} answered ${res.status}`, res.status);
    return payload;
  }
}
