/**
 * A simulated HID scanner device: a {@link HidReportSource} that delivers the reports it is handed, one every
 * `intervalMs` on the clock, so the real driver (HidScanner with either decoder) runs against it unchanged,
 * gap time-outs included.
 */
import { type Clock, systemClock } from '../../devices/clock';
import { HidDisconnectedError } from '../../devices/scanner/hid/hid-errors';
import type { HidReportSource } from '../../devices/scanner/hid/hid-report-source';

/** Options of {@link SimulatedHidDevice}. */
export interface SimulatedHidDeviceOptions {
  name?: string;
  clock?: Clock;
  /** Time between two reports (default 2 ms: a USB full-speed interrupt endpoint polled every 1-2 ms). */
  intervalMs?: number;
}

/** A HID device that sends what it is told to, on the clock. */
export class SimulatedHidDevice implements HidReportSource {
  readonly name: string;
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private onReport: ((report: Uint8Array) => void) | undefined;
  private onError: ((error: Error) => void) | undefined;
  private queue: Uint8Array[] = [];
  private timer: unknown;
  private closed = false;

  constructor(options: SimulatedHidDeviceOptions = {}) {
    this.name = options.name ?? 'simulated-hid';
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? 2;
  }

  start(onReport: (report: Uint8Array) => void, onError: (error: Error) => void): void {
    this.onReport = onReport;
    this.onError = onError;
  }

  /** Queues reports; the first goes out `intervalMs` after the previous one (or now, plus the interval). */
  send(reports: readonly Uint8Array[]): void {
    if (this.closed) return;
    this.queue.push(...reports.map((r) => Uint8Array.from(r)));
    if (this.timer === undefined) this.schedule();
  }

  /** Reports waiting to go out. */
  get backlog(): number {
    return this.queue.length;
  }

  /** The device goes away (unplugged): the reader gets a read error and nothing more. */
  unplug(): void {
    this.dropQueue();
    this.closed = true;
    this.onError?.(new HidDisconnectedError(this.name));
  }

  async close(): Promise<void> {
    this.dropQueue();
    this.closed = true;
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      const next = this.queue.shift();
      if (next === undefined || this.closed) return;
      this.onReport?.(next);
      if (this.queue.length > 0) this.schedule();
    }, this.intervalMs);
  }

  private dropQueue(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }
}
