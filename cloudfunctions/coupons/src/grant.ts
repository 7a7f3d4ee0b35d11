import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CouponsContract } from '../../../shared/contracts/coupons';
import type { CouponView } from '../../../shared/contracts/views';
import { auditOnce } from '../../../server/audit';
import { grantCoupon } from '../../../server/coupon-grant';
import { couponView } from '../../../server/coupon-views';
import { storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type CouponTemplateDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { newId } from '../../../server/ids';
import { getById, memberById, requireStaff } from '../../../server/queries';
import { assertNotOwnMembership } from '../../../server/staff-guard';

/**
 * A manager's 补发: one coupon of an active template they may use, to one member, with a reason kept in
 * the coupon's history. Idempotent by request id; never to their own membership; counted in stock, not
 * in the member's own limits.
 */
export async function grant(input: ParsedInputOf<CouponsContract, 'grant'>, ctx: RequestContext): Promise<{ coupon: CouponView }> {
  const staff = await requireStaff(ctx.openid);
  if (staff.role === 'clerk') throw new AppError('FORBIDDEN');
  const [member, template, stores] = await Promise.all([memberById(input.memberId), getById<CouponTemplateDoc>(C.couponTemplates, input.templateId), storeDirectory()]);
  assertNotOwnMembership(staff, member);
  if (!template || template.status === 'draft') throw new AppError('TEMPLATE_NOT_FOUND');
  if (staff.role === 'manager' && template.ownerStoreId !== null && template.ownerStoreId !== staff.storeId) throw new AppError('FORBIDDEN');
  if (template.status !== 'active') throw new AppError('TEMPLATE_NOT_ACTIVE');
  const outcome = await grantCoupon(
    { template, memberId: member._id, grantKey: `manual:${staff._id}:${input.requestId}`, slotKey: null, source: 'manual', by: staff._id, reason: input.reason, now: ctx.now },
    newId(),
  );
  if ('slotTaken' in outcome) throw new AppError('BUSY');
  await auditOnce(staff, { action: 'coupon_grant', memberId: member._id, detail: `补发「${template.name}」：${input.reason}` }, ctx.now, `audit:manual:${staff._id}:${input.requestId}`);
  return { coupon: couponView(outcome.coupon, (id) => stores.get(id)?.name ?? '', ctx.now) };
}
