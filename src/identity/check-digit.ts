/**
 * The ICAO Doc 9303-3 (section 4.9) check digit: each character gets a value (digits their value, A-Z
 * 10-35, the filler `<` 0), values are multiplied by the repeating weights 7, 3, 1 and summed; the check
 * digit is the sum modulo 10.
 */

const WEIGHTS = [7, 3, 1] as const;

/** The numeric value of one MRZ character, or -1 when `code` is not one of [0-9A-Z<]. */
function charValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 90) return code - 55; // A-Z -> 10-35
  if (code === 60) return 0; // <
  return -1;
}

/**
 * The check digit ('0'-'9') over `value`. Throws a RangeError naming the position of the first character
 * that is not an MRZ character; an empty value has check digit '0'.
 */
export function checkDigit(value: string): string {
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const v = charValue(value.charCodeAt(i));
    if (v < 0) {
      throw new RangeError(
        `check digit: character ${i + 1} (${JSON.stringify(value[i])}) is not an MRZ character [0-9A-Z<]`,
      );
    }
    sum += v * WEIGHTS[i % 3]!;
  }
  return String(sum % 10);
}

/** True when `digit` is the check digit of `value` (false, not an error, when `value` has bad characters). */
export function verifyCheckDigit(value: string, digit: string): boolean {
  try {
    return checkDigit(value) === digit;
  } catch {
    return false;
  }
}
