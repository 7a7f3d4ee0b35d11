import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AdminContract } from '../../../shared/contracts/admin';
import type { StaffMemberView } from '../../../shared/contracts/care-views';
import type { InviteView } from '../../../shared/contracts/views';
import { storeInScope } from '../../../server/authority';
import { _, db, type Stored } from '../../../server/cloud';
import { names } from '../../../server/directory';
import type { RequestContext } from '../../../server/dispatch';
import { C, type InviteDoc, type StaffDoc } from '../../../server/documents';
import { requireStaff } from '../../../server/queries';

export function staffMemberView(person: Stored<StaffDoc>, storeName: string, customers: number, openTasks: number): StaffMemberView {
  return {
    staffId: person._id,
    name: person.name,
    role: person.role,
    storeId: person.storeId,
    storeName,
    status: person.status,
    customers,
    openTasks,
    boundAt: person.boundAt.toISOString(),
  };
}

/** Counts by a field for a set of ids, in one aggregation (group by the field). */
async function countBy(collection: string, field: string, ids: string[], extra: Record<string, unknown> = {}): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const { list } = await db
    .collection(collection)
    .aggregate()
    .match({ [field]: _.in(ids), ...extra })
    .group({ _id: `$${field}`, n: _.aggregate.sum(1) })
    .end();
  return new Map((list as Array<{ _id: string; n: number }>).map((row) => [row._id, row.n]));
}

/**
 * A store's staff (active first) with the customers each serves and their open tasks, and its unused
 * invites: five requests (the caller, staff, invites, and two grouped counts) whatever the headcount.
 */
export async function staffList(input: ParsedInputOf<AdminContract, 'staffList'>, ctx: RequestContext): Promise<{ staff: StaffMemberView[]; invites: InviteView[] }> {
  const caller = await requireStaff(ctx.openid);
  const storeId = storeInScope(caller, input.storeId);
  const [{ data: people }, { data: invites }] = await Promise.all([
    db.collection<StaffDoc>(C.staff).where({ storeId }).limit(200).get(),
    db.collection<InviteDoc>(C.invites).where({ storeId, usedBy: null }).limit(100).get(),
  ]);
  const ids = people.map((p) => p._id);
  const [customers, tasks, named] = await Promise.all([countBy(C.members, 'servingStaffId', ids), countBy(C.tasks, 'ownerStaffId', ids, { status: 'open' }), names({ stores: [storeId] })]);
  const order = (p: StaffDoc) => (p.status === 'active' ? 0 : 1) * 10 + ['admin', 'manager', 'clerk'].indexOf(p.role);
  return {
    staff: people.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'zh')).map((p) => staffMemberView(p, named.store(p.storeId), customers.get(p._id) ?? 0, tasks.get(p._id) ?? 0)),
    invites: invites
      .filter((invite) => !invite.revokedAt && invite.expiresAt.getTime() > ctx.now.getTime())
      .map((invite) => ({ code: invite._id, name: invite.name, role: invite.role, storeId: invite.storeId, expiresAt: invite.expiresAt.toISOString() })),
  };
}
