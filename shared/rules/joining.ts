/** Who may join with which phone number, and what a join needs. */

/** Refused joins (a number that belongs to someone else) one OPENID may make per Shanghai day. */
export const JOIN_REFUSALS_PER_DAY = 5;

export type PhoneClaimDecision = 'already-joined' | 'take-over' | 'refuse';

/**
 * A joiner's number is already on a member. The same WeChat user is the same member (a double tap,
 * a retry). A number verified by WeChat beats one that was only typed in: the verified owner joins and
 * the typed claim is detached. Anything else is refused — a typed number never displaces anyone, and
 * a verified holder is never displaced.
 */
export function decidePhoneClaim(holder: { openid: string; phoneVerified: boolean }, claim: { openid: string; verified: boolean }): PhoneClaimDecision {
  if (holder.openid === claim.openid) return 'already-joined';
  if (claim.verified && !holder.phoneVerified) return 'take-over';
  return 'refuse';
}

/** Agreement to the brand's current privacy guide, and nothing less. */
export function consentIsCurrent(consent: { version?: string; agreed?: boolean } | undefined, currentVersion: string): boolean {
  return consent?.agreed === true && consent.version === currentVersion;
}
