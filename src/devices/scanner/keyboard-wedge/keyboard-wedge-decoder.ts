/**
 * Keyboard-wedge decoding: boot keyboard reports -> key-down edges -> US-layout characters -> scans ended by Enter
 * or by the inter-character gap.
 *
 * A keyboard wedge can only send what a US keyboard can type. Anything else (the Vietnamese letters of a QR
 * payload, control characters) reaches us as keys with no character, Ctrl/Alt combinations or Alt + keypad codes;
 * such a scan becomes an {@link UndecodableScanError} carrying the text with U+FFFD in place of each, never a
 * string with the letters silently missing.
 */
import type { ReportDecoder, ScanOutcome } from '../report-decoder';
import { MalformedReportError, UndecodableScanError, type UndecodableKey } from '../scanner-errors';
import { ANY_ALT, ANY_CTRL_OR_GUI, ANY_SHIFT, parseBootKeyboardReport } from './boot-keyboard-report';
import { keypadDigit, usKeyMeaning } from './us-layout';

/** The character put in a scan's text for each key that has none. */
export const REPLACEMENT_CHAR = '\uFFFD';

/** Options of {@link KeyboardWedgeDecoder}. */
export interface KeyboardWedgeDecoderOptions {
  /** The report ID, when the scanner's keyboard interface uses numbered reports (9-byte reports). */
  reportId?: number;
}

/** Decodes a keyboard-wedge scanner's boot keyboard reports. Pure: no clock, no I/O. */
export class KeyboardWedgeDecoder implements ReportDecoder {
  private held = new Set<number>();
  private chars: string[] = [];
  private issues: UndecodableKey[] = [];
  /** Keypad digits typed while Alt is held, until Alt is released: one Alt code. */
  private altDigits: string | undefined;

  constructor(private readonly options: KeyboardWedgeDecoderOptions = {}) {}

  get pending(): boolean {
    return this.chars.length > 0 || this.issues.length > 0 || this.altDigits !== undefined;
  }

  push(report: Uint8Array): ScanOutcome[] {
    let parsed;
    try {
      parsed = parseBootKeyboardReport(report, this.options.reportId);
    } catch (e) {
      if (!(e instanceof MalformedReportError)) throw e;
      // The scan in progress cannot be trusted any more: report the bad report, drop what was typed so far.
      this.reset();
      return [{ ok: false, error: e }];
    }
    if (parsed.kind !== 'keys') return [];
    const out: ScanOutcome[] = [];
    const { modifiers, keys } = parsed;
    const alt = (modifiers & ANY_ALT) !== 0;
    if (!alt) this.closeAltCode();
    for (const usage of keys) {
      if (this.held.has(usage)) continue; // still held from the previous report: not a new key-down
      this.keyDown(usage, modifiers, out);
    }
    this.held = new Set(keys);
    return out;
  }

  flush(): ScanOutcome[] {
    this.closeAltCode();
    this.held.clear();
    return this.endScan();
  }

  private keyDown(usage: number, modifiers: number, out: ScanOutcome[]): void {
    const alt = (modifiers & ANY_ALT) !== 0;
    const ctrlOrGui = (modifiers & ANY_CTRL_OR_GUI) !== 0;
    if (alt && !ctrlOrGui) {
      const digit = keypadDigit(usage);
      if (digit !== undefined) {
        this.altDigits = (this.altDigits ?? '') + digit;
        return;
      }
    }
    this.closeAltCode();
    if (alt || ctrlOrGui) {
      this.undecodable({ kind: 'modified-key', position: this.chars.length, usage, modifiers });
      return;
    }
    const meaning = usKeyMeaning(usage, (modifiers & ANY_SHIFT) !== 0);
    if (meaning === undefined) {
      this.undecodable({ kind: 'unmapped-key', position: this.chars.length, usage, modifiers });
    } else if (meaning.kind === 'enter') {
      out.push(...this.endScan());
    } else {
      this.chars.push(meaning.char);
    }
  }

  private closeAltCode(): void {
    if (this.altDigits === undefined) return;
    const digits = this.altDigits;
    this.altDigits = undefined;
    this.undecodable({ kind: 'alt-code', position: this.chars.length, digits });
  }

  private undecodable(key: UndecodableKey): void {
    this.issues.push(key);
    this.chars.push(REPLACEMENT_CHAR);
  }

  /** Ends the scan in progress. Enter with nothing typed before it is no scan (a scanner never sends one). */
  private endScan(): ScanOutcome[] {
    if (this.chars.length === 0) return [];
    const text = this.chars.join('');
    const issues = this.issues;
    this.chars = [];
    this.issues = [];
    return issues.length === 0 ? [{ ok: true, text }] : [{ ok: false, error: new UndecodableScanError(text, issues) }];
  }

  private reset(): void {
    this.held.clear();
    this.chars = [];
    this.issues = [];
    this.altDigits = undefined;
  }
}
