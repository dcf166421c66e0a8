/**
 * The scans a scanner has finished and nobody has taken yet, and the callers waiting for one. Shared by the HID
 * driver and the simulated scanner, so both honour the {@link Scanner} contract (time-outs on the injected clock,
 * FIFO order, errors delivered in place of the scan they spoil) the same way.
 */
import type { Clock } from '../clock';
import type { ScanOutcome } from './report-decoder';
import { ScanTimeoutError, ScannerClosedError } from './scanner-errors';

const CLOSED = Symbol('closed');

interface Waiter {
  settle(outcome: ScanOutcome | Error | typeof CLOSED): void;
}

/** Finished scans in arrival order, and their consumers. */
export class ScanQueue {
  private readonly ready: ScanOutcome[] = [];
  private readonly waiters: Waiter[] = [];
  private fatal: Error | undefined;
  private closed = false;

  constructor(private readonly clock: Clock) {}

  /** Hands a finished scan to the oldest waiter, or keeps it for the next one. Ignored once closed. */
  deliver(outcome: ScanOutcome): void {
    if (this.closed || this.fatal !== undefined) return;
    const waiter = this.waiters.shift();
    if (waiter !== undefined) waiter.settle(outcome);
    else this.ready.push(outcome);
  }

  /**
   * The device failed for good (unplugged, read error): every waiter, now and later, gets `error` once the scans
   * already received are taken.
   */
  fail(error: Error): void {
    if (this.closed || this.fatal !== undefined) return;
    this.fatal = error;
    for (const waiter of this.waiters.splice(0)) waiter.settle(error);
  }

  /** Drops the scans not yet taken; returns how many. */
  discard(): number {
    return this.ready.splice(0).length;
  }

  /** Ends every wait: `next` rejects with ScannerClosedError, iterations end. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ready.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter.settle(CLOSED);
  }

  /** The next scan within `timeoutMs` (a finite, non-negative number of milliseconds on the clock). */
  async next(timeoutMs: number): Promise<string> {
    if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new RangeError(`scan time-out must be a finite number of ms >= 0, got ${timeoutMs}`);
    const text = await this.take(timeoutMs);
    if (text === CLOSED) throw new ScannerClosedError();
    return text;
  }

  /** Every scan until {@link close}; a garbled scan is thrown (iterate again to go on). */
  async *iterate(): AsyncGenerator<string, void, undefined> {
    for (;;) {
      const text = await this.take(undefined);
      if (text === CLOSED) return;
      yield text;
    }
  }

  private take(timeoutMs: number | undefined): Promise<string | typeof CLOSED> {
    if (this.closed) return Promise.resolve(CLOSED);
    const ready = this.ready.shift();
    if (ready !== undefined) return settled(ready);
    if (this.fatal !== undefined) return Promise.reject(this.fatal);
    return new Promise((resolve, reject) => {
      let timer: unknown;
      const waiter: Waiter = {
        settle: (outcome) => {
          if (timer !== undefined) this.clock.clearTimeout(timer);
          if (outcome === CLOSED) resolve(CLOSED);
          else if (outcome instanceof Error) reject(outcome);
          else settled(outcome).then(resolve, reject);
        },
      };
      if (timeoutMs !== undefined) {
        timer = this.clock.setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i < 0) return;
          this.waiters.splice(i, 1);
          reject(new ScanTimeoutError(timeoutMs));
        }, timeoutMs);
      }
      this.waiters.push(waiter);
    });
  }
}

function settled(outcome: ScanOutcome): Promise<string> {
  return outcome.ok ? Promise.resolve(outcome.text) : Promise.reject(outcome.error);
}
