import { parseBrandSettings } from '../shared/contracts/brand-settings';
import type { BrandSettings } from '../shared/rules/brand-settings';
import { db } from './cloud';
import { C } from './documents';
import { AppError, isNotFound } from './errors';

const CACHE_MS = 30_000;
let cached: { at: number; value: BrandSettings } | undefined;

/**
 * The brand's settings from settings/brand over the defaults, checked on every load: a document with
 * a wrong type, an unknown key or a rule broken (tiers out of order…) fails every action that needs it
 * with SETTINGS_INVALID and logs each problem, rather than half-working on a mix of good and bad
 * values. Cached per function instance for 30 s: settings change rarely and every action reads them.
 */
export async function brandSettings(now = Date.now()): Promise<BrandSettings> {
  if (cached && now >= cached.at && now - cached.at < CACHE_MS) return cached.value;
  const value = checked(await storedBrandDocument());
  cached = { at: now, value };
  return value;
}

/** settings/brand as stored, without its id ({} before anything was saved). */
async function storedBrandDocument(): Promise<Record<string, unknown>> {
  try {
    const { _id: _ignored, ...data } = (await db.collection<Record<string, unknown>>(C.settings).doc('brand').get()).data;
    return data;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return {};
  }
}

function checked(stored: unknown): BrandSettings {
  const parsed = parseBrandSettings(stored);
  if (parsed.ok) return parsed.value;
  console.error(`settings/brand is invalid:\n  ${parsed.problems.join('\n  ')}`);
  throw new AppError('SETTINGS_INVALID');
}

/** After this instance changed settings/brand, so its own next read is current. */
export function forgetBrandSettings(): void {
  cached = undefined;
}

/**
 * Replaces some top-level parts of settings/brand (the tiers, the points rules…) and writes the whole
 * document back, checked as a whole first: the result is the settings every function will load, or
 * nothing is written and `invalid` is called with every problem. Admins only, rarely: no merge of
 * concurrent edits beyond "the last save wins".
 */
export async function saveBrandSettings(part: Partial<BrandSettings>, staffId: string, now: Date, invalid: (problems: string[]) => never): Promise<BrandSettings> {
  const next = { ...(await storedBrandDocument()), ...part, updatedAt: now, updatedBy: staffId };
  const parsed = parseBrandSettings(next);
  if (!parsed.ok) return invalid(parsed.problems);
  await db.collection<Record<string, unknown>>(C.settings).doc('brand').set({ data: next });
  forgetBrandSettings();
  return parsed.value;
}
