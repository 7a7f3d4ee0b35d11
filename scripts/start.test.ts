/**
 * `npm start` (scripts/start.ts) is the product's: the local cloud plus the demo brand. The bare
 * emulator (`npm run cloud`) knows no product and seeds nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { connectSdk, startTestCloud } from '../emulator/testing';
import { buildFunctions } from './lib/build-functions';

const REPO_ROOT = path.resolve(__dirname, '..');
const FUNCTIONS = path.join(REPO_ROOT, 'cloudfunctions');

jest.setTimeout(120_000);

beforeAll(async () => {
  await buildFunctions(FUNCTIONS);
});

const count = async (adminUrl: string, collection: string) =>
  ((await connectSdk(adminUrl).database().collection(collection).count()) as { total: number }).total;

test('scripts/start.ts starts the local cloud and seeds the demo brand, with its counter codes', async () => {
  const cloud = await startTestCloud({ functionsRoot: FUNCTIONS, entry: path.join(REPO_ROOT, 'scripts/start.ts') });
  try {
    expect(await count(cloud.adminUrl, 'stores')).toBeGreaterThanOrEqual(2);
    expect(await count(cloud.adminUrl, 'members')).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(cloud.dataDir, 'counter-codes')).some((file) => file.endsWith('.png'))).toBe(true);
  } finally {
    await cloud.stop();
  }
});

test('the bare emulator seeds nothing and has no --demo flag', async () => {
  const cloud = await startTestCloud({ functionsRoot: FUNCTIONS });
  try {
    expect(await count(cloud.adminUrl, 'stores')).toBe(0);
  } finally {
    await cloud.stop();
  }
  const withDemo = await startTestCloud({ functionsRoot: FUNCTIONS, extraArgs: ['--demo'] }).then(
    async (started) => {
      await started.stop();
      return 'it started';
    },
    (error: Error) => error.message,
  );
  expect(withDemo).toMatch(/exited with 1[\s\S]*--demo/);
});
