/**
 * The scanner interface every QR/barcode reader of the line implements: the HID driver (hid-scanner.ts) and the
 * simulated scanner (simulators/scanner) alike, so a QC station cannot tell them apart.
 */

/** A QR/barcode scanner: a stream of decoded symbols. */
export interface Scanner {
  /**
   * Every scan from now on, in order, until {@link Scanner.close}. A scan that arrived garbled (see the
   * `ScannerError` subclasses) is thrown out of the iteration; the scanner stays open, so the caller may log it
   * and iterate again. Waits without a time-out: it is a subscription, ended by `close()`. Stations waiting for
   * one card's code use {@link Scanner.nextScan}.
   */
  scans(): AsyncIterable<string>;
  /**
   * The next scan: one already received and not yet taken, or the next to arrive within `timeoutMs`. Rejects with
   * `ScanTimeoutError` when none arrives in time, with the scan's own error when it arrived garbled, and with
   * `ScannerClosedError` after `close()`.
   */
  nextScan(timeoutMs: number): Promise<string>;
  /**
   * Drops the scans received but not yet taken, and returns how many. A station calls it before a new card
   * arrives, so a late scan of the previous card can never be taken for the new one.
   */
  discardPending(): number;
  /**
   * Reads now, for scanners with a software trigger (a serial command, a simulated camera); scanners without one
   * read cards as they are presented. A QC station triggers after discarding pending scans, so a card that was
   * already in front of the scanner when the station started (after a restart) is read all the same.
   */
  trigger?(): Promise<unknown>;
  /** Stops reading and releases the device. Idempotent. */
  close(): Promise<void>;
}
