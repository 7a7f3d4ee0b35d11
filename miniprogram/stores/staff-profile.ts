import type { StaffView } from '../shared/contracts/views';

/**
 * The signed-in staff member as the workbench last loaded it (staff.me): which manager-only entries a
 * staff page shows (补发, coupon management) and the store a manager's coupons are for. Display only —
 * the server checks the role on every action.
 */
let profile: StaffView | null = null;

export function setStaffProfile(view: StaffView | null): void {
  profile = view;
}

export function getStaffProfile(): StaffView | null {
  return profile;
}

export function isManagerOrAdmin(): boolean {
  return profile !== null && profile.role !== 'clerk';
}
