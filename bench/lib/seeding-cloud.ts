import { cloudOptionsFromArgs, exitOnFailure, serve } from '../../emulator/cli';
import type { LocalCloud } from '../../emulator/local-cloud';

const BATCH = 1000;

/** What a seeding entry prints, then its facts as JSON, once the brand is in (startSeededCloud waits for it). */
export const SEEDED_LINE = 'care seeded ';

/**
 * A bench cloud entry: the bare local cloud started from the command line, its request (the JSON after
 * `flag`) handed to `seed`, which inserts through `insert` (straight into the database, in batches).
 * Snapshot compaction is off: at bench sizes each one rewrites hundreds of MB with the event loop
 * blocked, which would be timed as the measured functions'. The data folder is thrown away.
 */
export function serveSeeded<R>(flag: string, seed: (request: R, insert: (collection: string, docs: object[]) => void, cloud: LocalCloud) => void): void {
  const args = process.argv.slice(2);
  const at = args.indexOf(flag);
  const request = JSON.parse(args[at + 1]) as R;
  args.splice(at, 2);
  serve(cloudOptionsFromArgs(args))
    .then((cloud) => {
      (cloud.db as unknown as { storage: { options: { compactAtBytes?: number } } }).storage.options.compactAtBytes = Number.POSITIVE_INFINITY;
      const insert = (collection: string, docs: object[]) => {
        for (let i = 0; i < docs.length; i += BATCH) cloud.db.insert(collection, docs.slice(i, i + BATCH) as Array<Record<string, unknown>>);
      };
      seed(request, insert, cloud);
    })
    .catch(exitOnFailure);
}
