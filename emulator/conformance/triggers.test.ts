/** Timer triggers on schedule: the cron in config.json fires by the local clock, and a clock jump fires once. */
import path from 'node:path';
import { buildFunctions } from '../../scripts/lib/build-functions';
import { connectSdk, startTestCloud, waitUntil, type TestCloud } from '../testing';

const FUNCTIONS = path.join(__dirname, '../test/functions');
const SCHEMA = path.join(__dirname, '../test/schema.json');

let cloud: TestCloud;

jest.setTimeout(20_000);

beforeAll(async () => {
  await buildFunctions(FUNCTIONS);
  cloud = await startTestCloud({ functionsRoot: FUNCTIONS, schemaFile: SCHEMA, triggers: true });
});

afterAll(async () => {
  await cloud.stop();
});

test('a every-second trigger fires on schedule with the timer event', async () => {
  const db = connectSdk(cloud.adminUrl).database();
  const ticks = async () => ((await db.collection('events').where({ kind: 'tick' }).count()) as { total: number }).total;
  const deadline = Date.now() + 8000;
  while ((await ticks()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(await ticks()).toBeGreaterThanOrEqual(2);
  const { data } = (await db.collection('events').where({ kind: 'tick' }).limit(1).get()) as unknown as {
    data: Array<{ event: { Type: string; TriggerName: string }; context: Record<string, unknown> }>;
  };
  expect(data[0].event).toMatchObject({ Type: 'Timer', TriggerName: 'every-second' });
  expect(data[0].context).not.toHaveProperty('OPENID');
  expect(data[0].context.SOURCE).toBe('timer');
});

test('the schedule follows the local clock: after a 90-day jump the next run is 90 days on', async () => {
  await cloud.client.advanceClock('90d');
  // Polled, not slept: a busy machine may take a few seconds to run the jump's one firing.
  const distanceToNextRun = async () => {
    const [state] = await cloud.client.triggers();
    const clock = await cloud.client.clock();
    return Math.abs(Date.parse(state.nextRun!) - Date.parse(clock.now));
  };
  await waitUntil(async () => (await distanceToNextRun()) < 3000, 10_000, 200);
  expect(await distanceToNextRun()).toBeLessThan(3000);
});
