import { DEFAULT_BRAND_SETTINGS, type BrandSettings } from '../shared/rules/brand-settings';
import { db } from './cloud';
import { isNotFound } from './errors';

const CACHE_MS = 30_000;
let cached: { at: number; value: BrandSettings } | undefined;

/**
 * The brand's settings (tiers, welcome gift, privacy version) from settings/brand, falling back to
 * the defaults. Cached per function instance for 30 s: settings change rarely and every action reads them.
 */
export async function brandSettings(now = Date.now()): Promise<BrandSettings> {
  if (cached && now - cached.at < CACHE_MS) return cached.value;
  let value = DEFAULT_BRAND_SETTINGS;
  try {
    const { data } = await db.collection<Partial<BrandSettings>>('settings').doc('brand').get();
    value = { ...DEFAULT_BRAND_SETTINGS, ...stripId(data) };
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  cached = { at: now, value };
  return value;
}

function stripId<T extends { _id?: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}
