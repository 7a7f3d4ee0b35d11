import path from 'node:path';
import { connectSdk, startTestCloud, type TestCloud } from '../../emulator/testing';
import { onCleanup, tempDir } from './cleanup';
import { watchCloud } from './watch-cloud';

export const BENCH_SCHEMA = path.join(__dirname, '../schema.json');

export type SdkDatabase = ReturnType<ReturnType<typeof connectSdk>['database']>;

/**
 * One local cloud shared by the HTTP database groups, in order: the insert group fills it, the query
 * and transaction groups read it, the recovery group restarts it on the same data folder.
 */
export interface DatabaseFixture {
  cloud: TestCloud;
  db: SdkDatabase;
  dataDir: string;
  /** Replaces `cloud` after a restart, so later groups keep working. */
  setCloud(cloud: TestCloud): void;
}

export async function startDatabaseFixture(): Promise<DatabaseFixture> {
  const dataDir = tempDir('db');
  let cloud = await startTestCloud({ schemaFile: BENCH_SCHEMA, dataDir });
  watchCloud(cloud, 'database');
  onCleanup(() => cloud.stop());
  const db = connectSdk(cloud.adminUrl).database();
  return {
    get cloud() {
      return cloud;
    },
    db,
    dataDir,
    setCloud(next) {
      cloud = next;
      watchCloud(cloud, 'database');
    },
  };
}
