/**
 * Vietnamese (and other Latin-script) text to MRZ name characters, after ICAO Doc 9303-3 (its MRZ rules for
 * names and punctuation in names, and section 6 on transliteration of Latin letters with diacritics).
 *
 * - Letters are uppercased and lose every diacritic: the Vietnamese vowel marks (ă â ê ô ơ ư) and all five
 *   tones, in precomposed or decomposed (NFD) form, so "ặ", "ừ", "ỡ" become A, U, O. Đ/đ (which Unicode
 *   does not decompose) becomes D.
 * - The Latin letters that Doc 9303-3 section 6 writes as two letters: Ä AE, Å AA, Æ AE, Ö OE, Ø OE, Ü UE,
 *   Œ OE, ß SS, Þ TH, Ĳ IJ; Ð (eth) D. Other accented Latin letters drop their accents (Ç C, Ñ N, Ł L ...).
 * - Spaces and hyphens separate name components and become one filler `<` (runs collapse to one `<`, so a
 *   stray double space cannot forge the `<<` that separates primary and secondary identifiers).
 * - Apostrophes are removed (D'Arc -> DARC).
 * - Everything else (digits, other punctuation, letters of other scripts, symbols) is removed: digits are
 *   not allowed in the name field, and `<` for an unknown character would read as a name break.
 *   {@link unmappedCharacters} lists what was removed so validation can warn.
 */

import { toNfc } from './nfc';

/** Multi-letter and non-decomposing mappings, keyed by the uppercase letter (Doc 9303-3 section 6). */
const SPECIAL: Readonly<Record<string, string>> = {
  Đ: 'D', // U+0110, Vietnamese; does not decompose under NFD
  Ð: 'D', // U+00D0, eth
  Ä: 'AE',
  Å: 'AA',
  Æ: 'AE',
  Ö: 'OE',
  Ø: 'OE',
  Ü: 'UE',
  Œ: 'OE',
  Þ: 'TH',
  Ĳ: 'IJ',
  Ł: 'L',
  Ħ: 'H',
  Ŧ: 'T',
};

/** Characters that separate name components: whitespace and the hyphen family. */
const SEPARATOR = /^[\s\-\u2010\u2011\u2012\u2013]$/;
/** Apostrophe-like characters, removed without a trace. */
const APOSTROPHE = /^['\u2018\u2019\u02BC`]$/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ONLY_A_TO_Z = /^[A-Z]+$/;

function isCombiningMark(code: number): boolean {
  return code >= 0x300 && code <= 0x36f;
}

/** Per-character results for non-ASCII input: Vietnamese text has a small alphabet, so this stays small. */
const cache = new Map<string, string>();

function mapNonAscii(ch: string): string {
  const cached = cache.get(ch);
  if (cached !== undefined) return cached;
  let result = '';
  if (!isCombiningMark(ch.charCodeAt(0))) {
    // toUpperCase may return two letters (ß -> SS), which is what Doc 9303 wants.
    const upper = ch.toUpperCase();
    const special = SPECIAL[upper];
    if (special !== undefined) result = special;
    else {
      const base = upper.normalize('NFD').replace(COMBINING_MARKS, '');
      if (ONLY_A_TO_Z.test(base)) result = base;
    }
  }
  // Bound the cache: a hostile input of many distinct symbols must not grow it without limit.
  if (cache.size < 4096) cache.set(ch, result);
  return result;
}

/**
 * The MRZ letters (A-Z) of one character (one code point): '' for separators, apostrophes, combining marks
 * and anything with no Latin transliteration.
 */
export function transliterateChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code < 128) {
    if (code >= 65 && code <= 90) return ch;
    if (code >= 97 && code <= 122) return String.fromCharCode(code - 32);
    return '';
  }
  return mapNonAscii(ch);
}

/** What the character at `i` of `text` is to a name; ASCII is decided without a regex (the common case). */
const enum Kind {
  Letter, // ASCII letter
  Separator,
  Apostrophe,
  Other,
}

function kindOf(text: string, i: number, code: number): Kind {
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return Kind.Letter;
  if (code === 32 || code === 45) return Kind.Separator;
  if (code === 39) return Kind.Apostrophe;
  const ch = text[i]!;
  if (SEPARATOR.test(ch)) return Kind.Separator;
  if (APOSTROPHE.test(ch)) return Kind.Apostrophe;
  return Kind.Other;
}

/** The code point starting at `i` as a string (two units for a surrogate pair). */
function codePointAt(text: string, i: number, code: number): string {
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? text.slice(i, i + 2) : text[i]!;
}

/**
 * Splits `text` into MRZ name components: separated by whitespace and hyphens, each transliterated to A-Z,
 * empty components dropped. "Nguyễn Thị Mai" -> ["NGUYEN", "THI", "MAI"]; "Lê-Anh" -> ["LE", "ANH"].
 */
export function toMrzNameComponents(text: string): string[] {
  // NFC first, so decomposed input maps through the same precomposed table; combining marks that remain
  // (on bases with no precomposed form) are dropped by transliterateChar.
  const nfc = toNfc(text);
  const components: string[] = [];
  let current = '';
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.charCodeAt(i);
    const kind = kindOf(nfc, i, code);
    if (kind === Kind.Letter) current += code >= 97 ? String.fromCharCode(code - 32) : nfc[i];
    else if (kind === Kind.Separator) {
      if (current !== '') components.push(current);
      current = '';
    } else if (kind === Kind.Other) {
      const ch = codePointAt(nfc, i, code);
      i += ch.length - 1;
      current += transliterateChar(ch);
    }
  }
  if (current !== '') components.push(current);
  return components;
}

/**
 * `text` in MRZ name characters: components (see {@link toMrzNameComponents}) joined by a single `<`.
 * "Nguyễn Thị Mai" -> "NGUYEN<THI<MAI". No padding, no primary/secondary split: that is mrz.ts's job.
 */
export function transliterate(text: string): string {
  return toMrzNameComponents(text).join('<');
}

/**
 * The distinct characters of `text` that the MRZ loses without a rule saying so: everything except letters
 * with a transliteration, separators, apostrophes and combining marks. For warnings ("the digit 2 is left
 * out of the MRZ"), in order of first appearance.
 */
export function unmappedCharacters(text: string): string[] {
  const nfc = toNfc(text);
  let lost: string[] | null = null;
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.charCodeAt(i);
    if (kindOf(nfc, i, code) !== Kind.Other || isCombiningMark(code)) continue;
    const ch = codePointAt(nfc, i, code);
    i += ch.length - 1;
    if (transliterateChar(ch) === '' && !(lost ??= []).includes(ch)) lost.push(ch);
  }
  return lost ?? [];
}
