import { db, type Stored } from './cloud';
import { C, type JobStateDoc } from './documents';
import { getById } from './queries';

/** A resumable job's saved progress (null: never run). */
export function jobState(id: string): Promise<Stored<JobStateDoc> | null> {
  return getById<JobStateDoc>(C.jobState, id);
}

export async function saveJobState(id: string, state: JobStateDoc): Promise<void> {
  await db.collection<JobStateDoc>(C.jobState).doc(id).set({ data: state });
}
