import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AutomationContract } from '../../../shared/contracts/automation';
import type { CampaignView } from '../../../shared/contracts/automation-views';
import { audienceForManager, type Audience } from '../../../shared/rules/audience';
import { audit } from '../../../server/audit';
import { audienceCount as countAudience, campaignFigures } from '../../../server/campaigns';
import { _, db, type Stored } from '../../../server/cloud';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type CampaignDoc, type CouponTemplateDoc, type StaffDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { getById } from '../../../server/queries';
import { requireRole } from '../../../server/roles';
import { audienceText } from '../../../shared/rules/audience-text';

/** A manager addresses their own store's members; an admin anyone. */
function scoped(audience: Audience, staff: Stored<StaffDoc>): Audience {
  return staff.role === 'admin' ? audience : audienceForManager(audience, staff.storeId);
}

function mayView(campaign: CampaignDoc, staff: Stored<StaffDoc>): boolean {
  return staff.role === 'admin' || campaign.ownerStoreId === staff.storeId;
}

async function view(campaign: Stored<CampaignDoc>): Promise<CampaignView> {
  const [figures, named] = await Promise.all([campaignFigures(campaign), names({ staff: [campaign.createdBy], stores: campaign.audience.storeIds })]);
  return {
    id: campaign._id,
    name: campaign.name,
    status: campaign.status,
    audience: campaign.audience,
    audienceText: audienceText(campaign.audience, named.store),
    couponTemplateId: campaign.couponTemplateId,
    couponName: campaign.couponName,
    notify: campaign.notify,
    fallbackTasks: campaign.fallbackTasks,
    sendAt: campaign.sendAt.toISOString(),
    startedAt: campaign.startedAt?.toISOString() ?? null,
    finishedAt: campaign.finishedAt?.toISOString() ?? null,
    createdByName: named.staff(campaign.createdBy),
    figures,
  };
}

export async function audienceCount(input: ParsedInputOf<AutomationContract, 'audienceCount'>, ctx: RequestContext): Promise<{ count: number; withQuota: number }> {
  const staff = await requireRole(ctx.openid, ['manager', 'admin']);
  return countAudience(scoped(input.audience, staff));
}

export async function campaigns(input: ParsedInputOf<AutomationContract, 'campaigns'>, ctx: RequestContext): Promise<{ campaigns: CampaignView[]; nextCursor: string | null }> {
  const staff = await requireRole(ctx.openid, ['manager', 'admin']);
  const where = [...(staff.role === 'admin' ? [] : [{ ownerStoreId: staff.storeId }]), ...(input.cursor ? [{ createdAt: _.lt(new Date(input.cursor)) }] : [])];
  const { data } = await db.collection<CampaignDoc>(C.campaigns).where(where.length ? _.and(where) : {}).orderBy('createdAt', 'desc').limit(input.limit).get();
  return { campaigns: await Promise.all(data.map(view)), nextCursor: data.length === input.limit ? data[data.length - 1].createdAt.toISOString() : null };
}

export async function campaign(input: ParsedInputOf<AutomationContract, 'campaign'>, ctx: RequestContext): Promise<CampaignView> {
  const staff = await requireRole(ctx.openid, ['manager', 'admin']);
  const found = await getById<CampaignDoc>(C.campaigns, input.campaignId);
  if (!found || !mayView(found, staff)) throw new AppError('CAMPAIGN_NOT_FOUND');
  return view(found);
}

/** Files a campaign under its request id (a retry finds it); the automation job sends it from sendAt on. */
export async function createCampaign(input: ParsedInputOf<AutomationContract, 'createCampaign'>, ctx: RequestContext): Promise<CampaignView> {
  const staff = await requireRole(ctx.openid, ['manager', 'admin']);
  const id = `c-${input.requestId}`;
  const existing = await getById<CampaignDoc>(C.campaigns, id);
  if (existing) return view(existing);
  const template = await getById<CouponTemplateDoc>(C.couponTemplates, input.couponTemplateId);
  if (!template || template.status !== 'active') throw new AppError('CAMPAIGN_INVALID', { couponTemplateId: '请选择一张发放中的优惠券' });
  if (staff.role !== 'admin' && template.ownerStoreId !== null && template.ownerStoreId !== staff.storeId) throw new AppError('CAMPAIGN_INVALID', { couponTemplateId: '只能发放本门店或品牌的优惠券' });
  const sendAt = input.sendAt ? new Date(input.sendAt) : ctx.now;
  if (sendAt.getTime() < ctx.now.getTime() - 60_000) throw new AppError('CAMPAIGN_INVALID', { sendAt: '发送时间不能早于现在' });
  const doc: CampaignDoc = {
    name: input.name,
    audience: scoped(input.audience, staff),
    couponTemplateId: template._id,
    couponName: template.name,
    notify: input.notify,
    fallbackTasks: input.fallbackTasks,
    status: 'scheduled',
    sendAt,
    cursor: null,
    reached: 0,
    startedAt: null,
    finishedAt: null,
    createdBy: staff._id,
    ownerStoreId: staff.role === 'admin' ? null : staff.storeId,
    createdAt: ctx.now,
    requestId: input.requestId,
  };
  await db.collection<CampaignDoc>(C.campaigns).doc(id).set({ data: doc });
  await audit(staff, { action: 'campaign_create', detail: `活动「${input.name}」：${template.name}` }, ctx.now);
  return view({ ...doc, _id: id });
}

export async function cancelCampaign(input: ParsedInputOf<AutomationContract, 'cancelCampaign'>, ctx: RequestContext): Promise<CampaignView> {
  const staff = await requireRole(ctx.openid, ['manager', 'admin']);
  const found = await getById<CampaignDoc>(C.campaigns, input.campaignId);
  if (!found || !mayView(found, staff)) throw new AppError('CAMPAIGN_NOT_FOUND');
  if (found.status === 'cancelled') return view(found);
  const { stats } = await db.collection<CampaignDoc>(C.campaigns).where({ _id: found._id, status: 'scheduled' }).update({ data: { status: 'cancelled', finishedAt: ctx.now } });
  if (stats.updated !== 1) throw new AppError('CAMPAIGN_NOT_CANCELLABLE');
  return view({ ...found, status: 'cancelled', finishedAt: ctx.now });
}
