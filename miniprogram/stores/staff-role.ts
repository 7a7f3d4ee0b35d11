/**
 * Whether the signed-in user is shop staff. Defaults to false so customers never see staff entry
 * points before the server has confirmed the role; the sign-in flow sets it from the server.
 *
 * Every tab page has its own custom tab bar instance, so each one subscribes here instead of
 * reading the flag once.
 */
type StaffListener = (isStaff: boolean) => void;

let isStaff = false;
const listeners = new Map<object, StaffListener>();

export function getIsStaff(): boolean {
  return isStaff;
}

export function setIsStaff(value: boolean): void {
  if (value === isStaff) return;
  isStaff = value;
  listeners.forEach((listener) => listener(value));
}

/** Keyed by owner so a component can unsubscribe in `detached` without keeping a handle. */
export function watchIsStaff(owner: object, listener: StaffListener): void {
  listeners.set(owner, listener);
}

export function unwatchIsStaff(owner: object): void {
  listeners.delete(owner);
}
