import type { Role } from '../contracts/views';

/**
 * A clerk's single sale above the brand's limit waits for a manager or admin to confirm it; managers
 * and admins record any amount. (Whoever records, it is never on their own membership.)
 */
export function saleNeedsApproval(role: Role, amountFen: number, clerkSaleLimitFen: number): boolean {
  return role === 'clerk' && amountFen > clerkSaleLimitFen;
}
