import type { BrandSettings } from '../../../shared/rules/brand-settings';
import { couponTaskDueAt, couponTaskKey } from '../../../shared/rules/care-tasks';
import { _, db } from '../../../server/cloud';
import { withCare } from '../../../server/care-fields';
import type { StaffEntry } from '../../../server/directory';
import { C, type CouponDoc, type MemberDoc } from '../../../server/documents';
import { jobState, saveJobState } from '../../../server/job-state';
import { enqueue, newMessage } from '../../../server/outbox';
import { couponExpiring } from '../../../server/message-causes';
import { addTaskOnce, openTask } from '../../../server/tasks';
import { taskOwner } from '../../../server/task-owner';

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
      if (!member) continue;
      const task = openTask(
        member,
        {
          key: couponTaskKey(coupon._id),
          cause: 'coupon_expiring',
          dueAt: new Date(Math.max(now.getTime(), couponTaskDueAt(coupon.validUntil, settings.care).getTime())),
          couponId: coupon._id,
          couponName: coupon.templateName,
          owner: taskOwner(member, staff),
          createdBy: 'system',
        },
        settings,
        now,
      );
      if (await addTaskOnce(task)) created++;
      // The shopper is reminded too, if she subscribed: the same cause, keyed by the coupon.
      await enqueue(newMessage(member, couponExpiring(coupon), settings, now));
    }
    const last = data[data.length - 1];
    mark = { at: last.dueAt ?? mark.at, id: last._id };
    await saveJobState(STATE_ID, { status: 'running', phase: 'watermark', cursor: mark.id, watermark: mark.at, data: {}, updatedAt: now });
  }
  return { created, finished: false };
}
