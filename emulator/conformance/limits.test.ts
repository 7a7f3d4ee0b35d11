/**
 * Request size and nesting limits: a body past its endpoint's limit is refused with 413 while it is
 * still arriving, event data nested past 100 levels with 400, and neither ties up a function instance.
 */
import http from 'node:http';
import path from 'node:path';
import { buildFunctions } from '../../scripts/lib/build-functions';
import { connectSdk, startTestCloud, type TestCloud } from '../testing';

const FUNCTIONS = path.join(__dirname, '../test/functions');
const SCHEMA = path.join(__dirname, '../test/schema.json');
const MB = 1024 * 1024;

let cloud: TestCloud;

jest.setTimeout(60_000);

beforeAll(async () => {
  await buildFunctions(FUNCTIONS);
  cloud = await startTestCloud({ functionsRoot: FUNCTIONS, schemaFile: SCHEMA });
});

afterAll(async () => {
  await cloud.stop();
});

type Reply = { status: number; body: { error?: { code: string; message: string } } & Record<string, unknown>; sent: number };

/**
 * Sends `total` bytes in 64 KB chunks (chunked, or with a Content-Length when `declare` is set), stopping
 * as soon as a response arrives — so `sent` tells how much the server read before it answered.
 */
function post(pathname: string, total: number, options: { declare?: boolean; contentType?: string } = {}): Promise<Reply> {
  const url = new URL(pathname, cloud.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': options.contentType ?? 'application/json', ...(options.declare ? { 'content-length': total } : {}) } },
      (res) => {
        answered = true;
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), sent }));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < total) {
        const size = Math.min(chunk.length, total - sent);
        sent += size;
        if (!req.write(chunk.subarray(0, size))) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    if (options.declare) req.flushHeaders();
    setImmediate(pump);
  });
}

test('a declared Content-Length past the limit is refused before any of the body is read', async () => {
  const reply = await post('/invoke/whoami', 7 * MB, { declare: true });
  expect(reply.status).toBe(413);
  expect(reply.body.error).toMatchObject({ code: 'REQUEST_TOO_LARGE', message: expect.stringMatching(/6 MB/) });
});

test('a streamed body past the /invoke limit is refused while it is still arriving', async () => {
  const reply = await post('/invoke/whoami', 64 * MB);
  expect(reply.status).toBe(413);
  expect(reply.body.error?.code).toBe('REQUEST_TOO_LARGE');
  expect(reply.sent).toBeLessThan(32 * MB);
});

test('each endpoint has its own limit: 16 MB for /admin, 64 KB for the small ones', async () => {
  expect((await post('/admin', 17 * MB, { declare: true })).status).toBe(413);
  const clock = await post('/clock', 100 * 1024);
  expect(clock.status).toBe(413);
  expect(clock.body.error?.message).toMatch(/64 KB/);
  // the cloud still answers afterwards, on fresh connections
  expect((await cloud.client.health()).ok).toBe(true);
});

test('a body just under the /invoke limit still works', async () => {
  const result = await cloud.client.invoke<{ event: { blob: string } }>('whoami', { openid: 'o' }, { blob: 'x'.repeat(5 * MB) });
  expect(result.event.blob).toHaveLength(5 * MB);
});

function nested(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth - 1)}{}${']'.repeat(depth - 1)}`);
}

async function invokeRaw(data: unknown) {
  const res = await fetch(`${cloud.url}/invoke/whoami`, { method: 'POST', body: JSON.stringify({ openid: 'o', data: { value: data } }) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; result?: unknown } };
}

test('event data nested 100 levels deep is accepted; 101 is refused with 400', async () => {
  // data is level 1, its "value" member level 2: 99 more levels make 100.
  expect((await invokeRaw(nested(99))).status).toBe(200);
  const deep = await invokeRaw(nested(100));
  expect(deep.status).toBe(400);
  expect(deep.body.error).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(/100 levels/) });
});

test('100 parallel invocations with 5 000-deep data are all refused and leave the function free', async () => {
  const body = `{"openid":"o","data":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
  const replies = await Promise.all(Array.from({ length: 100 }, () => fetch(`${cloud.url}/invoke/whoami`, { method: 'POST', body }).then((res) => res.status)));
  expect(new Set(replies)).toEqual(new Set([400]));
  const ran = (await cloud.client.invocations({ functionName: 'whoami', limit: 1000 })).filter((record) => record.openid === 'o' && record.status !== 'ok');
  expect(ran).toEqual([]);
  await expect(cloud.client.invoke('whoami', { openid: 'o-after' })).resolves.toMatchObject({ before: { OPENID: 'o-after' } });
});

test('callFunction with request_data past 6 MB or nested too deep gets a CloudBase-style error', async () => {
  const sdk = connectSdk(cloud.adminUrl);
  await expect(sdk.callFunction({ name: 'whoami', data: { blob: 'x'.repeat(6 * MB + 1) } })).rejects.toThrow(/6 MB/);
  await expect(sdk.callFunction({ name: 'whoami', data: { value: nested(150) } as never })).rejects.toThrow(/100 levels/);
  await expect(sdk.callFunction({ name: 'whoami', data: { small: 1 } })).resolves.toMatchObject({ result: { event: { small: 1 } } });
});
