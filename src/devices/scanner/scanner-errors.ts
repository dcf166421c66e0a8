/**
 * The typed failures of a scanner. A garbled scan is never turned into a plausible string: the station gets one of
 * these with the raw bytes or keys, so a QC log shows what the device actually sent (DESIGN.md principle 6).
 */

/** Hex of some bytes, for messages (first 64 bytes, then an ellipsis). */
export function hexPreview(bytes: Uint8Array, max = 64): string {
  const hex = Buffer.from(bytes.subarray(0, max)).toString('hex').toUpperCase();
  return bytes.length > max ? `${hex}... (${bytes.length} bytes)` : hex;
}

/** Base class of every scanner failure. */
export class ScannerError extends Error {
  override name = 'ScannerError';
}

/** No scan arrived within the time asked for. */
export class ScanTimeoutError extends ScannerError {
  override name = 'ScanTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no scan within ${timeoutMs} ms`);
  }
}

/** The scanner was closed while a caller was waiting, or was used after closing. */
export class ScannerClosedError extends ScannerError {
  override name = 'ScannerClosedError';
  constructor() {
    super('the scanner is closed');
  }
}

/** One key of a keyboard-wedge scan that stands for no character of the US layout. */
export type UndecodableKey =
  /** A key with no character on a US keyboard (Non-US #, F-keys, arrows, Caps Lock, ...). */
  | { readonly kind: 'unmapped-key'; readonly position: number; readonly usage: number; readonly modifiers: number }
  /** A key pressed with Ctrl, Alt or GUI held: a command or a control character, not text. */
  | { readonly kind: 'modified-key'; readonly position: number; readonly usage: number; readonly modifiers: number }
  /**
   * An Alt + keypad-digits sequence: how scanners "type" characters missing from the keyboard layout (Windows Alt
   * codes). Its meaning depends on the host's code page, so it cannot be decoded here.
   */
  | { readonly kind: 'alt-code'; readonly position: number; readonly digits: string };

/**
 * A keyboard-wedge scan held keys that are no US-layout character: typically the Vietnamese letters of a QR
 * payload, which no US keyboard has. `text` is the scan with U+FFFD in place of each such key, so nothing is
 * silently dropped; use HID POS mode for such codes (SCANNER.md).
 */
export class UndecodableScanError extends ScannerError {
  override name = 'UndecodableScanError';
  constructor(
    /** The scan, with U+FFFD at each undecodable key. */
    readonly text: string,
    readonly keys: readonly UndecodableKey[],
  ) {
    super(
      `keyboard-wedge scan holds ${keys.length} key(s) with no US-layout character ` +
        `(first at position ${keys[0]?.position ?? 0}); a keyboard wedge cannot carry non-ASCII text: use HID POS mode`,
    );
  }
}

/** A HID POS scan whose bytes are not UTF-8. */
export class InvalidUtf8ScanError extends ScannerError {
  override name = 'InvalidUtf8ScanError';
  constructor(
    readonly bytes: Uint8Array,
    /** The AIM symbology identifier the scanner reported, e.g. "]Q1", when it reported one. */
    readonly symbology?: string,
  ) {
    super(`scan is not valid UTF-8: ${hexPreview(bytes)}`);
  }
}

/** An input report that does not have the layout the decoder was configured for. */
export class MalformedReportError extends ScannerError {
  override name = 'MalformedReportError';
  constructor(
    readonly report: Uint8Array,
    readonly reason: string,
  ) {
    super(`malformed scanner report (${reason}): ${hexPreview(report)}`);
  }
}

/** A HID POS scan announced more data ("continued") but the next report never came within the gap. */
export class ScanTruncatedError extends ScannerError {
  override name = 'ScanTruncatedError';
  constructor(
    /** The bytes received before the gap. */
    readonly bytes: Uint8Array,
    readonly gapMs: number,
  ) {
    super(`scan truncated: more data was announced but none came within ${gapMs} ms (${bytes.length} bytes received)`);
  }
}
