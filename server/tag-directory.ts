import type { TagDefinitionView, TagView } from '../shared/contracts/care-views';
import { autoTagLabel, isAutoTag } from '../shared/rules/auto-tags';
import { db, type Stored } from './cloud';
import { C, type TagDoc } from './documents';

/**
 * Manual tag names, cached per instance for 30 s like the store and staff directory: a view never
 * spends a request on a name. Deciding whether a tag may be set reads the tag fresh.
 */
const CACHE_MS = 30_000;
let cached: { at: number; value: Promise<Map<string, Stored<TagDoc>>> } | undefined;

export function tagDirectory(now = Date.now()): Promise<Map<string, Stored<TagDoc>>> {
  if (!cached || now < cached.at || now - cached.at >= CACHE_MS) {
    const value = db
      .collection<TagDoc>(C.tags)
      .where({})
      .limit(1000)
      .get()
      .then(({ data }) => new Map(data.map((tag) => [tag._id, tag])));
    cached = { at: now, value };
    value.catch(() => (cached = undefined));
  }
  return cached.value;
}

export function forgetTags(): void {
  cached = undefined;
}

/** A member's tags as shown: automatic ones first (marked), then manual ones by name. */
export function tagViews(autoTags: string[], manualTags: string[], directory: Map<string, Stored<TagDoc>>): TagView[] {
  const auto = autoTags.filter(isAutoTag).map((id) => ({ id, name: autoTagLabel(id), auto: true }));
  const manual = manualTags.map((id) => ({ id, name: directory.get(id)?.name ?? '', auto: false })).filter((tag) => tag.name !== '');
  return [...auto, ...manual];
}

export function tagDefinitionView(tag: Stored<TagDoc>): TagDefinitionView {
  return { id: tag._id, name: tag.name, storeId: tag.storeId };
}
