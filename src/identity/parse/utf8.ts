/**
 * Strict UTF-8 decoding for record text. The fatal decoder rejects what a lenient one would silently turn
 * into U+FFFD: a replacement character in a name or an ID number would be printed on a card.
 */

// One decoder for the whole process: TextDecoder without `stream` keeps no state between calls.
const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The decoded text, or the byte offset of the first invalid sequence. */
export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number };

/** Decodes `bytes` as UTF-8, failing on any invalid or truncated sequence. */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: STRICT.decode(bytes) };
  } catch {
    return { ok: false, offset: Math.max(0, findInvalidUtf8(bytes)) };
  }
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence (a stray continuation byte, a bad lead byte,
 * an overlong form, a surrogate, a code point above U+10FFFF, or a sequence cut short), or -1 when `bytes` is
 * valid UTF-8. Follows the well-formed byte sequences table of the Unicode Standard (chapter 3, table 3-7).
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i; // cut short by the end of the input
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}
