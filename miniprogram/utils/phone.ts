/** The same rule as the server's `phoneNumber` field (shared/contracts/fields.ts), without zod. */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export function isMainlandMobile(text: string): boolean {
  return MAINLAND_MOBILE.test(text);
}
