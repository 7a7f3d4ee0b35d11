/**
 * Page query values may arrive percent-encoded (a mini-program code's `scene` always does); a value
 * that is not valid encoding is kept as it came rather than dropped.
 */
export function decodeQueryValue(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
