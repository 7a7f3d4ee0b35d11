import { db, type Stored } from './cloud';
import { C, type CouponTemplateDoc } from './documents';
import { AppError } from './errors';
import { getById } from './queries';

/**
 * Templates by id, cached per instance for 30 s. Safe because a template's terms never change once it
 * leaves draft; what does change — status and stock — is never read from here but enforced by the
 * conditional update that takes a unit (coupon-grant.ts).
 */
const CACHE_MS = 30_000;
const cache = new Map<string, { at: number; template: Stored<CouponTemplateDoc> }>();

export async function publishedTemplate(templateId: string, now = Date.now()): Promise<Stored<CouponTemplateDoc>> {
  const hit = cache.get(templateId);
  if (hit && now >= hit.at && now - hit.at < CACHE_MS) return hit.template;
  const template = await getById<CouponTemplateDoc>(C.couponTemplates, templateId);
  if (!template || template.status === 'draft') throw new AppError('TEMPLATE_NOT_FOUND');
  cache.set(templateId, { at: now, template });
  return template;
}

/** Templates offered now (fresh: the list shows what is left). */
export async function activeTemplates(where: Partial<Pick<CouponTemplateDoc, 'claimable'>>): Promise<Stored<CouponTemplateDoc>[]> {
  const { data } = await db.collection<CouponTemplateDoc>(C.couponTemplates).where({ status: 'active', ...where }).limit(100).get();
  return data;
}
