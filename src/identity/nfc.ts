/**
 * NFC normalisation with a fast path for text that is NFC already, which is nearly all Vietnamese input.
 *
 * Why: `String.prototype.normalize` calls into ICU and costs ~100-150 ns even when nothing changes; at
 * 17 fields a record it was a third of validation time. Every character below U+0300 and every character of
 * the Latin Extended Additional block (U+1E00-U+1EFF, where the precomposed Vietnamese letters with tone
 * marks live) has the Unicode property NFC_Quick_Check = Yes, and a string made only of such characters is
 * in NFC. Anything else (combining marks, other scripts, surrogates) takes the ICU path.
 */

/** True when every UTF-16 unit of `text` is below U+0300 or in U+1E00-U+1EFF, so `text` is NFC as it is. */
export function isTriviallyNfc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1e00 || c > 0x1eff)) return false;
  }
  return true;
}

/** `text.normalize('NFC')`, skipping ICU when the text is trivially NFC. */
export function toNfc(text: string): string {
  return isTriviallyNfc(text) ? text : text.normalize('NFC');
}

/** Index of the first control character (U+0000-U+001F, U+007F) in `text`, or -1. */
export function indexOfControlChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return i;
  }
  return -1;
}

/**
 * One pass over `text` for the schema: NFC-normalises it (fast path as {@link toNfc}) and finds the first
 * control character. Returns the normalised text, or the index (a number) in `text` of the first control
 * character.
 */
export function toNfcWithoutControlChars(text: string): string | number {
  let trivial = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return i; // NFC never moves or creates an ASCII control character
    if (c >= 0x300 && (c < 0x1e00 || c > 0x1eff)) trivial = false;
  }
  return trivial ? text : text.normalize('NFC');
}
