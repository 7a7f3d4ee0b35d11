import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CareContract } from '../../../shared/contracts/care';
import type { TagDefinitionView, TagView } from '../../../shared/contracts/care-views';
import { _, db, type Stored } from '../../../server/cloud';
import { assertMayServe } from '../../../server/care-access';
import { careFieldsOf } from '../../../server/care-fields';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MemberDoc, type TagDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { getById, memberById, requireStaff } from '../../../server/queries';
import { assertNotOwnMembership } from '../../../server/staff-guard';
import { forgetTags, tagDefinitionView, tagDirectory, tagViews } from '../../../server/tag-directory';

/** The brand's tags and the store's (the caller's store; admins any). */
export async function tagDefinitions(input: ParsedInputOf<CareContract, 'tagDefinitions'>, ctx: RequestContext): Promise<{ tags: TagDefinitionView[] }> {
  const staff = await requireStaff(ctx.openid);
  const storeId = staff.role === 'admin' ? (input.storeId ?? staff.storeId) : staff.storeId;
  const { data } = await db.collection<TagDoc>(C.tags).where({ storeId: _.in([null, storeId]), archived: false }).limit(200).get();
  return { tags: data.sort((a, b) => a.name.localeCompare(b.name, 'zh')).map(tagDefinitionView) };
}

/**
 * A manager's tag for their store, or an admin's for the brand (storeId null) or a store. The id is
 * the scope and the name, so making the same tag twice (a double tap, two managers) gives the one tag.
 */
export async function createTag(input: ParsedInputOf<CareContract, 'createTag'>, ctx: RequestContext): Promise<{ tag: TagDefinitionView }> {
  const staff = await requireStaff(ctx.openid);
  if (staff.role === 'clerk') throw new AppError('FORBIDDEN');
  const storeId = staff.role === 'admin' ? (input.storeId === undefined ? null : input.storeId) : staff.storeId;
  if (staff.role === 'manager' && input.storeId !== undefined && input.storeId !== staff.storeId) throw new AppError('FORBIDDEN');
  const id = `tag:${storeId ?? 'brand'}:${input.name}`;
  const tag: Stored<TagDoc> = { _id: id, name: input.name, storeId, createdBy: staff._id, createdAt: ctx.now, archived: false };
  try {
    await db.collection<TagDoc>(C.tags).add({ data: tag });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  forgetTags();
  return { tag: tagDefinitionView((await getById<TagDoc>(C.tags, id)) ?? tag) };
}

/**
 * Sets the member's manual tags. Each must be the brand's or the member's store's (read fresh, not
 * from the cache); automatic tags are the rules' and cannot be set or removed here.
 */
export async function setTags(input: ParsedInputOf<CareContract, 'setTags'>, ctx: RequestContext): Promise<{ tags: TagView[] }> {
  const staff = await requireStaff(ctx.openid);
  if (input.tagIds.some((id) => id.startsWith('auto:'))) throw new AppError('TAG_AUTO');
  const member = await memberById(input.memberId);
  assertMayServe(staff, member);
  assertNotOwnMembership(staff, member);
  const wanted = [...new Set(input.tagIds)];
  const found = wanted.length ? (await db.collection<TagDoc>(C.tags).where({ _id: _.in(wanted) }).limit(wanted.length).get()).data : [];
  const usable = new Map(found.filter((tag) => !tag.archived && (tag.storeId === null || tag.storeId === member.homeStoreId)).map((tag) => [tag._id, tag]));
  if (wanted.some((id) => !usable.has(id))) throw new AppError('TAG_NOT_FOUND');
  await db.collection<MemberDoc>(C.members).doc(member._id).update({ data: { manualTags: wanted, journeyDueAt: ctx.now } });
  return { tags: tagViews(careFieldsOf(member).autoTags, wanted, new Map([...(await tagDirectory()), ...usable])) };
}
