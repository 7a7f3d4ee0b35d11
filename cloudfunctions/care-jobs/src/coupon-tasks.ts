import type { BrandSettings } from '../../../shared/rules/brand-settings';
import { couponTaskDueAt, couponTaskKey } from '../../../shared/rules/care-tasks';
import { _, db, type Stored } from '../../../server/cloud';
import { withCare } from '../../../server/care-fields';
import type { StaffEntry } from '../../../server/directory';
import { C, type CouponDoc, type MemberDoc, type TaskDoc } from '../../../server/documents';
import { isDuplicateKey } from '../../../server/errors';
import { jobState, saveJobState } from '../../../server/job-state';
import { taskContext } from '../../../server/task-context';
import { taskOwner } from './visit-members';

const STATE_ID = 'coupon-tasks';
const PAGE = 100;
const DAY_MS = 86_400_000;

/**
 * "A coupon about to expire unused": unused coupons whose end (their dueAt, indexed) comes within the
 * brand's window, each once (task key coupon:<id>). A watermark (dueAt, id) saved after every page
 * means each coupon is looked at once however the runs fall: O(coupons coming due), not all coupons.
 */
export async function couponExpiryTasks(settings: BrandSettings, staff: Map<string, StaffEntry>, now: Date, deadline: number): Promise<{ created: number; finished: boolean }> {
  if (!settings.care.causes.coupon_expiring) return { created: 0, finished: true };
  const state = await jobState(STATE_ID);
  let mark = { at: state?.watermark ?? now, id: (state?.cursor as string | null) ?? '' };
  const horizon = new Date(now.getTime() + settings.care.couponExpiringDays * DAY_MS);
  let created = 0;
  while (Date.now() < deadline) {
    const after = _.or([{ dueAt: _.gt(mark.at) }, { dueAt: mark.at, _id: _.gt(mark.id) }]);
    const { data } = await db
      .collection<CouponDoc>(C.coupons)
      .where(_.and([after, { dueAt: _.lte(horizon), status: 'unused' }]))
      .orderBy('dueAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get();
    if (!data.length) return { created, finished: true };
    const memberIds = [...new Set(data.map((c) => c.memberId))];
    const { data: members } = await db.collection<MemberDoc>(C.members).where({ _id: _.in(memberIds) }).limit(memberIds.length).get();
    const byId = new Map(members.map((m) => [m._id, withCare(m)]));
    for (const coupon of data) {
      const member = byId.get(coupon.memberId);
      if (member && (await addCouponTask(coupon, member, taskOwner(member, staff), settings, now))) created++;
    }
    const last = data[data.length - 1];
    mark = { at: last.dueAt ?? mark.at, id: last._id };
    await saveJobState(STATE_ID, { status: 'running', phase: 'watermark', cursor: mark.id, watermark: mark.at, data: {}, updatedAt: now });
  }
  return { created, finished: false };
}

async function addCouponTask(coupon: Stored<CouponDoc>, member: Stored<MemberDoc>, owner: string | null, settings: BrandSettings, now: Date): Promise<boolean> {
  const task: Stored<TaskDoc> = {
    _id: couponTaskKey(coupon._id),
    memberId: member._id,
    storeId: member.homeStoreId,
    ownerStaffId: owner,
    cause: 'coupon_expiring',
    title: '',
    note: '',
    dueAt: new Date(Math.max(now.getTime(), couponTaskDueAt(coupon.validUntil, settings.care).getTime())),
    status: 'open',
    purchaseId: null,
    couponId: coupon._id,
    context: taskContext(member, settings, coupon.templateName),
    createdAt: now,
    createdBy: 'system',
    closedAt: null,
    closedBy: null,
    outcome: null,
    closedReason: null,
  };
  try {
    await db.collection<TaskDoc>(C.tasks).add({ data: task });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
