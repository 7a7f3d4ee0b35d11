import type { BrandSettings } from '../shared/rules/brand-settings';
import type { Stored } from './cloud';
import { withCare, type MemberWithCare } from './care-fields';
import { staffDirectory, type StaffEntry } from './directory';
import type { MemberDoc } from './documents';

/** Who owns a member's tasks: their serving clerk while active, else an active manager of their store. */
export function taskOwner(member: MemberWithCare, staff: Map<string, StaffEntry>): string | null {
  const serving = member.servingStaffId ? staff.get(member.servingStaffId) : undefined;
  if (serving?.status === 'active') return serving._id;
  const managers = [...staff.values()].filter((s) => s.storeId === member.homeStoreId && s.role === 'manager' && s.status === 'active');
  return managers.sort((a, b) => (a._id < b._id ? -1 : 1))[0]?._id ?? null;
}

/** The same, from the cached staff directory. */
export async function taskOwnerFor(member: Stored<MemberDoc>): Promise<string | null> {
  return taskOwner(withCare(member), (await staffDirectory()).byId);
}

export function isTopTier(member: MemberDoc, settings: BrandSettings): boolean {
  return member.tierId === settings.tiers[settings.tiers.length - 1].id;
}
