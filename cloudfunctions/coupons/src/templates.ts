import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CouponsContract } from '../../../shared/contracts/coupons';
import type { CouponTemplateView, TemplateStatsView } from '../../../shared/contracts/views';
import { canMoveTo, templateProblems, type TemplateTerms } from '../../../shared/rules/coupon-templates';
import { db, _, type Stored } from '../../../server/cloud';
import { templateView } from '../../../server/coupon-views';
import { storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type CouponDoc, type CouponTemplateDoc, type StaffDoc } from '../../../server/documents';
import { AppError, isDuplicateKey } from '../../../server/errors';
import { shortCode } from '../../../server/ids';
import { getById, requireStaff } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';

/**
 * Who manages which templates: admins the brand's and every store's; a manager their own store's
 * (usable at their store only) and sees the brand's; clerks none.
 */
function mayManage(staff: Stored<StaffDoc>, template: Pick<CouponTemplateDoc, 'ownerStoreId'>): boolean {
  if (staff.role === 'admin') return true;
  return staff.role === 'manager' && template.ownerStoreId === staff.storeId;
}

async function manager(openid: string): Promise<Stored<StaffDoc>> {
  const staff = await requireStaff(openid);
  if (staff.role === 'clerk') throw new AppError('FORBIDDEN');
  return staff;
}

async function namer() {
  const stores = await storeDirectory();
  return (id: string) => stores.get(id)?.name ?? '';
}

async function view(staff: Stored<StaffDoc>, template: Stored<CouponTemplateDoc>): Promise<CouponTemplateView> {
  return templateView(template, await namer(), template.status === 'draft' && mayManage(staff, template));
}

export async function templates(input: ParsedInputOf<CouponsContract, 'templates'>, ctx: RequestContext): Promise<{ templates: CouponTemplateView[] }> {
  const staff = await manager(ctx.openid);
  const scope = staff.role === 'admin' ? {} : { ownerStoreId: _.in([null, staff.storeId]) };
  const { data } = await db
    .collection<CouponTemplateDoc>(C.couponTemplates)
    .where({ ...scope, ...(input.status ? { status: input.status } : {}) })
    .orderBy('createdAt', 'desc')
    .limit(200)
    .get();
  const name = await namer();
  return { templates: data.map((t) => templateView(t, name, t.status === 'draft' && mayManage(staff, t))) };
}

/** Creates a draft, or edits one that is still a draft; every field is checked, all problems at once. */
export async function saveTemplate(input: ParsedInputOf<CouponsContract, 'saveTemplate'>, ctx: RequestContext): Promise<CouponTemplateView> {
  const staff = await manager(ctx.openid);
  const { templateId, ownerStoreId: requestedOwner, description, ...terms } = input;
  const ownerStoreId = staff.role === 'admin' ? (requestedOwner ?? null) : staff.storeId;
  const [stores, settings] = await Promise.all([storeDirectory(), brandSettings()]);
  const problems = templateProblems(terms as TemplateTerms, { storeIds: [...stores.keys()], tierIds: settings.tiers.map((t) => t.id) });
  // A store's own coupon is for that store alone.
  if (ownerStoreId && (terms.storeIds.length !== 1 || terms.storeIds[0] !== ownerStoreId)) problems.storeIds = '门店券只能在本门店使用';
  if (Object.keys(problems).length) throw new AppError('TEMPLATE_INVALID', problems);
  const fields = { ...(terms as TemplateTerms), description, remaining: terms.limits.totalStock, updatedBy: staff._id, updatedAt: ctx.now };

  if (templateId) {
    const existing = await getById<CouponTemplateDoc>(C.couponTemplates, templateId);
    if (!existing) throw new AppError('TEMPLATE_NOT_FOUND');
    if (!mayManage(staff, existing)) throw new AppError('FORBIDDEN');
    // Only a draft changes, so a coupon ever given keeps the terms it was given with.
    const { stats } = await db.collection<CouponTemplateDoc>(C.couponTemplates).where({ _id: templateId, status: 'draft' }).update({ data: fields });
    if (stats.updated === 0 && existing.status !== 'draft') throw new AppError('TEMPLATE_NOT_EDITABLE');
    return view(staff, { ...existing, ...fields });
  }
  for (let attempt = 0; ; attempt++) {
    const template: Stored<CouponTemplateDoc> = { _id: `T${shortCode(6)}`, ...fields, status: 'draft', issued: 0, ownerStoreId, createdBy: staff._id, createdAt: ctx.now };
    try {
      await db.collection<CouponTemplateDoc>(C.couponTemplates).add({ data: template });
      return view(staff, template);
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= 3) throw error;
    }
  }
}

