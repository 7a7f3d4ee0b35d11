import fs from 'node:fs';
import path from 'node:path';
import { startTestCloud } from '../emulator/testing';
import { onCleanup, tempDir } from './lib/cleanup';
import { BENCH_SCHEMA, type DatabaseFixture } from './lib/database-fixture';
import { MEMBER_COLLECTION, MEMBER_DOCS } from './lib/members';
import { timed } from './lib/stats';
import type { Row } from './lib/types';

const GROUP = 'recovery (local cloud process start)';

function fileMb(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size / (1024 * 1024) : 0;
}

/**
 * Start-up time of the local cloud on the filled data folder: first with everything still in the
 * write-ahead log (as left by the insert group), then from the snapshot that start-up compacts into.
 * An empty folder's start is the baseline: process, tsx and runtime set-up, no data.
 */
export async function benchRecovery(fixture: DatabaseFixture): Promise<Row[]> {
  const dbDir = path.join(fixture.dataDir, 'db');
  const wal = path.join(dbDir, 'wal.ejsonl');
  const snapshot = path.join(dbDir, 'snapshot.ejsonl');
  const walMb = fileMb(wal);

  const stopped = await timed(() => fixture.cloud.stop());
  const fromWal = await timed(() => fixture.cloud.restart());
  fixture.setCloud(fromWal.value);
  await expectMembers(fixture);
  const snapshotMb = fileMb(snapshot);

  await fixture.cloud.stop();
  const fromSnapshot = await timed(() => fixture.cloud.restart());
  fixture.setCloud(fromSnapshot.value);
  await expectMembers(fixture);

  const empty = await timed(() => startTestCloud({ schemaFile: BENCH_SCHEMA, dataDir: tempDir('empty') }));
  onCleanup(() => empty.value.stop());
  await empty.value.stop();

  return [
    {
      group: GROUP,
      name: 'start, empty data folder',
      value: empty.ms,
      unit: 'ms',
      note: 'baseline: new process until "ready"',
    },
    {
      group: GROUP,
      name: 'start, 100k docs in WAL',
      value: fromWal.ms,
      unit: 'ms',
      note: `replay ${walMb.toFixed(1)} MB log, rebuild indexes, compact; ${(fromWal.ms - empty.ms).toFixed(0)} ms over baseline`,
    },
    {
      group: GROUP,
      name: 'start, 100k docs in snapshot',
      value: fromSnapshot.ms,
      unit: 'ms',
      note: `${snapshotMb.toFixed(1)} MB snapshot; ${(fromSnapshot.ms - empty.ms).toFixed(0)} ms over baseline`,
    },
    {
      group: GROUP,
      name: 'graceful stop, 100k docs',
      value: stopped.ms,
      unit: 'ms',
      note: 'SIGTERM until the process exits',
    },
  ];
}

async function expectMembers(fixture: DatabaseFixture): Promise<void> {
  const { total } = (await fixture.db.collection(MEMBER_COLLECTION).count()) as { total: number };
  if (total !== MEMBER_DOCS) throw new Error(`after restart the cloud holds ${total} members, expected ${MEMBER_DOCS}`);
}
