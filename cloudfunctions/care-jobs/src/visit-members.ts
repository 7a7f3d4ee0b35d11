import type { BrandSettings } from '../../../shared/rules/brand-settings';
import { autoTags, nextTagChangeAt } from '../../../shared/rules/auto-tags';
import { planCareTasks } from '../../../shared/rules/care-tasks';
import { heatFallingTwoWeeks } from '../../../shared/rules/heat';
import { nextSegmentChangeAt, segmentOf } from '../../../shared/rules/segments';
import { _, db, type Stored } from '../../../server/cloud';
import { withCare, type MemberWithCare } from '../../../server/care-fields';
import { staffDirectory, type StaffEntry } from '../../../server/directory';
import { C, type MemberDoc } from '../../../server/documents';
import { normsFor, type ScoreNorms } from '../../../server/score-norms';
import { addTaskOnce, openTask } from '../../../server/tasks';
import { isTopTier, taskOwner } from '../../../server/task-owner';

const PAGE = 100;

function earliest(...dates: Array<Date | null>): Date | null {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

/**
 * Looks at one member whose care inputs changed or whose next care date came: makes the birthday,
 * dormant and churn tasks that are due (each once, by its key; post-purchase tasks are the
 * after-purchase journey's), sets the segment and the automatic tags, and moves careDueAt to the next
 * date anything could change — by a conditional update, so a purchase that arrived meanwhile
 * (careDueAt moved) keeps the member due and the next visit sees it.
 */
export async function visitMember(stored: Stored<MemberDoc>, settings: BrandSettings, norms: ScoreNorms, staff: Map<string, StaffEntry>, now: Date): Promise<{ created: number }> {
  const member = withCare(stored);
  const care = settings.care;
  const last = member.recentPurchases[0] ?? null;
  const plan = planCareTasks(
    {
      memberId: member._id,
      birthday: member.birthday,
      joinedAt: member.joinedAt,
      lastPurchase: last ? { id: last.id, at: last.at } : null,
      recentPurchaseDates: member.recentPurchases.map((p) => p.at),
      heatFalling: heatFallingTwoWeeks(member.heatWeeks, now),
    },
    care,
    now,
  );
  const segmentFacts = {
    joinedAt: member.joinedAt,
    firstPurchaseAt: member.firstPurchaseAt,
    lastPurchaseAt: member.lastPurchaseAt,
    recentPurchaseDates: member.recentPurchases.map((p) => p.at),
    isTopTier: isTopTier(member, settings),
    rfm: member.rfm,
  };
  const segment = segmentOf(segmentFacts, care, now);
  const tags = autoTags(
    { birthday: member.birthday, purchaseCount: member.purchaseCount, couponPurchaseCount: member.couponPurchaseCount, totalSpendFen: member.totalSpendFen, categoryCounts: member.categoryCounts, segment },
    { highTicketMinFen: normsFor(norms, member.homeStoreId).highTicketMinFen },
    care,
    now,
  );
  const owner = taskOwner(member, staff);
  let created = 0;
  for (const seed of plan.create) {
    if (await addTaskOnce(openTask(member, { key: seed.key, cause: seed.cause, dueAt: seed.dueAt, purchaseId: seed.purchaseId, owner, createdBy: 'system' }, settings, now))) created++;
  }
  const next = earliest(plan.nextCheckAt, nextSegmentChangeAt(segmentFacts, care, now), nextTagChangeAt(member.birthday, now));
  await db
    .collection<MemberDoc>(C.members)
    .where({ _id: member._id, careDueAt: stored.careDueAt ?? null })
    .update({ data: { segment, autoTags: tags, careDueAt: next } });
  return { created };
}

/** Members whose careDueAt has come, a page at a time, until none is left or time runs out. */
export async function visitDueMembers(settings: BrandSettings, norms: ScoreNorms, now: Date, deadline: number): Promise<{ visited: number; tasksCreated: number; finished: boolean }> {
  const seen = new Set<string>();
  let visited = 0;
  let tasksCreated = 0;
  const staff = (await staffDirectory()).byId;
  while (Date.now() < deadline) {
    const { data } = await db.collection<MemberDoc>(C.members).where({ careDueAt: _.lte(now) }).orderBy('careDueAt', 'asc').limit(PAGE).get();
    const fresh = data.filter((m) => !seen.has(m._id));
    if (!fresh.length) return { visited, tasksCreated, finished: true };
    for (const member of fresh) {
      if (Date.now() >= deadline) return { visited, tasksCreated, finished: false };
      seen.add(member._id);
      tasksCreated += (await visitMember(member, settings, norms, staff, now)).created;
      visited++;
    }
  }
  return { visited, tasksCreated, finished: false };
}
