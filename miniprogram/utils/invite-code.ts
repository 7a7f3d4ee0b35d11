export const INVITE_CODE_LENGTH = 8;

/** Invites are printed upper-case without look-alikes; people type them in any case, with spaces. */
export function normaliseInviteCode(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase().slice(0, INVITE_CODE_LENGTH);
}
