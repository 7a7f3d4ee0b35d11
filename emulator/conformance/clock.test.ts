/** A bad clock request is refused and leaves the cloud working; a bad clock.json is reported at start. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions } from '../../scripts/lib/build-functions';
import { startTestCloud, type TestCloud } from '../testing';

const FUNCTIONS = path.join(__dirname, '../test/functions');
const SCHEMA = path.join(__dirname, '../test/schema.json');

let cloud: TestCloud;

jest.setTimeout(30_000);

beforeAll(async () => {
  await buildFunctions(FUNCTIONS);
  cloud = await startTestCloud({ functionsRoot: FUNCTIONS, schemaFile: SCHEMA, triggers: true });
});

afterAll(async () => {
  await cloud.stop();
});

async function postClock(body: unknown) {
  const res = await fetch(`${cloud.url}/clock`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; offsetMs?: number } };
}

test('an out-of-range clock request answers 400, and every endpoint, the triggers and a restart still work', async () => {
  await cloud.client.advanceClock('1d');
  for (const body of [{ advance: 1e308 }, { advance: '999999999d' }, { set: '3000-01-01T00:00:00Z' }, { advance: -1e15 }]) {
    const reply = await postClock(body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(/1970.*2200/) });
  }
  expect((await cloud.client.clock()).offsetMs).toBe(86_400_000);
  expect((await cloud.client.health()).ok).toBe(true);
  expect((await cloud.client.triggers())[0].nextRun).not.toBeNull();
  // the trigger loop runs once a second: give it a few ticks on the refused requests' aftermath
  await new Promise((r) => setTimeout(r, 1500));
  expect(cloud.child.exitCode).toBeNull();
  cloud = await cloud.restart();
  expect((await cloud.client.clock()).offsetMs).toBe(86_400_000);
});

test.each([
  ['corrupt', '{"offsetMs": 12'],
  ['out of range', '{"offsetMs": 1e308}'],
])('a %s clock.json stops start-up with a message naming the file and what to do, not a stack trace', async (_what, content) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-clock-'));
  fs.writeFileSync(path.join(dataDir, 'clock.json'), content);
  const message = await startTestCloud({ schemaFile: SCHEMA, dataDir }).then(
    async (started) => {
      await started.stop();
      return 'it started';
    },
    (error: Error) => error.message,
  );
  expect(message).toMatch(/exited with 1/);
  expect(message).toContain(path.join(dataDir, 'clock.json'));
  expect(message).toMatch(/delete it/i);
  expect(message).not.toMatch(/^\s+at /m);
});
