/**
 * Characters that have no business in a name, a reason or a category a person typed: C0/C1 control
 * characters (NUL, escape…), bidirectional overrides and isolates (U+202E turns "gpj.exe" around on a
 * clerk's screen), zero-width and invisible formatting characters, the BOM, and unpaired surrogates.
 * Ordinary spaces are fine; line breaks are refused here (one-line fields) unless `allowNewlines`.
 */
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/;
const LINE_BREAK = /[\n\u2028\u2029]/;

export function hasUnsafeCharacters(text: string, options: { allowNewlines?: boolean } = {}): boolean {
  if (UNSAFE.test(text)) return true;
  if (!options.allowNewlines && LINE_BREAK.test(text)) return true;
  return !isWellFormed(text);
}

/** String.prototype.isWellFormed, which older mini-program runtimes lack. */
function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  }
  return true;
}
