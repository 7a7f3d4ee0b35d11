import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { MemberContract } from '../../../shared/contracts/member';
import type { CardView } from '../../../shared/contracts/views';
import { db } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MemberDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { requireMember } from '../../../server/queries';
import { loadCard } from '../../../server/cards';
import { birthdayMonthDay } from '../../../server/new-member';

/** Name and gender change freely; the birthday can be set once (later changes go through a clerk). */
export async function updateProfile(input: ParsedInputOf<MemberContract, 'updateProfile'>, ctx: RequestContext): Promise<CardView> {
  const member = await requireMember(ctx.openid);
  const changes: Partial<MemberDoc> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.gender !== undefined) changes.gender = input.gender;
  if (input.birthday !== undefined && input.birthday !== member.birthday) {
    if (member.birthday !== null) throw new AppError('BIRTHDAY_LOCKED');
    changes.birthday = input.birthday;
    changes.birthdayMD = birthdayMonthDay(input.birthday);
  }
  if (Object.keys(changes).length) {
    // Setting the birthday only where none is set keeps "once" true even for two racing requests.
    const where = changes.birthday ? { _id: member._id, birthday: null } : { _id: member._id };
    const { stats } = await db.collection<MemberDoc>(C.members).where(where).update({ data: changes });
    if (stats.updated === 0 && changes.birthday) throw new AppError('BIRTHDAY_LOCKED');
  }
  return loadCard({ ...member, ...changes }, ctx.now);
}
