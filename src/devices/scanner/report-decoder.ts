/**
 * What a report decoder is: a pure state machine from HID input reports to finished scans. Decoders know no time:
 * the driver tells them when the inter-character gap elapsed ({@link ReportDecoder.flush}), so they are tested
 * report by report without a clock.
 */
import type { ScannerError } from './scanner-errors';

/** A finished scan: its text, or the typed reason it cannot be trusted. */
export type ScanOutcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: ScannerError };

/** Turns a device's input reports into scans. */
export interface ReportDecoder {
  /** Feeds one input report (as the OS delivered it); returns the scans it completed, usually none or one. */
  push(report: Uint8Array): ScanOutcome[];
  /**
   * The inter-character gap elapsed with no report: ends the scan in progress. `gapMs` is only quoted in errors.
   */
  flush(gapMs: number): ScanOutcome[];
  /** True while a scan is in progress (data received, its end not yet seen). */
  readonly pending: boolean;
}
