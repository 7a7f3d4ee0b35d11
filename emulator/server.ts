import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { runDatabaseAction, type DatabaseParams } from './db/admin';
import { answerStorageLink, isStorageLink, runStorageAction, storageLinkError, type StorageParams } from './storage';
import { handleOpenApiRequest, isOpenApiRequest, TRANSIENT_ERRORS } from './openapi';
import { bodyLimit, checkEventDepth, closeAfterRefusal, describeBytes, FUNCTION_EVENT_BYTES, HttpError, readBody } from './limits';
import { CloudError, type InvocationContext } from './types';
import type { LocalCloud } from './local-cloud';
import type { InvokeOutcome } from './functions/runtime';

const invokeBody = z.object({
  openid: z.string().min(1, 'openid is required: the caller a mini-program user would be'),
  appid: z.string().optional(),
  unionid: z.string().optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});

const clockBody = z.union([
  z.object({ set: z.string() }),
  z.object({ advance: z.union([z.string(), z.number()]) }),
  z.object({ reset: z.literal(true) }),
]);

const refusalBody = z.object({ openid: z.string().min(1), templateId: z.string().optional() });

const failureBody = z.object({
  openid: z.string().min(1),
  times: z.number().int().min(0),
  errcode: z
    .number()
    .int()
    .refine((code) => code in TRANSIENT_ERRORS, `errcode must be one of ${Object.keys(TRANSIENT_ERRORS).join(', ')}`)
    .optional(),
});

/**
 * Routes of the local cloud. `/admin` is the CloudBase API wx-server-sdk speaks, and `/storage/upload/…` and
 * `/storage/files/…` the signed links it hands out; the rest is for people and tests.
 */
