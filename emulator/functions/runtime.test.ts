/** The runtime's instance accounting when an invocation cannot even be handed to its instance. */
import path from 'node:path';
import { buildFunctions } from '../../scripts/lib/build-functions';
import { Clock } from '../clock';
import { FunctionRuntime } from './runtime';

const FUNCTIONS = path.join(__dirname, '../test/functions');

let runtime: FunctionRuntime;

jest.setTimeout(30_000);

beforeAll(async () => {
  await buildFunctions(FUNCTIONS);
  runtime = new FunctionRuntime({ functionsRoot: FUNCTIONS, serviceUrl: () => 'http://127.0.0.1:9/admin', envId: 'local', appid: 'wx-test', clock: new Clock() });
  runtime.warm();
});

afterAll(async () => {
  await runtime.close();
});

/** An event structured clone cannot copy: far deeper than V8's serializer recurses. */
function unpostable(): unknown {
  return JSON.parse(`{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
}

test('an event that cannot be posted fails the invocation and ends its instance before the slot is freed', async () => {
  const outcomes = await Promise.all(Array.from({ length: 15 }, () => runtime.invoke({ functionName: 'whoami', source: 'wx_client', openid: 'o', event: unpostable() })));
  for (const outcome of outcomes) {
    expect(outcome).toMatchObject({ ok: false, error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringMatching(/could not be passed/) } });
  }
  // Nothing runs now: every live instance is a spare or parked idle — none is left behind by a failed post.
  const stats = runtime.stats();
  expect(stats.running).toBe(0);
  expect(stats.busy.whoami ?? 0).toBe(0);
  expect(stats.live).toBe(stats.spare + stats.idle);

  const ok = await runtime.invoke({ functionName: 'whoami', source: 'wx_client', openid: 'o2', event: { x: 1 } });
  expect(ok).toMatchObject({ ok: true, result: { event: { x: 1 } } });
  const after = runtime.stats();
  expect(after.live).toBe(after.spare + after.idle);
});
