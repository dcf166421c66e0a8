/**
 * What a keyboard-wedge scanner sends for a text: boot keyboard reports, one press and one release per key, as a
 * US keyboard would type it. Written from the HID usage tables independently of the driver's decoder, so the
 * round-trip tests compare two readings of the standard, not one table with itself.
 *
 * Like real scanners, it "types" what a US keyboard lacks in the ways scanners do: control characters as Ctrl
 * combinations, other characters (Vietnamese letters) as Alt + keypad decimal codes, or not at all (`drop`, the
 * scanner setting that silently loses them).
 */

/** How characters missing from the US layout are sent. */
export type UnmappableCharMode = 'alt-keypad' | 'drop';

/** Options of {@link keyboardWedgeReports}. */
export interface KeyboardWedgeReportOptions {
  /** Send Enter after the text (the usual scanner suffix). Default true. */
  enter?: boolean;
  /** Default 'alt-keypad'. */
  unmappable?: UnmappableCharMode;
  /** Prefix every report with this report ID (a keyboard interface with numbered reports). */
  reportId?: number;
}

const SHIFT = 0x02; // left shift
const CTRL = 0x01; // left ctrl
const ALT = 0x04; // left alt
const ENTER = 0x28;

/** Key positions of the US layout (HID Usage Tables, Keyboard/Keypad page 0x07): unshifted and shifted rows. */
const US_KEYS: ReadonlyArray<readonly [usage: number, plain: string, shifted: string]> = [
  ...[...'abcdefghijklmnopqrstuvwxyz'].map((c, i) => [0x04 + i, c, c.toUpperCase()] as const),
  [0x1e, '1', '!'],
  [0x1f, '2', '@'],
  [0x20, '3', '#'],
  [0x21, '4', '$'],
  [0x22, '5', '%'],
  [0x23, '6', '^'],
  [0x24, '7', '&'],
  [0x25, '8', '*'],
  [0x26, '9', '('],
  [0x27, '0', ')'],
  [0x2c, ' ', ''],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
  [0x2b, '\t', ''],
];

/** Keypad 1-9 are 0x59-0x61, keypad 0 is 0x62. */
function keypadUsage(digit: string): number {
  return digit === '0' ? 0x62 : 0x59 + Number(digit) - 1;
}

interface Stroke {
  modifiers: number;
  usage: number;
}

const BY_CHAR: ReadonlyMap<string, Stroke> = (() => {
  const map = new Map<string, Stroke>();
  for (const [usage, plain, shifted] of US_KEYS) {
    map.set(plain, { modifiers: 0, usage });
    if (shifted !== '') map.set(shifted, { modifiers: SHIFT, usage });
  }
  return map;
})();

/** The key stroke typing an ASCII control character: Ctrl + the key of (code + 0x40), as terminals read it. */
function controlStroke(code: number): Stroke | undefined {
  if (code === 0x7f) return { modifiers: 0, usage: 0x4c }; // Delete Forward: a key, not a character
  const partner = String.fromCharCode(code + 0x40).toLowerCase(); // 0x01 -> 'a', 0x1b -> '[', 0x00 -> '@'
  const base = BY_CHAR.get(partner);
  return base === undefined ? undefined : { modifiers: base.modifiers | CTRL, usage: base.usage };
}

/** The reports typing `text`. CR and LF are sent as Enter, so they end the scan there. */
export function keyboardWedgeReports(text: string, options: KeyboardWedgeReportOptions = {}): Uint8Array[] {
  const reports: Uint8Array[] = [];
  const report = (modifiers: number, usage: number) => {
    const body = [modifiers, 0, usage, 0, 0, 0, 0, 0];
    reports.push(Uint8Array.from(options.reportId === undefined ? body : [options.reportId, ...body]));
  };
  const stroke = (s: Stroke) => {
    report(s.modifiers, s.usage);
    report(0, 0);
  };
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    const direct = BY_CHAR.get(ch);
    if (direct !== undefined) stroke(direct);
    else if (ch === '\r' || ch === '\n') stroke({ modifiers: 0, usage: ENTER });
    else if (code < 0x20 || code === 0x7f) stroke(controlStroke(code) as Stroke);
    else if ((options.unmappable ?? 'alt-keypad') === 'alt-keypad') {
      // Alt down, the decimal code on the keypad with a leading 0 (Windows "Alt+0nnn"), Alt up.
      report(ALT, 0);
      for (const digit of `0${code}`) {
        report(ALT, keypadUsage(digit));
        report(ALT, 0);
      }
      report(0, 0);
    }
  }
  if (options.enter ?? true) stroke({ modifiers: 0, usage: ENTER });
  return reports;
}