export function createRequestHandler(cloud: LocalCloud) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const refusal = cloud.checkAccess(req.headers);
      if (refusal) throw refusal;
      const url = new URL(req.url ?? '/', 'http://local');
      const route = `${req.method} ${url.pathname}`;
      const body = await readBody(req, url.pathname, bodyLimit(req.method, url.pathname));
      if (route === 'POST /admin') return await admin(cloud, req, body, res);
      if (isStorageLink(url.pathname)) return await answerStorageLink(cloud.storage, req, url, body, res);
      if (route === 'GET /storage') return json(res, 200, { files: cloud.storage.listing(url.searchParams.get('prefix') ?? '') });
      if (route === 'GET /health') {
        return json(res, 200, {
          ok: true,
          env: cloud.envId,
          now: cloud.clock.now().toISOString(),
          functions: cloud.runtime.list().map((fn) => fn.name),
          collections: cloud.db.collectionNames(),
        });
      }
      const invokeMatch = /^POST \/invoke\/([\w-]+)$/.exec(route);
      if (invokeMatch) {
        checkEventDepth(body.toString('utf8'), 1);
        const input = invokeBody.safeParse(parseJson(body));
        if (!input.success) return json(res, 400, { error: { code: 'INVALID_PARAM', message: input.error.message } });
        const { openid, appid, unionid, data } = input.data;
        const outcome = await cloud.runtime.invoke({
          functionName: invokeMatch[1],
          openid,
          appid,
          unionid,
          source: 'wx_client',
          event: { ...data, userInfo: { appId: appid ?? cloud.appid, openId: openid } },
        });
        return json(res, outcome.ok ? 200 : statusOf(outcome), outcomeBody(outcome));
      }
      const triggerMatch = /^POST \/trigger\/([\w-]+)$/.exec(route);
      if (triggerMatch) {
        if (!cloud.runtime.get(triggerMatch[1])?.config.triggers.length) {
          return json(res, 404, { error: { code: 'TRIGGER_NOT_FOUND', message: `function ${triggerMatch[1]} has no timer trigger` } });
        }
        const outcome = await cloud.triggers.fire(triggerMatch[1]);
        return json(res, outcome.ok ? 200 : statusOf(outcome), outcomeBody(outcome));
      }
      if (route === 'GET /triggers') return json(res, 200, { triggers: cloud.triggers.states() });
      if (route === 'GET /invocations') {
        const fn = url.searchParams.get('function') ?? undefined;
        const limit = Number(url.searchParams.get('limit') ?? 100);
        return json(res, 200, { invocations: cloud.runtime.recent({ functionName: fn, limit }) });
      }
      if (route === 'GET /outbox') {
        const touser = url.searchParams.get('touser') ?? undefined;
        const templateId = url.searchParams.get('templateId') ?? undefined;
        return json(res, 200, { messages: cloud.outbox.list({ touser, templateId }) });
      }
      if (route === 'POST /outbox/refuse' || route === 'POST /outbox/allow') {
        const input = refusalBody.safeParse(parseJson(body));
        if (!input.success) return json(res, 400, { error: { code: 'INVALID_PARAM', message: input.error.message } });
        if (route.endsWith('refuse')) cloud.outbox.refuse(input.data.openid, input.data.templateId);
        else cloud.outbox.allow(input.data.openid, input.data.templateId);
        return json(res, 200, { ok: true });
      }
      if (route === 'POST /outbox/fail') {
        const input = failureBody.safeParse(parseJson(body));
        if (!input.success) return json(res, 400, { error: { code: 'INVALID_PARAM', message: input.error.message } });
        cloud.outbox.failNext(input.data.openid, input.data.times, input.data.errcode);
        return json(res, 200, { ok: true });
      }
      if (route === 'GET /outbox/attempts') {
        const touser = url.searchParams.get('touser') ?? undefined;
        const templateId = url.searchParams.get('templateId') ?? undefined;
        return json(res, 200, { attempts: cloud.outbox.attempts({ touser, templateId }) });
      }
      if (route === 'GET /clock') return json(res, 200, clockState(cloud));
      if (route === 'POST /clock') {
        const input = clockBody.safeParse(parseJson(body));
        if (!input.success) {
          return json(res, 400, { error: { code: 'INVALID_PARAM', message: 'body must be {"set": ISO} or {"advance": "90d"} or {"reset": true}' } });
        }
        const before = cloud.clock.now().getTime();
        if ('set' in input.data) cloud.clock.set(input.data.set);
        else if ('advance' in input.data) cloud.clock.advance(input.data.advance);
        else cloud.clock.reset();
        if (cloud.clock.now().getTime() < before) cloud.triggers.reschedule();
        return json(res, 200, clockState(cloud));
      }
      return json(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${route}` } });
    } catch (error) {
      const err = error as Error;
      if (res.headersSent) return;
      if (err instanceof HttpError) {
        // Refused before its body was read (too large, or not allowed in at all).
        if (err.status === 413 || err.status === 403) closeAfterRefusal(req, res);
        const pathname = new URL(req.url ?? '/', 'http://local').pathname;
        if (isStorageLink(pathname)) return storageLinkError(res, err, pathname);
        return json(res, err.status, { error: { code: err.code, message: err.message } });
      }
      json(res, 400, { error: { code: (err as CloudError).code ?? 'BAD_REQUEST', message: err.message } });
    }
  };
}

async function admin(cloud: LocalCloud, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const contentType = req.headers['content-type'];
  if (isOpenApiRequest(contentType)) {
    const reply = await handleOpenApiRequest(body, contentType!, {
      clock: cloud.clock,
      appid: cloud.appid,
      outbox: cloud.outbox,
      appPages: cloud.appPages(),
      resolveInvocation: (token) => count(cloud.runtime.byToken(token), 'wx.openApi'),
    });
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
    return;
  }
  const params = parseJson(body) as DatabaseParams &
    StorageParams & { wxCloudApiToken?: string; function_name?: string; request_data?: string };
  const caller = count(cloud.runtime.byToken(params.wxCloudApiToken), params.action);
  try {
    if (params.action === 'functions.invokeFunction') {
      const requestData = String(params.request_data ?? '');
      const bytes = Buffer.byteLength(requestData);
      if (bytes > FUNCTION_EVENT_BYTES) {
        throw new CloudError(
          'EXCEED_REQUEST_LIMIT',
          `callFunction data is ${describeBytes(bytes)}; a function call carries at most ${describeBytes(FUNCTION_EVENT_BYTES)}, as in CloudBase`,
        );
      }
      checkEventDepth(requestData, 0);
      const outcome = await cloud.runtime.invoke({
        functionName: String(params.function_name ?? ''),
        event: requestData ? JSON.parse(requestData) : {},
        openid: caller?.openid,
        appid: caller?.appid,
        unionid: caller?.unionid,
        source: 'wx_server',
      });
      if (!outcome.ok) throw new CloudError('FUNCTIONS_EXECUTE_FAIL', `${outcome.error.code}: ${outcome.error.message}`);
      return json(res, 200, { requestId, data: { response_data: JSON.stringify(outcome.result) } });
    }
    if (String(params.action ?? '').startsWith('storage.')) return json(res, 200, { requestId, data: runStorageAction(cloud.storage, params) });
    if (!String(params.action ?? '').startsWith('database.')) {
      throw new CloudError('INVALID_ACTION', `the local cloud does not implement ${params.action}`);
    }
    const data = runDatabaseAction(cloud.db, params, () => cloud.clock.now());
    cloud.db.maintain();
    if (params.action === 'database.startTransaction') return json(res, 200, { requestId, ...data });
    return json(res, 200, { requestId, data });
  } catch (error) {
    if (error instanceof CloudError) return json(res, 200, { requestId, code: error.code, message: error.message });
    const failed = String(params.action ?? '').startsWith('storage.') ? 'STORAGE_REQUEST_FAIL' : 'DATABASE_REQUEST_FAILED';
    return json(res, 200, { requestId, code: failed, message: (error as Error).message });
  }
}

function count(invocation: InvocationContext | undefined, action: string): InvocationContext | undefined {
  if (invocation) invocation.requests[action] = (invocation.requests[action] ?? 0) + 1;
  return invocation;
}

function outcomeBody(outcome: InvokeOutcome) {
  const meta = { invocationId: outcome.record.id, durationMs: outcome.record.durationMs, cold: outcome.record.cold };
  return outcome.ok ? { result: outcome.result, ...meta } : { error: outcome.error, ...meta };
}

function statusOf(outcome: InvokeOutcome & { ok: false }): number {
  return outcome.error.code === 'FUNCTIONS_NOT_FOUND' ? 404 : 200;
}

function clockState(cloud: LocalCloud) {
  return { now: cloud.clock.now().toISOString(), offsetMs: cloud.clock.offsetMs() };
}

function parseJson(body: Buffer): unknown {
  if (!body.length) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new CloudError('INVALID_PARAM', 'request body is not valid JSON');
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
