import { db, type Stored } from './cloud';
import { C, type JobStateDoc } from './documents';
import { getById } from './queries';

/** A resumable job's saved progress (null: never run). */
export function jobState(id: string): Promise<Stored<JobStateDoc> | null> {
  return getById<JobStateDoc>(C.jobState, id);
}

/** Replaces the job's state; a state read back (with its `_id`) may be saved as it is. */
export async function saveJobState(id: string, state: JobStateDoc & { _id?: string }): Promise<void> {
  const { _id: _ignored, ...data } = state;
  await db.collection<JobStateDoc>(C.jobState).doc(id).set({ data });
}
