import type { CampaignFigures } from '../shared/contracts/automation-views';
import type { Audience } from '../shared/rules/audience';
import type { BrandSettings } from '../shared/rules/brand-settings';
import { _, db, type Doc, type Stored } from './cloud';
import { grantCoupon } from './coupon-grant';
import { names } from './directory';
import { C, type CampaignDoc, type CouponDoc, type CouponTemplateDoc, type MemberDoc, type MessageDoc, type TaskDoc } from './documents';
import { isAppError } from './errors';
import { newId } from './ids';
import { couponArrived } from './message-causes';
import { enqueue, newMessage } from './outbox';
import { forEachLimited } from './concurrency';
import { getById } from './queries';
import { quotaOf } from './subscriptions';
import { taskOwnerFor } from './task-owner';
import { addTaskOnce, openTask } from './tasks';

/**
 * Campaigns: a coupon to an audience, in resumable pages by member _id. Each member's grant is keyed
 * campaign:<campaign>:<member> and the message and task by the coupon and the same key, so a page run
 * twice (overlap, a timeout before the cursor was saved) gives nobody a second coupon; the cursor only
 * moves forward, by a conditional update on the cursor it read.
 */
const PAGE = 100;
/** Members granted at once: independent grants, each a few round trips. */
const CONCURRENCY = 8;

/** The member query for an audience (each part ANDed; an empty part matches all). */
export function audienceWhere(audience: Audience): Doc[] {
  const parts: Doc[] = [];
  if (audience.segments.length) parts.push({ segment: _.in(audience.segments) });
  if (audience.tierIds.length) parts.push({ tierId: _.in(audience.tierIds) });
  if (audience.storeIds.length) parts.push({ homeStoreId: _.in(audience.storeIds) });
  if (audience.tags.length) parts.push(_.or([{ manualTags: _.in(audience.tags) }, { autoTags: _.in(audience.tags) }]));
  return parts;
}

function whereAll(parts: Doc[]): Doc {
  return parts.length ? _.and(parts) : {};
}

export async function audienceCount(audience: Audience): Promise<{ count: number; withQuota: number }> {
  const members = db.collection<MemberDoc>(C.members);
  const [all, quota] = await Promise.all([
    members.where(whereAll(audienceWhere(audience))).count(),
    members.where(whereAll([...audienceWhere(audience), { 'messageQuota.coupon_arrived': _.gt(0) }])).count(),
  ]);
  return { count: all.total, withQuota: quota.total };
}

export function campaignGrantKey(campaignId: string, memberId: string): string {
  return `campaign:${campaignId}:${memberId}`;
}

/** Starts the campaigns whose time came and runs them on, page by page, until done or out of time. */
export async function runCampaigns(settings: BrandSettings, now: Date, deadline: number): Promise<{ campaigns: number; reached: number; finished: boolean }> {
  const { data } = await db.collection<CampaignDoc>(C.campaigns).where({ status: _.in(['scheduled', 'running']), sendAt: _.lte(now) }).orderBy('sendAt', 'asc').limit(20).get();
  let reached = 0;
  for (const campaign of data) {
    if (Date.now() >= deadline) return { campaigns: data.length, reached, finished: false };
    if (campaign.status === 'scheduled') {
      const started = await db.collection<CampaignDoc>(C.campaigns).where({ _id: campaign._id, status: 'scheduled' }).update({ data: { status: 'running', startedAt: now } });
      if (started.stats.updated !== 1) continue;
    }
    const result = await runCampaign(campaign, settings, now, deadline);
    reached += result.reached;
    if (!result.finished) return { campaigns: data.length, reached, finished: false };
  }
  return { campaigns: data.length, reached, finished: true };
}

async function runCampaign(campaign: Stored<CampaignDoc>, settings: BrandSettings, now: Date, deadline: number): Promise<{ reached: number; finished: boolean }> {
  const template = await getById<CouponTemplateDoc>(C.couponTemplates, campaign.couponTemplateId);
  const campaigns = db.collection<CampaignDoc>(C.campaigns);
  let cursor = campaign.cursor;
  let reached = 0;
  while (Date.now() < deadline) {
    const parts = [...audienceWhere(campaign.audience), ...(cursor ? [{ _id: _.gt(cursor) }] : [])];
    const { data } = await db.collection<MemberDoc>(C.members).where(whereAll(parts)).orderBy('_id', 'asc').limit(PAGE).get();
    let stopped: string | null = template ? null : 'no_template';
    // The whole page is done before the cursor moves past it (no deadline inside a page: 100 members).
    await forEachLimited(data, CONCURRENCY, Number.POSITIVE_INFINITY, async (member) => {
      if (stopped) return;
      stopped = (await reachMember(campaign, template!, member, settings, now)) ?? stopped;
    });
    const last = data.length ? data[data.length - 1]._id : cursor;
    const done = data.length < PAGE || stopped !== null;
    const moved = await campaigns
      .where({ _id: campaign._id, cursor })
      .update({ data: { cursor: last, reached: _.inc(data.length), ...(done ? { status: 'done', finishedAt: now, stoppedReason: stopped } : {}) } });
    // Another run moved the cursor first: it has this page; leave the campaign to it.
    if (moved.stats.updated !== 1) return { reached, finished: true };
    reached += data.length;
    cursor = last;
    if (done) return { reached, finished: true };
  }
  return { reached, finished: false };
}

