/**
 * The function runtime, clock, timer triggers and openapi, driven as a mini-program and a timer would
 * drive them, with fixture functions that use the real wx-server-sdk.
 */
import path from 'node:path';
import { buildFunctions } from '../../scripts/lib/build-functions';
import { LocalCloudError } from '../client';
import { startTestCloud, type TestCloud } from '../testing';

const FUNCTIONS = path.join(__dirname, '../test/functions');
const SCHEMA = path.join(__dirname, '../test/schema.json');

type Who = { before: Record<string, string>; after: Record<string, string> };

let cloud: TestCloud;

beforeAll(async () => {
  await buildFunctions(FUNCTIONS);
  cloud = await startTestCloud({ functionsRoot: FUNCTIONS, schemaFile: SCHEMA });
});

afterAll(async () => {
  await cloud.stop();
});

jest.setTimeout(30_000);

test('each of 20 concurrent invocations sees only its own OPENID, APPID and UNIONID', async () => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_u, i) =>
      cloud.client.invoke<Who>('whoami', { openid: `user-${i}`, appid: `app-${i % 2}`, unionid: `union-${i}` }, { delayMs: 200 }),
    ),
  );
  results.forEach((result, i) => {
    for (const ctx of [result.before, result.after]) {
      expect(ctx).toMatchObject({ OPENID: `user-${i}`, APPID: `app-${i % 2}`, UNIONID: `union-${i}`, SOURCE: 'wx_client', ENV: 'local' });
      expect(ctx).not.toHaveProperty('API_TOKEN');
    }
  });
});

test('the event carries the data and userInfo, as from a mini-program', async () => {
  const result = await cloud.client.invoke<{ event: Record<string, unknown> }>('whoami', { openid: 'o-event' }, { x: 1 });
  expect(result.event).toEqual({ x: 1, userInfo: { appId: 'wx-local-appid', openId: 'o-event' } });
});

test('the timeout from config.json stops a function, even a busy loop, and the next call still works', async () => {
  // The loop never ends: an answer at all means the instance was stopped (a wall-clock bound here would
  // only measure the machine's load).
  await expect(cloud.client.invoke('sleepy', { openid: 'o' }, { busy: true })).rejects.toMatchObject({
    code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  });
  await expect(cloud.client.invoke('sleepy', { openid: 'o' }, { ms: 10 })).resolves.toEqual({ slept: 10 });
  const [record] = await cloud.client.invocations({ functionName: 'sleepy', limit: 2 });
  expect(record).toMatchObject({ status: 'timeout' });
  expect(record.durationMs).toBeGreaterThanOrEqual(1000);
});

test('an unknown function and a bad /invoke body get clear errors', async () => {
  await expect(cloud.client.invoke('nope', { openid: 'o' })).rejects.toMatchObject({ code: 'FUNCTIONS_NOT_FOUND', status: 404 });
  const res = await fetch(`${cloud.url}/invoke/whoami`, { method: 'POST', body: JSON.stringify({ data: {} }) });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_PARAM');
});

test('callFunction from a function runs the callee for the same user', async () => {
  const result = await cloud.client.invoke<{ callee: Who & { event: unknown }; self: Record<string, string> }>(
    'caller',
    { openid: 'o-caller' },
    { target: 'whoami', data: { hello: 1 } },
  );
  expect(result.self.OPENID).toBe('o-caller');
  expect(result.callee.before).toMatchObject({ OPENID: 'o-caller', SOURCE: 'wx_server' });
  expect(result.callee.event).toEqual({ hello: 1 });
  const failing = cloud.client.invoke('caller', { openid: 'o' }, { target: 'sleepy', data: { busy: true } });
  await expect(failing).rejects.toThrow(/FUNCTIONS_EXECUTE_FAIL|functions execute fail/);
});

test('moving the clock moves Date and db.serverDate() inside functions', async () => {
  await cloud.client.setClock('2030-02-03T04:05:06Z');
  const moved = await cloud.client.invoke<{ now: string; dateNow: number; serverDate: string }>('clock', { openid: 'o' });
  expect(Math.abs(Date.parse(moved.now) - Date.parse('2030-02-03T04:05:06Z'))).toBeLessThan(5000);
  expect(Math.abs(moved.dateNow - Date.parse('2030-02-03T04:05:06Z'))).toBeLessThan(5000);
  expect(Math.abs(Date.parse(moved.serverDate) - Date.parse('2030-02-03T04:05:06Z'))).toBeLessThan(5000);

  await cloud.client.advanceClock('90d');
  const later = await cloud.client.invoke<{ now: string }>('clock', { openid: 'o' });
  const days = (Date.parse(later.now) - Date.parse(moved.now)) / 86_400_000;
  expect(days).toBeGreaterThan(89.99);
  expect(days).toBeLessThan(90.01);

  await cloud.client.resetClock();
  const back = await cloud.client.invoke<{ now: string }>('clock', { openid: 'o' });
  expect(Math.abs(Date.parse(back.now) - Date.now())).toBeLessThan(5000);
  await expect(cloud.client.advanceClock('soon')).rejects.toThrow(/invalid duration/);
});

