import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CareContract } from '../../../shared/contracts/care';
import type { AuditAction, AuditEntryView } from '../../../shared/contracts/care-views';
import { _, db } from '../../../server/cloud';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type AuditDoc, type MemberDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { afterCursor, decodeCursor, encodeCursor } from '../../../server/list-cursor';
import { requireStaff } from '../../../server/queries';

export const AUDIT_ACTION_TEXT: Record<AuditAction, string> = {
  profile_view: '查看顾客档案',
  phone_reveal: '查看完整手机号',
  export: '导出数据',
  points_adjust: '调整积分',
  role_change: '变更角色',
  store_change: '调动门店',
  offboard: '停用并交接',
  reassign: '更换服务导购',
  coupon_grant: '补发优惠券',
  journey_change: '修改自动化旅程',
  campaign_create: '创建营销活动',
  settings_change: '修改设置',
  data_export: '会员导出本人数据',
  membership_close: '会员注销',
};

/** Admins browse the log newest first, by staff, by customer or by Shanghai day (each its own index). */
export async function auditLog(input: ParsedInputOf<CareContract, 'audit'>, ctx: RequestContext): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  const staff = await requireStaff(ctx.openid);
  if (staff.role !== 'admin') throw new AppError('FORBIDDEN');
  const conditions: Array<Record<string, unknown>> = [];
  if (input.staffId) conditions.push({ staffId: input.staffId });
  if (input.memberId) conditions.push({ memberId: input.memberId });
  if (input.day) conditions.push({ day: input.day.replace(/-/g, '') });
  if (input.action) conditions.push({ action: input.action });
  if (input.cursor) conditions.push(afterCursor('at', decodeCursor(input.cursor), true));
  const where = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : _.and(conditions);
  const { data } = await db.collection<AuditDoc>(C.audit).where(where).orderBy('at', 'desc').orderBy('_id', 'desc').limit(input.limit + 1).get();
  const page = data.slice(0, input.limit);
  const memberIds = [...new Set(page.map((e) => e.memberId).filter((id): id is string => !!id))];
  const [named, members] = await Promise.all([
    names({ staff: page.flatMap((e) => [e.staffId, e.targetStaffId]) }),
    memberIds.length ? db.collection<MemberDoc>(C.members).where({ _id: _.in(memberIds) }).field({ name: true }).limit(memberIds.length).get() : { data: [] },
  ]);
  const memberName = new Map(members.data.map((m) => [m._id, m.name]));
  const last = page[page.length - 1];
  return {
    entries: page.map((entry) => ({
      id: entry._id,
      at: entry.at.toISOString(),
      action: entry.action,
      actionText: AUDIT_ACTION_TEXT[entry.action] ?? entry.action,
      staffId: entry.staffId,
      staffName: named.staff(entry.staffId),
      memberId: entry.memberId,
      memberName: entry.memberId ? (memberName.get(entry.memberId) ?? '') : null,
      detail: entry.targetStaffId ? entry.detail.replace(entry.targetStaffId, named.staff(entry.targetStaffId) || entry.targetStaffId) : entry.detail,
    })),
    nextCursor: data.length > input.limit && last ? encodeCursor(last.at, last._id) : null,
  };
}
