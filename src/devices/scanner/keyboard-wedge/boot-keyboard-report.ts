/**
 * The HID boot keyboard input report (HID 1.11, appendix B.1): 8 bytes, modifier bits, a reserved byte, then up to
 * six usage codes of the keys held down (Keyboard/Keypad page 0x07). Keyboard-wedge scanners "type" through it.
 */
import { MalformedReportError } from '../scanner-errors';

/** Length of a boot keyboard report without report ID. */
export const BOOT_KEYBOARD_REPORT_LENGTH = 8;

/** Modifier bits of byte 0. */
export const MODIFIER = {
  leftCtrl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightCtrl: 0x10,
  rightShift: 0x20,
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;

/** Either Shift. */
export const ANY_SHIFT = MODIFIER.leftShift | MODIFIER.rightShift;
/** Either Alt (Right Alt is AltGr on other layouts; the US layout has no AltGr characters). */
export const ANY_ALT = MODIFIER.leftAlt | MODIFIER.rightAlt;
/** Ctrl or GUI, either side: with these held a key is a command, not text. */
export const ANY_CTRL_OR_GUI = MODIFIER.leftCtrl | MODIFIER.rightCtrl | MODIFIER.leftGui | MODIFIER.rightGui;

/** One parsed report. */
export type BootKeyboardReport =
  /** Keys held: the modifier byte and the non-zero usages, in report order. */
  | { readonly kind: 'keys'; readonly modifiers: number; readonly keys: readonly number[] }
  /**
   * ErrorRollOver / POSTFail / ErrorUndefined (usages 1-3) in the key array: the keyboard cannot tell which keys
   * are down. HID 1.11 says to ignore such a report and keep the previous state.
   */
  | { readonly kind: 'phantom' }
  /** A report with another report ID (the device's other reports, e.g. consumer keys): not ours. */
  | { readonly kind: 'other-report' };

/**
 * Parses one report. With `reportId`, the device uses numbered reports and the OS hands us 9 bytes, the ID first.
 * Throws {@link MalformedReportError} for a report of the wrong length.
 */
export function parseBootKeyboardReport(report: Uint8Array, reportId?: number): BootKeyboardReport {
  let body = report;
  if (reportId !== undefined) {
    if (report.length >= 1 && report[0] !== reportId) return { kind: 'other-report' };
    body = report.subarray(1);
  }
  if (body.length !== BOOT_KEYBOARD_REPORT_LENGTH) {
    throw new MalformedReportError(report, `a boot keyboard report has ${BOOT_KEYBOARD_REPORT_LENGTH} bytes${reportId === undefined ? '' : ' after its report ID'}, got ${body.length}`);
  }
  const keys: number[] = [];
  for (let i = 2; i < BOOT_KEYBOARD_REPORT_LENGTH; i++) {
    const usage = body[i] as number;
    if (usage === 0) continue;
    if (usage <= 0x03) return { kind: 'phantom' };
    keys.push(usage);
  }
  return { kind: 'keys', modifiers: body[0] as number, keys };
}
