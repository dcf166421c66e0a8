/**
 * The HID scanner driver: input reports from a {@link HidReportSource}, decoded by a {@link ReportDecoder}
 * (keyboard wedge or HID POS), a scan ended by its terminator or by the inter-character gap measured on the
 * injected clock.
 */
import { type Clock, systemClock } from '../clock';
import type { HidReportSource } from './hid/hid-report-source';
import type { ReportDecoder } from './report-decoder';
import { ScanQueue } from './scan-queue';
import type { Scanner } from './scanner';

/**
 * Default inter-character gap: a scan in progress with no report for this long is over. Scanners send a symbol's
 * reports back to back (a few ms apart, tens of ms for a slow keyboard wedge), and a person cannot present the
 * next card within 200 ms.
 */
export const DEFAULT_SCAN_GAP_MS = 200;

/** Options of {@link HidScanner}. */
export interface HidScannerOptions {
  clock?: Clock;
  /** The inter-character gap that ends a scan (default {@link DEFAULT_SCAN_GAP_MS}). */
  gapMs?: number;
}

/** A scanner on a HID report stream. */
export class HidScanner implements Scanner {
  private readonly clock: Clock;
  private readonly gapMs: number;
  private readonly queue: ScanQueue;
  private gapTimer: unknown;
  private closed = false;

  constructor(
    private readonly source: HidReportSource,
    private readonly decoder: ReportDecoder,
    options: HidScannerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.gapMs = options.gapMs ?? DEFAULT_SCAN_GAP_MS;
    if (!Number.isFinite(this.gapMs) || this.gapMs <= 0) throw new RangeError(`scan gap must be a positive number of ms, got ${this.gapMs}`);
    this.queue = new ScanQueue(this.clock);
    source.start(
      (report) => this.onReport(report),
      (error) => this.onError(error),
    );
  }

  /** The device name, for messages. */
  get name(): string {
    return this.source.name;
  }

  scans(): AsyncIterable<string> {
    return this.queue.iterate();
  }

  nextScan(timeoutMs: number): Promise<string> {
    return this.queue.next(timeoutMs);
  }

  discardPending(): number {
    return this.queue.discard();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopGapTimer();
    this.queue.close();
    await this.source.close();
  }

  private onReport(report: Uint8Array): void {
    if (this.closed) return;
    for (const outcome of this.decoder.push(report)) this.queue.deliver(outcome);
    this.stopGapTimer();
    if (this.decoder.pending) this.gapTimer = this.clock.setTimeout(() => this.onGap(), this.gapMs);
  }

  private onGap(): void {
    this.gapTimer = undefined;
    if (this.closed) return;
    for (const outcome of this.decoder.flush(this.gapMs)) this.queue.deliver(outcome);
  }

  private onError(error: Error): void {
    if (this.closed) return;
    this.stopGapTimer();
    this.queue.fail(error);
  }

  private stopGapTimer(): void {
    if (this.gapTimer === undefined) return;
    this.clock.clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
  }
}
