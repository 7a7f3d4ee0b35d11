import { z } from 'zod';
import { action } from './action';
import { id, inviteCode, personName, role } from './fields';
import type { HandOverView, StaffMemberView } from './care-views';
import type { CounterCodeView, InviteView } from './views';

/** The `admin` cloud function: managers and the brand's admins. */
export const adminContract = {
  /** A one-time invite code for a new staff member (managers: clerks of their own store). */
  createInvite: action(z.object({ role, name: personName, storeId: id.optional() })).returns<InviteView>(),

  /** An unused invite stops working (managers: their store's). Revoking twice is the same as once. */
  revokeInvite: action(z.object({ code: inviteCode })).returns<{ revoked: true }>(),

  /** Counter mini-program codes (wxacode.getUnlimited) for a store and each of its active clerks. */
  counterCodes: action(z.object({ storeId: id.optional() })).returns<{ codes: CounterCodeView[] }>(),

  /** A store's staff with how many customers and open tasks each serves, and its unused invites (managers: their store). */
  staffList: action(z.object({ storeId: id.optional() }).default({})).returns<{ staff: StaffMemberView[]; invites: InviteView[] }>(),

  /**
   * Disables a clerk (they can do nothing from then on) and hands their customers and open tasks to one
   * chosen clerk or evenly over the store's other active clerks, in a resumable operation: this call
   * moves what it can in its time, the care jobs finish the rest; calling again resumes it. Attribution
   * (who invited, who sold) stays with the original clerk. Managers: clerks of their store; admins: anyone
   * but themselves. Audited.
   */
  offboard: action(z.object({ staffId: id, toStaffId: id.optional(), spread: z.boolean().default(false) })).returns<HandOverView>(),

  /** Progress of a hand-over (offboarding). */
  handOver: action(z.object({ staffId: id })).returns<HandOverView | null>(),

  /** Admins: a staff member's role or store. A move to another store needs their customers handed over first. Audited. */
  updateStaff: action(z.object({ staffId: id, role: role.optional(), storeId: id.optional() })).returns<StaffMemberView>(),
};

export type AdminContract = typeof adminContract;
