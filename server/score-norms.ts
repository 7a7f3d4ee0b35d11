import { db } from './cloud';
import { C, type JobStateDoc } from './documents';
import { isNotFound } from './errors';

/**
 * Per-store reference figures the nightly scores pass measures (the spend that scores full marks in the
 * heat index, the average ticket that makes 高客单), kept in job_state/score-norms and cached per
 * instance: they change once a night, and a profile must not spend a request on them.
 */
export interface StoreNorms {
  spendReferenceFen: number;
  highTicketMinFen: number | null;
}

export interface ScoreNorms {
  brand: StoreNorms;
  stores: Record<string, StoreNorms>;
}

export const NORMS_ID = 'score-norms';
/** Before the first nightly pass: ¥3,000 in 12 months scores full marks for spend. */
export const DEFAULT_NORMS: StoreNorms = { spendReferenceFen: 300_000, highTicketMinFen: null };

const CACHE_MS = 5 * 60_000;
let cached: { at: number; value: Promise<ScoreNorms> } | undefined;

export function scoreNorms(now = Date.now()): Promise<ScoreNorms> {
  if (!cached || now < cached.at || now - cached.at >= CACHE_MS) {
    const value = db
      .collection<JobStateDoc>(C.jobState)
      .doc(NORMS_ID)
      .get()
      .then(({ data }) => data.data as unknown as ScoreNorms)
      .catch((error: unknown) => {
        if (isNotFound(error)) return { brand: DEFAULT_NORMS, stores: {} };
        throw error;
      });
    cached = { at: now, value };
    value.catch(() => (cached = undefined));
  }
  return cached.value;
}

export function normsFor(norms: ScoreNorms, storeId: string | null): StoreNorms {
  return (storeId ? norms.stores[storeId] : undefined) ?? norms.brand ?? DEFAULT_NORMS;
}
