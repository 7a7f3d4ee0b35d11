import type { CustomerView } from '../shared/contracts/views';

/**
 * Carries the customer that staff-home just resolved from a scanned code to the customer page, so
 * that page shows it without a second cloud call. A module slot rather than an event channel: the
 * page reads it synchronously in onLoad, and when it is empty (opened any other way, or after a
 * reload) the page fetches with staff.customer instead of waiting for an event that may not come.
 */
let pending: CustomerView | null = null;

export function handOffCustomer(view: CustomerView): void {
  pending = view;
}

/** One-shot: returns the handed-off view only for the member it was handed off for. */
export function takeCustomer(memberId: string): CustomerView | null {
  const view = pending;
  pending = null;
  return view !== null && view.memberId === memberId ? view : null;
}
