import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CareContract } from '../../../shared/contracts/care';
import type { InteractionView } from '../../../shared/contracts/care-views';
import { _, db, type Stored, type Transaction } from '../../../server/cloud';
import { assertMayServe } from '../../../server/care-access';
import { careFieldsOf } from '../../../server/care-fields';
import { interactionView } from '../../../server/care-views';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type InteractionDoc, type MemberDoc, type StaffDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { afterCursor, decodeCursor, encodeCursor } from '../../../server/list-cursor';
import { getById, memberById, requireStaff } from '../../../server/queries';
import { assertNotOwnMembership } from '../../../server/staff-guard';
import { txnGet, withTransaction } from '../../../server/transaction';

const KEPT_INTERACTIONS = 20;

/**
 * Adds an interaction and, on the member, its time (the heat index counts them) with a request for the
 * care jobs to look again — in one transaction, so a retry (same id) adds nothing and a crash leaves
 * neither half. Used by logInteraction and by completing a task.
 */
export async function addInteraction(
  txn: Transaction,
  staff: Stored<StaffDoc>,
  interaction: Stored<InteractionDoc>,
): Promise<Stored<MemberDoc>> {
  const member = await txnGet<MemberDoc>(txn, C.members, interaction.memberId);
  if (!member) throw new AppError('MEMBER_NOT_FOUND');
  assertMayServe(staff, member);
  assertNotOwnMembership(staff, member);
  await txn.collection<InteractionDoc>(C.interactions).add({ data: interaction });
  const recent = [interaction.at, ...careFieldsOf(member).recentInteractions].slice(0, KEPT_INTERACTIONS);
  await txn.collection<MemberDoc>(C.members).doc(member._id).update({ data: { recentInteractions: recent, careDueAt: interaction.at } });
  return member;
}

export async function logInteraction(input: ParsedInputOf<CareContract, 'logInteraction'>, ctx: RequestContext): Promise<{ interaction: InteractionView }> {
  const staff = await requireStaff(ctx.openid);
  const id = `${staff._id}:${input.requestId}`;
  const interaction: Stored<InteractionDoc> = {
    _id: id,
    memberId: input.memberId,
    storeId: staff.storeId,
    staffId: staff._id,
    kind: input.kind,
    outcome: input.outcome,
    note: input.note,
    taskId: null,
    at: ctx.now,
  };
  let saved = interaction;
  try {
    await withTransaction((txn) => addInteraction(txn, staff, interaction));
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The same request again (a retry after a lost answer): answer what it logged.
    const first = await getById<InteractionDoc>(C.interactions, id);
    if (!first || first.memberId !== input.memberId) throw new AppError('BUSY');
    saved = first;
  }
  const named = await names({ stores: [saved.storeId], staff: [saved.staffId] });
  return { interaction: interactionView(saved, named) };
}

export async function interactions(input: ParsedInputOf<CareContract, 'interactions'>, ctx: RequestContext): Promise<{ interactions: InteractionView[]; nextCursor: string | null }> {
  const staff = await requireStaff(ctx.openid);
  const member = await memberById(input.memberId);
  assertMayServe(staff, member);
  const where = input.cursor ? _.and([{ memberId: member._id }, afterCursor('at', decodeCursor(input.cursor), true)]) : { memberId: member._id };
  const { data } = await db.collection<InteractionDoc>(C.interactions).where(where).orderBy('at', 'desc').orderBy('_id', 'desc').limit(input.limit + 1).get();
  const page = data.slice(0, input.limit);
  const named = await names({ stores: page.map((i) => i.storeId), staff: page.map((i) => i.staffId) });
  const last = page[page.length - 1];
  return {
    interactions: page.map((interaction) => interactionView(interaction, named)),
    nextCursor: data.length > input.limit && last ? encodeCursor(last.at, last._id) : null,
  };
}
