/**
 * The US keyboard layout as a keyboard-wedge decoder needs it: HID usage (Keyboard/Keypad page 0x07) and Shift to
 * the character typed. Source: HID Usage Tables 1.5, section 10, with the US legends. Only printable ASCII, Tab
 * and Enter exist here: that is the whole reach of a keyboard wedge on a US layout.
 */

/** What one key-down means on the US layout. */
export type KeyMeaning = { readonly kind: 'char'; readonly char: string } | { readonly kind: 'enter' };

/** Usage of Enter (Return): ends a scan. */
export const USAGE_ENTER = 0x28;
/** Usage of Keypad Enter: ends a scan like Enter. */
export const USAGE_KEYPAD_ENTER = 0x58;
/** Usage of Tab. */
export const USAGE_TAB = 0x2b;

/** Main-block keys other than letters and digits: usage -> [unshifted, shifted]. */
const PUNCTUATION: ReadonlyMap<number, readonly [string, string]> = new Map([
  [0x2c, [' ', ' ']],
  [0x2d, ['-', '_']],
  [0x2e, ['=', '+']],
  [0x2f, ['[', '{']],
  [0x30, [']', '}']],
  [0x31, ['\\', '|']],
  // 0x32 is "Non-US # and ~": absent from the US layout.
  [0x33, [';', ':']],
  [0x34, ["'", '"']],
  [0x35, ['`', '~']],
  [0x36, [',', '<']],
  [0x37, ['.', '>']],
  [0x38, ['/', '?']],
]);

/** Shifted digits 1-9, 0 (usages 0x1E-0x27). */
const SHIFTED_DIGITS = '!@#$%^&*()';

/**
 * Keypad keys that type a character with Num Lock on (scanners that "emulate the keypad" rely on it), usage ->
 * character. Their shifted forms are navigation keys, so Shift + keypad is not text.
 */
export const KEYPAD_CHARS: ReadonlyMap<number, string> = new Map([
  [0x54, '/'],
  [0x55, '*'],
  [0x56, '-'],
  [0x57, '+'],
  [0x59, '1'],
  [0x5a, '2'],
  [0x5b, '3'],
  [0x5c, '4'],
  [0x5d, '5'],
  [0x5e, '6'],
  [0x5f, '7'],
  [0x60, '8'],
  [0x61, '9'],
  [0x62, '0'],
  [0x63, '.'],
]);

/** The keypad digit of a usage (for Alt codes), or undefined. */
export function keypadDigit(usage: number): string | undefined {
  const c = KEYPAD_CHARS.get(usage);
  return c !== undefined && c >= '0' && c <= '9' ? c : undefined;
}

/** The meaning of a key-down on the US layout, or undefined when the key types no character there. */
export function usKeyMeaning(usage: number, shift: boolean): KeyMeaning | undefined {
  if (usage === USAGE_ENTER || usage === USAGE_KEYPAD_ENTER) return { kind: 'enter' };
  if (usage >= 0x04 && usage <= 0x1d) {
    const letter = String.fromCharCode(0x61 + usage - 0x04);
    return { kind: 'char', char: shift ? letter.toUpperCase() : letter };
  }
  if (usage >= 0x1e && usage <= 0x27) {
    const index = usage - 0x1e;
    return { kind: 'char', char: shift ? (SHIFTED_DIGITS[index] as string) : String((index + 1) % 10) };
  }
  if (usage === USAGE_TAB) return shift ? undefined : { kind: 'char', char: '\t' };
  const punct = PUNCTUATION.get(usage);
  if (punct !== undefined) return { kind: 'char', char: punct[shift ? 1 : 0] };
  const keypad = KEYPAD_CHARS.get(usage);
  if (keypad !== undefined && !shift) return { kind: 'char', char: keypad };
  return undefined;
}
