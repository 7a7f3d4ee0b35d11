import type { AutomationOptionsView } from '../../../shared/contracts/automation-views';
import { autoTagLabel, FIXED_AUTO_TAGS } from '../../../shared/rules/auto-tags';
import { _, db } from '../../../server/cloud';
import { storeDirectory } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type CouponTemplateDoc } from '../../../server/documents';
import { brandSettings } from '../../../server/settings';
import { tagDirectory } from '../../../server/tag-directory';
import { requireRole } from '../../../server/roles';

/**
 * The pick lists of the journey and campaign editors in one call: the coupons the caller may grant,
 * the tiers, the tags (the brand's and the caller's store's manual ones, and the automatic ones), and
 * the stores they may address. Names come from per-instance caches; the coupons are read fresh.
 */
export async function options(_input: unknown, ctx: RequestContext): Promise<AutomationOptionsView> {
  const staff = await requireRole(ctx.openid, ['manager', 'admin']);
  const admin = staff.role === 'admin';
  const [settings, stores, tags, coupons] = await Promise.all([
    brandSettings(),
    storeDirectory(),
    tagDirectory(),
    db
      .collection<CouponTemplateDoc>(C.couponTemplates)
      .where(admin ? { status: 'active' } : { status: 'active', ownerStoreId: _.in([null, staff.storeId]) })
      .field({ name: true })
      .limit(200)
      .get(),
  ]);
  return {
    coupons: coupons.data.map((t) => ({ id: t._id, name: t.name })),
    tiers: settings.tiers.map((t) => ({ id: t.id, name: t.name })),
    tags: [
      ...FIXED_AUTO_TAGS.map((id) => ({ id, name: autoTagLabel(id) })),
      ...[...tags.values()].filter((t) => t.storeId === null || admin || t.storeId === staff.storeId).map((t) => ({ id: t._id, name: t.name })),
    ],
    stores: [...stores.values()].filter((s) => s.active && (admin || s._id === staff.storeId)).map((s) => ({ id: s._id, name: s.name })),
  };
}
