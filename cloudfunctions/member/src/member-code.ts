import type { MemberCodeView } from '../../../shared/contracts/views';
import { db } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MemberDoc } from '../../../server/documents';
import { issueMemberCode, newTillCode } from '../../../server/member-code';
import { requireMember } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';

/**
 * The member code: a signed token for the QR code and, for laser scanners, a short numeric code for
 * the barcode, both valid until the same instant. A new code replaces the last numeric one.
 */
export async function memberCode(_input: unknown, ctx: RequestContext): Promise<MemberCodeView> {
  const [member, settings] = await Promise.all([requireMember(ctx.openid), brandSettings()]);
  const { token, expiresAt } = await issueMemberCode(member._id, ctx.now, settings.memberCodeTtlSeconds);
  const tillCode = newTillCode();
  await db.collection<MemberDoc>(C.members).doc(member._id).update({ data: { tillCode: { code: tillCode, expiresAt } } });
  return { token, tillCode, expiresAt: expiresAt.toISOString(), ttlSeconds: settings.memberCodeTtlSeconds };
}
