import { _, db, storage, type Doc } from './cloud';
import { C, type DataExportDoc } from './documents';

/** An export holds everything about a person: it is kept a day (its link lives an hour), then removed. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** Deletes the export files `where` selects (a page of them) and then their records; answers how many. */
export async function removeExports(where: Doc): Promise<number> {
  const { data } = await db.collection<DataExportDoc>(C.dataExports).where(where).limit(100).get();
  if (!data.length) return 0;
  await storage.remove(data.map((file) => file.fileId));
  return (await db.collection(C.dataExports).where({ _id: _.in(data.map((file) => file._id)) }).remove()).stats.removed;
}

/** The care job's part: files older than a day (a page per run: exports are few). */
export function purgeOldExports(now: Date): Promise<number> {
  return removeExports({ createdAt: _.lt(new Date(now.getTime() - KEEP_MS)) });
}