/** One member's grant, message or task; a reason to stop the campaign (out of stock), or null. */
async function reachMember(campaign: Stored<CampaignDoc>, template: Stored<CouponTemplateDoc>, member: Stored<MemberDoc>, settings: BrandSettings, now: Date): Promise<string | null> {
  const key = campaignGrantKey(campaign._id, member._id);
  let coupon: Stored<CouponDoc>;
  try {
    const outcome = await grantCoupon(
      { template, memberId: member._id, grantKey: key, slotKey: null, source: 'campaign', by: campaign.createdBy, reason: campaign.name, now, origin: { campaignId: campaign._id } },
      newId(),
    );
    if ('slotTaken' in outcome) return null;
    coupon = outcome.coupon;
    // A repeat (overlap, a lost cursor): the first run told her already, unless it died before it could.
    if (!outcome.created && (await alreadyTold(coupon._id))) return null;
  } catch (error) {
    if (isAppError(error) && (error.code === 'OUT_OF_STOCK' || error.code === 'TEMPLATE_NOT_ACTIVE')) return error.code === 'OUT_OF_STOCK' ? 'out_of_stock' : 'template_not_active';
    throw error;
  }
  const canMessage = campaign.notify && quotaOf(member, 'coupon_arrived') > 0 && settings.messages.templateIds.coupon_arrived !== '';
  if (canMessage) {
    const fallback = campaign.fallbackTasks ? { title: `告知到账：${campaign.couponName}`.slice(0, 20), cause: 'campaign' as const } : null;
    await enqueue(newMessage(member, couponArrived(coupon, campaign.name, { campaignId: campaign._id, fallback }), settings, now));
  } else if (campaign.fallbackTasks) {
    const task = openTask(member, { key, cause: 'campaign', dueAt: now, owner: await taskOwnerFor(member), createdBy: 'system', title: `告知到账：${campaign.couponName}`.slice(0, 20), couponId: coupon._id, couponName: campaign.couponName, campaignId: campaign._id }, settings, now);
    await addTaskOnce(task);
  }
  return null;
}

/** Whether a coupon's arrival was told already: its message was queued. */
export async function alreadyTold(couponId: string): Promise<boolean> {
  return (await getById<MessageDoc>(C.messages, `coupon:${couponId}`)) !== null;
}

/** Granted, notified, redeemed and attributed sales, overall and by store and clerk: a few aggregations, not the purchases. */
export async function campaignFigures(campaign: Stored<CampaignDoc>): Promise<CampaignFigures> {
  const $ = db.command.aggregate;
  const [byStoreStatus, byClerk, notified, tasks] = await Promise.all([
    db.collection<CouponDoc>(C.coupons).aggregate().match({ campaignId: campaign._id, status: _.neq('pending') }).group({ _id: { store: '$usedStoreId', status: '$status' }, n: $.sum(1), sales: $.sum('$usedSaleFen') }).end(),
    db.collection<CouponDoc>(C.coupons).aggregate().match({ campaignId: campaign._id, status: 'used' }).group({ _id: '$usedStaffId', n: $.sum(1), sales: $.sum('$usedSaleFen') }).end(),
    db.collection<MessageDoc>(C.messages).where({ campaignId: campaign._id, status: 'sent' }).count(),
    db.collection<TaskDoc>(C.tasks).where({ campaignId: campaign._id }).count(),
  ]);
  const rows = byStoreStatus.list as Array<{ _id: { store: string | null; status: string }; n: number; sales: number }>;
  const clerks = byClerk.list as Array<{ _id: string | null; n: number; sales: number }>;
  const granted = rows.reduce((sum, r) => sum + r.n, 0);
  const used = rows.filter((r) => r._id.status === 'used');
  const redeemed = used.reduce((sum, r) => sum + r.n, 0);
  const salesFen = used.reduce((sum, r) => sum + r.sales, 0);
  const named = await names({ stores: used.map((r) => r._id.store), staff: clerks.map((c) => c._id) });
  return {
    reached: campaign.reached,
    granted,
    notified: notified.total,
    tasks: tasks.total,
    redeemed,
    redemptionPercent: granted ? Math.round((redeemed * 100) / granted) : 0,
    salesFen,
    // Coupons are granted brand-wide; by store counts where they were used.
    byStore: used.filter((r) => r._id.store).map((r) => ({ storeId: r._id.store!, storeName: named.store(r._id.store), redeemed: r.n, salesFen: r.sales })),
    byClerk: clerks.filter((c) => c._id).map((c) => ({ staffId: c._id!, name: named.staff(c._id), redeemed: c.n, salesFen: c.sales })),
  };
}
