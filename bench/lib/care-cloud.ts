import path from 'node:path';
import { connectSdk, startTestCloud } from '../../emulator/testing';
import { buildFunctions } from '../../scripts/lib/build-functions';
import type { MembershipCloud } from '../../server/testing';
import type { SeedFacts, SeedRequest } from './care-cloud-entry';
import { onCleanup, tempDir } from './cleanup';
import { SEEDED_LINE } from './seeding-cloud';
import { watchCloud } from './watch-cloud';

const FUNCTIONS = path.resolve(__dirname, '../../cloudfunctions');
const ENTRY = path.join(__dirname, 'care-cloud-entry.ts');
const SEED_TIMEOUT_MS = 180_000;

/**
 * The project's functions on a fresh local cloud that seeds the care brand in its own process
 * (care-cloud-entry.ts); resolves once the brand is in, with what the seeding reports.
 */
export async function startCareCloud(label: string, request: SeedRequest): Promise<{ t: MembershipCloud; facts: SeedFacts }> {
  return startSeededCloud<SeedFacts>(label, ENTRY, ['--care-seed', JSON.stringify(request)]);
}

/**
 * The project's functions on a fresh local cloud whose `entry` seeds a brand in its own process and
 * prints `care seeded <facts as JSON>` when done; resolves with those facts.
 */
export async function startSeededCloud<F>(label: string, entry: string, extraArgs: string[]): Promise<{ t: MembershipCloud; facts: F }> {
  await buildFunctions(FUNCTIONS);
  // A data folder of our own, removed afterwards: this one grows past 1 GB of log.
  const cloud = await startTestCloud({ functionsRoot: FUNCTIONS, dataDir: tempDir(label), entry, extraArgs });
  watchCloud(cloud, label);
  onCleanup(() => cloud.stop());
  const facts = await new Promise<F>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`the care brand was not seeded within ${SEED_TIMEOUT_MS / 1000} s`)), SEED_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const start = buffered.indexOf(SEEDED_LINE);
      const end = start < 0 ? -1 : buffered.indexOf('\n', start);
      if (end < 0) {
        buffered = buffered.slice(-64 * 1024);
        return;
      }
      clearTimeout(timer);
      cloud.child.stdout!.off('data', onData);
      resolve(JSON.parse(buffered.slice(start + SEEDED_LINE.length, end)) as F);
    };
    cloud.child.stdout!.on('data', onData);
    cloud.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the care cloud exited (${code}) while seeding`));
    });
  });
  const db = connectSdk(cloud.adminUrl).database();
  const caller =
    (fn: string) =>
    (openid: string) =>
    (action: string, payload?: unknown) =>
      cloud.client.invoke(fn, { openid }, { action, payload: payload ?? {} });
  const t = { cloud, db, member: caller('member'), staff: caller('staff'), admin: caller('admin'), coupons: caller('coupons'), care: caller('care'), automation: caller('automation'), stop: () => cloud.stop() };
  return { t: t as unknown as MembershipCloud, facts };
}