/** draft → active ⇄ paused → ended; the change applies only from the status it was read in (no lost race). */
export async function setTemplateStatus(input: ParsedInputOf<CouponsContract, 'setTemplateStatus'>, ctx: RequestContext): Promise<CouponTemplateView> {
  const staff = await manager(ctx.openid);
  const template = await getById<CouponTemplateDoc>(C.couponTemplates, input.templateId);
  if (!template) throw new AppError('TEMPLATE_NOT_FOUND');
  if (!mayManage(staff, template)) throw new AppError('FORBIDDEN');
  if (template.status === input.status) return view(staff, template);
  if (!canMoveTo(template.status, input.status)) throw new AppError('STATUS_CHANGE_INVALID');
  const change = { status: input.status, updatedBy: staff._id, updatedAt: ctx.now };
  const { stats } = await db.collection<CouponTemplateDoc>(C.couponTemplates).where({ _id: template._id, status: template.status }).update({ data: change });
  if (stats.updated === 0) throw new AppError('BUSY');
  return view(staff, { ...template, ...change });
}

/** More units for a template with a stock limit (not once it has ended). */
export async function addStock(input: ParsedInputOf<CouponsContract, 'addStock'>, ctx: RequestContext): Promise<CouponTemplateView> {
  const staff = await manager(ctx.openid);
  const template = await getById<CouponTemplateDoc>(C.couponTemplates, input.templateId);
  if (!template) throw new AppError('TEMPLATE_NOT_FOUND');
  if (!mayManage(staff, template)) throw new AppError('FORBIDDEN');
  if (template.limits.totalStock === null || template.status === 'ended') throw new AppError('STATUS_CHANGE_INVALID');
  await db
    .collection<CouponTemplateDoc>(C.couponTemplates)
    .where({ _id: template._id, status: _.neq('ended') })
    .update({ data: { remaining: _.inc(input.units), 'limits.totalStock': _.inc(input.units), updatedBy: staff._id, updatedAt: ctx.now } });
  return view(staff, (await getById<CouponTemplateDoc>(C.couponTemplates, template._id))!);
}

/** Granted, used, redemption rate and the paid sales of the purchases that used it — in all and per store. */
export async function templateStats(input: ParsedInputOf<CouponsContract, 'templateStats'>, ctx: RequestContext): Promise<TemplateStatsView> {
  const staff = await manager(ctx.openid);
  const template = await getById<CouponTemplateDoc>(C.couponTemplates, input.templateId);
  if (!template) throw new AppError('TEMPLATE_NOT_FOUND');
  if (staff.role !== 'admin' && template.ownerStoreId !== null && template.ownerStoreId !== staff.storeId) throw new AppError('FORBIDDEN');
  const $ = db.command.aggregate;
  const { list } = (await db
    .collection<CouponDoc>(C.coupons)
    .aggregate()
    .match({ templateId: template._id, status: _.neq('pending') })
    .group({ _id: { status: '$status', store: '$usedStoreId' }, count: $.sum(1), sales: $.sum('$usedSaleFen') })
    .end()) as { list: Array<{ _id: { status: CouponDoc['status']; store: string | null }; count: number; sales: number }> };
  const name = await namer();
  let granted = 0;
  let used = 0;
  let sales = 0;
  const perStore = new Map<string, { used: number; attributedSalesFen: number }>();
  for (const row of list) {
    granted += row.count;
    if (row._id.status !== 'used' || !row._id.store) continue;
    used += row.count;
    sales += row.sales;
    const entry = perStore.get(row._id.store) ?? { used: 0, attributedSalesFen: 0 };
    entry.used += row.count;
    entry.attributedSalesFen += row.sales;
    perStore.set(row._id.store, entry);
  }
  // Staff only ever see their own store's figures beside the totals.
  const visible = [...perStore].filter(([storeId]) => staff.role === 'admin' || storeId === staff.storeId);
  return {
    templateId: template._id,
    granted,
    used,
    redemptionRate: granted ? used / granted : 0,
    attributedSalesFen: sales,
    perStore: visible.map(([storeId, figures]) => ({ storeId, storeName: name(storeId), ...figures })),
  };
}
