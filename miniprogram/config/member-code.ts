/**
 * A member code is fetched again this long before it expires, so the code on screen is never one
 * the till will reject as expired while the clerk is still aiming the scanner.
 */
export const MEMBER_CODE_REFRESH_LEAD_MS = 5_000;

/** Brightness while the code is shown: scanners read a dim phone screen badly. */
export const MEMBER_CODE_BRIGHTNESS = 1;
