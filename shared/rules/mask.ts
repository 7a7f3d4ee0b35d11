/** What staff screens and lists show instead of personal data. */

/**
 * '13812345678' → '138****5678'. Anything too short to keep 3 + 4 characters and still hide some is
 * masked completely, so a malformed number never shows in full.
 */
export function maskPhone(phone: string): string {
  const text = phone.trim();
  if (text.length < 8) return '*'.repeat(text.length);
  return `${text.slice(0, 3)}****${text.slice(-4)}`;
}

/**
 * Keeps the first character (usually the surname) and hides the rest, one '*' per character:
 * '张三丰' → '张**'. A one-character name still gets one '*' so it never shows unmasked.
 * Counts code points, so names with characters outside the BMP are not split in half.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}
