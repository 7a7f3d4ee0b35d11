/**
 * Only the machine itself may talk to the local cloud: a web page in the developer's browser (another
 * Origin) and DNS rebinding (another Host) are refused on every endpoint; wx-server-sdk still works.
 */
import http from 'node:http';
import path from 'node:path';
import { connectSdk, startTestCloud, type TestCloud } from '../testing';

const SCHEMA = path.join(__dirname, '../test/schema.json');

let cloud: TestCloud;

jest.setTimeout(30_000);

beforeAll(async () => {
  cloud = await startTestCloud({ schemaFile: SCHEMA });
});

afterAll(async () => {
  await cloud.stop();
});

function send(method: string, pathname: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> }>((resolve, reject) => {
    const req = http.request(new URL(pathname, cloud.url), { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const readSecrets = JSON.stringify({ action: 'database.getDocument', collectionName: 'events', queryType: 'WHERE', query: '{}', limit: 10 });

test('a cross-origin text/plain POST to /admin (a web page) is refused with 403 and reads nothing', async () => {
  const db = connectSdk(cloud.adminUrl).database();
  await db.collection('events').add({ data: { kind: 'secret', token: 's3cr3t' } });
  const reply = await send('POST', '/admin', { 'content-type': 'text/plain', origin: 'http://evil.example' }, readSecrets);
  expect(reply.status).toBe(403);
  expect(reply.body.error).toMatchObject({ code: 'FORBIDDEN_ORIGIN', message: expect.stringContaining('http://evil.example') });
  expect(JSON.stringify(reply.body)).not.toContain('s3cr3t');
});

test('a foreign Host (DNS rebinding) is refused on every endpoint', async () => {
  const host = `rebind.evil.example:${new URL(cloud.url).port}`;
  for (const [method, pathname] of [
    ['GET', '/health'],
    ['GET', '/clock'],
    ['POST', '/clock'],
    ['GET', '/outbox'],
    ['POST', '/invoke/whoami'],
    ['POST', '/admin'],
    ['GET', '/nowhere'],
  ]) {
    const reply = await send(method, pathname, { host, 'content-type': 'application/json' }, method === 'POST' ? '{"advance":"1d"}' : undefined);
    expect({ method, pathname, status: reply.status, code: reply.body.error?.code }).toEqual({ method, pathname, status: 403, code: 'FORBIDDEN_HOST' });
  }
  expect((await cloud.client.clock()).offsetMs).toBe(0);
});

test('requests from this machine keep working: loopback names, the own origin, the SDK with dummy credentials', async () => {
  const port = new URL(cloud.url).port;
  expect((await send('GET', '/health', { host: `localhost:${port}` })).status).toBe(200);
  expect((await send('GET', '/health', { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  expect((await cloud.client.health()).ok).toBe(true);
  const db = connectSdk(cloud.adminUrl).database();
  const { data } = (await db.collection('events').where({ kind: 'secret' }).get()) as { data: unknown[] };
  expect(data).toHaveLength(1);
});
