/** Acknowledged writes survive `kill -9`, and the data folder survives restarts. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectSdk, startTestCloud, waitUntil } from '../testing';

const SCHEMA = path.join(__dirname, '../test/schema.json');

test('every acknowledged write survives kill -9 in the middle of a stream of writes', async () => {
  const cloud = await startTestCloud({ schemaFile: SCHEMA });
  const db = connectSdk(cloud.adminUrl).database();
  const acknowledged: string[] = [];
  let stop = false;
  const writers = Array.from({ length: 8 }, async (_u, w) => {
    for (let i = 0; !stop; i++) {
      try {
        const { _id } = (await db.collection('events').add({ data: { writer: w, i, kind: 'durable' } })) as { _id: string };
        acknowledged.push(_id);
      } catch {
        return; // the process is gone: this write was never acknowledged
      }
    }
  });
  // Killed once a stream is under way (polled, so a slow machine only waits longer), with writes in flight.
  await waitUntil(() => acknowledged.length >= 60, 15_000);
  await cloud.kill9();
  stop = true;
  await Promise.all(writers);
  expect(acknowledged.length).toBeGreaterThanOrEqual(60);

  const again = await cloud.restart();
  try {
    const total = ((await db.collection('events').where({ kind: 'durable' }).count()) as { total: number }).total;
    expect(total).toBeGreaterThanOrEqual(acknowledged.length);
    for (let i = 0; i < acknowledged.length; i += 1000) {
      const ids = acknowledged.slice(i, i + 1000);
      const { data } = (await db.collection('events').where({ _id: db.command.in(ids) }).limit(1000).get()) as { data: unknown[] };
      expect(data).toHaveLength(ids.length);
    }
  } finally {
    await again.stop();
  }
}, 60_000);

test('updates, removals, created collections and the clock survive a restart', async () => {
  const cloud = await startTestCloud({ schemaFile: SCHEMA });
  const db = connectSdk(cloud.adminUrl).database();
  await db.collection('counters').doc('c').set({ data: { value: 1 } });
  await db.collection('counters').doc('c').update({ data: { value: db.command.inc(4) } });
  await db.collection('counters').doc('gone').set({ data: { value: 1 } });
  await db.collection('counters').doc('gone').remove();
  await db.createCollection('later');
  await db.collection('later').add({ data: { a: 1 } });
  await cloud.client.advanceClock('30d');
  await cloud.kill9();

  const again = await cloud.restart();
  try {
    const c = (await db.collection("counters").doc("c").get()) as unknown as { data: { value: number } };
    expect(c.data.value).toBe(5);
    await expect(db.collection('counters').doc('gone').get()).rejects.toThrow(/does not exist/);
    expect(((await db.collection('later').count()) as { total: number }).total).toBe(1);
    const { offsetMs } = await again.client.clock();
    expect(offsetMs).toBe(30 * 86_400_000);
  } finally {
    await again.stop();
  }
}, 60_000);

/**
 * A real full disk: a data folder on a 4 MB tmpfs with 1 MB of ballast. Needs mount(8) (root on
 * Linux); where it is not allowed the test is skipped, and db/storage.test.ts covers the same with an
 * injected writer.
 */
function tryMount(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-mount-probe-'));
const canMount = process.platform === 'linux' && tryMount(probe, '64k');
if (canMount) execFileSync('umount', [probe]);
fs.rmSync(probe, { recursive: true, force: true });

(canMount ? test : test.skip)('on a really full disk a write is refused, nothing acknowledged is lost, and writes resume once space is freed', async () => {
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-small-disk-'));
  expect(tryMount(mountPoint, '4m')).toBe(true);
  try {
    const ballast = path.join(mountPoint, 'ballast');
    fs.writeFileSync(ballast, Buffer.alloc(1024 * 1024));
    let cloud = await startTestCloud({ schemaFile: SCHEMA, dataDir: path.join(mountPoint, 'data') });
    try {
      const db = connectSdk(cloud.adminUrl).database();
      const acknowledged: string[] = [];
      let refusal: Error | undefined;
      for (let i = 0; i < 200 && !refusal; i++) {
        try {
          const { _id } = (await db.collection('events').add({ data: { i, kind: 'filler', text: 'x'.repeat(100_000) } })) as { _id: string };
          acknowledged.push(_id);
        } catch (error) {
          refusal = error as Error;
        }
      }
      expect(String(refusal?.message)).toMatch(/disk is full/);
      expect(acknowledged.length).toBeGreaterThan(5);
      expect(((await db.collection('events').count()) as { total: number }).total).toBe(acknowledged.length);

      fs.rmSync(ballast);
      const { _id: after } = (await db.collection('events').add({ data: { kind: 'after' } })) as { _id: string };
      acknowledged.push(after);
      await cloud.kill9();
      cloud = await cloud.restart();
      const { data } = (await db.collection('events').field({ _id: true }).limit(1000).get()) as { data: Array<{ _id: string }> };
      expect(data.map((doc) => doc._id).sort()).toEqual([...acknowledged].sort());
    } finally {
      await cloud.stop();
    }
  } finally {
    execFileSync('umount', [mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
  }
}, 60_000);
