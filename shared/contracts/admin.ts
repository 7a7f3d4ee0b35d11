import { z } from 'zod';
import { action } from './action';
import { id, inviteCode, personName, role } from './fields';
import type { CounterCodeView, InviteView } from './views';

/** The `admin` cloud function: managers and the brand's admins. */
export const adminContract = {
  /** A one-time invite code for a new staff member (managers: clerks of their own store). */
  createInvite: action(z.object({ role, name: personName, storeId: id.optional() })).returns<InviteView>(),

  /** An unused invite stops working (managers: their store's). Revoking twice is the same as once. */
  revokeInvite: action(z.object({ code: inviteCode })).returns<{ revoked: true }>(),

  /** Counter mini-program codes (wxacode.getUnlimited) for a store and each of its active clerks. */
  counterCodes: action(z.object({ storeId: id.optional() })).returns<{ codes: CounterCodeView[] }>(),
};

export type AdminContract = typeof adminContract;