test('a trigger can be fired on demand, with the timer event and no user', async () => {
  await expect(cloud.client.trigger('ticker')).resolves.toEqual({ ok: true });
  await expect(cloud.client.trigger('whoami')).rejects.toMatchObject({ code: 'TRIGGER_NOT_FOUND' });
  const [state] = await cloud.client.triggers();
  expect(state).toMatchObject({ functionName: 'ticker', name: 'every-second', cron: '* * * * * * *' });
});

test('openapi: a subscription message goes to the outbox; a refusal answers 43101; a missing permission is refused', async () => {
  const sent = await cloud.client.invoke<{ sent: boolean }>('notifier', { openid: 'o-msg' }, { kind: 'message' });
  expect(sent.sent).toBe(true);
  const [message] = await cloud.client.outbox({ touser: 'o-msg' });
  expect(message).toMatchObject({ touser: 'o-msg', templateId: 'tmpl-points', functionName: 'notifier' });

  await cloud.client.refuseMessages('o-refuses');
  const refused = await cloud.client.invoke<{ sent: boolean; errCode: number }>('notifier', { openid: 'o-refuses' }, { kind: 'message' });
  expect(refused).toMatchObject({ sent: false, errCode: 43101 });
  expect(await cloud.client.outbox({ touser: 'o-refuses' })).toHaveLength(0);

  const denied = await cloud.client.invoke<{ denied: boolean; errCode: number }>('unpermitted', { openid: 'o' });
  expect(denied).toMatchObject({ denied: true, errCode: -604101 });
});

test('openapi: injected failures reach the function as errCode, then it sends; /outbox/attempts lists each try', async () => {
  await cloud.client.failMessages('o-flaky', 2);
  const tries = [];
  for (let i = 0; i < 3; i++) {
    tries.push(await cloud.client.invoke<{ sent: boolean; errCode: number }>('notifier', { openid: 'o-flaky' }, { kind: 'message' }));
  }
  expect(tries).toMatchObject([{ sent: false, errCode: -1 }, { sent: false, errCode: -1 }, { sent: true, errCode: 0 }]);
  const [message] = await cloud.client.outbox({ touser: 'o-flaky' });
  const attempts = await cloud.client.outboxAttempts({ touser: 'o-flaky', templateId: 'tmpl-points' });
  expect(attempts.map((a) => [a.errcode, a.msgid])).toEqual([[-1, undefined], [-1, undefined], [0, message?.id]]);

  await cloud.client.failMessages('o-flaky', 1, 45009);
  const quota = await cloud.client.invoke<{ errCode: number }>('notifier', { openid: 'o-flaky' }, { kind: 'message' });
  expect(quota.errCode).toBe(45009);
  const bad: [string, number, number?][] = [['o', -1], ['o', 1.5], ['o', 1, 40001], ['', 1]];
  for (const [openid, times, errcode] of bad) {
    await expect(cloud.client.failMessages(openid, times, errcode)).rejects.toMatchObject({ code: 'INVALID_PARAM', status: 400 });
  }
});

test('openapi: wxacode.getUnlimited from a function returns a PNG', async () => {
  const code = await cloud.client.invoke<{ contentType: string; bytes: number }>('notifier', { openid: 'o' }, { kind: 'qrcode', scene: 's=1&c=2' });
  expect(code.contentType).toBe('image/png');
  expect(code.bytes).toBeGreaterThan(500);
});

test('each invocation records its duration, warmth, logs and database requests by action', async () => {
  await cloud.client.invoke('counter', { openid: 'o' }, { id: 'records', amount: 1 });
  const [record] = await cloud.client.invocations({ functionName: 'counter', limit: 1 });
  expect(record).toMatchObject({ status: 'ok', openid: 'o', source: 'wx_client' });
  expect(record.requests).toEqual({
    'database.startTransaction': 1,
    'database.getDocument': 1,
    'database.modifyDocument': 1,
    'database.insertDocument': 1,
    'database.commitTransaction': 1,
  });
  expect(record.durationMs).toBeGreaterThan(0);
});

test('20 concurrent read-modify-write transactions through functions sum exactly', async () => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_u, i) => cloud.client.invoke<{ total: number }>('counter', { openid: `o-${i}` }, { id: 'sum', amount: 10 })),
  );
  expect(Math.max(...results.map((r) => r.total))).toBe(200);
  expect(new Set(results.map((r) => r.total)).size).toBe(20);
});

test('errors from the client are LocalCloudError with the code', async () => {
  const error = await cloud.client.invoke('nope', { openid: 'o' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LocalCloudError);
});
