import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { CareContract } from '../../../shared/contracts/care';
import type { CustomerListView, CustomerSort } from '../../../shared/contracts/care-views';
import { db, _ } from '../../../server/cloud';
import { scopeCondition } from '../../../server/care-access';
import { withCare } from '../../../server/care-fields';
import { customerListItemView } from '../../../server/care-views';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MemberDoc } from '../../../server/documents';
import { afterCursor, decodeCursor, encodeCursor } from '../../../server/list-cursor';
import { requireStaff } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';
import { tagDirectory } from '../../../server/tag-directory';

const SORT_FIELDS: Record<CustomerSort, { field: 'lastPurchaseAt' | 'spend12mFen' | 'heat'; isDate: boolean }> = {
  lastVisit: { field: 'lastPurchaseAt', isDate: true },
  spend: { field: 'spend12mFen', isDate: false },
  heat: { field: 'heat', isDate: false },
};

/** Four digits are the phone's tail (its own index); anything else searches names. */
const PHONE_TAIL = /^\d{4}$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One page of a customer list: the caller read fresh (1 request), then one query answered from the
 * scope's compound index (servingStaffId or homeStoreId, then the sort field) — names, tags and
 * settings come from per-instance caches.
 */
export async function customers(input: ParsedInputOf<CareContract, 'customers'>, ctx: RequestContext): Promise<CustomerListView> {
  const staff = await requireStaff(ctx.openid);
  const conditions: Array<Record<string, unknown>> = [scopeCondition(staff, input.scope, input.storeId)];
  const q = input.q?.trim();
  if (q) conditions.push(PHONE_TAIL.test(q) ? { phoneTail: q } : { name: db.RegExp({ regexp: escapeRegExp(q), options: 'i' }) });
  if (input.segment) conditions.push({ segment: input.segment });
  if (input.tierId) conditions.push({ tierId: input.tierId });
  if (input.tag) conditions.push(_.or([{ autoTags: input.tag }, { manualTags: input.tag }]));
  const sort = SORT_FIELDS[input.sort];
  if (input.cursor) conditions.push(afterCursor(sort.field, decodeCursor(input.cursor), sort.isDate));
  const where = conditions.length === 1 ? conditions[0] : _.and(conditions);
  const { data } = await db
    .collection<MemberDoc>(C.members)
    .where(where)
    .orderBy(sort.field, 'desc')
    .orderBy('_id', 'desc')
    .limit(input.limit + 1)
    .get();
  const page = data.slice(0, input.limit).map(withCare);
  const [settings, named, tags] = await Promise.all([brandSettings(), names({ staff: page.map((m) => m.servingStaffId) }), tagDirectory()]);
  const last = page[page.length - 1];
  return {
    customers: page.map((member) => customerListItemView(member, settings, named, tags)),
    nextCursor: data.length > input.limit && last ? encodeCursor(last[sort.field] ?? null, last._id) : null,
    tiers: settings.tiers.map((tier) => ({ id: tier.id, name: tier.name })),
  };
}
