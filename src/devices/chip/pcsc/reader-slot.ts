/**
 * What the driver knows about one reader pcsclite reported: its last state and ATR from the status watcher,
 * whether it is gone, and which native operations are running on it. Card events are derived here from
 * state changes (SCARD_STATE_PRESENT appearing or disappearing), so every user of the reader sees the same
 * sequence.
 *
 * Operations are tracked because pcsclite's `reader.close()` takes the same mutex as connect, transmit and
 * disconnect: closing while a command waits on a slow card would block the whole event loop. The slot
 * closes the native reader only once it is idle.
 */
import type { PcscLiteReader } from './pcsclite-binding';
import { decodeReaderState, type ReaderState } from './reader-state';

/** A card event on a reader. */
export type PcscCardEvent =
  /** A card is in the reader (also sent for a card already there when the reader was first seen). */
  | { kind: 'card-inserted'; readerName: string; atr: Uint8Array; mute: boolean }
  /** The card left the reader. */
  | { kind: 'card-removed'; readerName: string }
  /** The reader itself went away (unplugged, driver stopped, pcscd stopped). */
  | { kind: 'reader-gone'; readerName: string };

/** Everything a slot tells its listeners: card events, and every state report (for waiters). */
export type SlotEvent = PcscCardEvent | { kind: 'state' } | { kind: 'daemon-down' };

/** Internal bookkeeping for one reader. */
export class ReaderSlot {
  /** The last reported state word, undefined until the status watcher reported once. */
  private stateWord: number | undefined;
  private lastAtr: Uint8Array = new Uint8Array(0);
  private readerGone = false;
  private closing = false;
  private closed = false;
  private running = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly listeners = new Set<(e: SlotEvent) => void>();
  /** Set by the context when pcscd failed. */
  daemonDown = false;

  constructor(readonly native: PcscLiteReader) {
    native.on('status', (status) => this.onStatus(status.state, status.atr));
    native.on('end', () => this.onEnd());
    // pcsclite emits 'error' when the status watcher fails; without a listener EventEmitter would throw.
    // The watcher ends right after ('end'), which is what marks the reader gone.
    native.on('error', () => undefined);
  }

  get name(): string {
    return this.native.name;
  }

  /** The decoded last state, undefined before the first report. */
  get state(): ReaderState | undefined {
    return this.stateWord === undefined ? undefined : decodeReaderState(this.stateWord);
  }

  /** ATR of the card present, as reported with the state. */
  get atr(): Uint8Array {
    return this.lastAtr;
  }

  /** The reader went away, or its state says it is unknown/unavailable. */
  get gone(): boolean {
    return this.readerGone || this.state?.unavailable === true;
  }

  /** Subscribes to the slot's events; returns the unsubscribe function. */
  subscribe(listener: (e: SlotEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Marks the daemon down and wakes every waiter. */
  markDaemonDown(): void {
    this.daemonDown = true;
    this.emit({ kind: 'daemon-down' });
  }

  /** Runs a native operation, counted so that close waits for it. */
  track<T>(operation: Promise<T>): Promise<T> {
    this.running++;
    const done = () => {
      this.running--;
      if (this.running === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
      if (this.running === 0 && this.closing) this.closeNative();
    };
    operation.then(done, done);
    return operation;
  }

  /** True while a native operation is running. */
  get busy(): boolean {
    return this.running > 0;
  }

  /**
   * Stops the status watcher (so the process can exit) as soon as no native operation runs. Resolves true
   * when the reader was closed within `timeoutMs`, false when an operation is still stuck (the reader is
   * then closed when that operation ends).
   */
  close(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    if (this.running === 0) {
      this.closeNative();
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private closeNative(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.native.close();
    } catch {
      // Already closed by pcsclite itself (reader removed): nothing left to stop.
    }
  }

  private emit(e: SlotEvent): void {
    for (const listener of [...this.listeners]) listener(e);
  }

  private onStatus(state: number, atr: Buffer | undefined): void {
    const before = this.state;
    this.stateWord = state;
    const after = decodeReaderState(state);
    if (atr !== undefined && atr.length > 0) this.lastAtr = new Uint8Array(atr);
    else if (!after.present) this.lastAtr = new Uint8Array(0);
    this.emit({ kind: 'state' });
    const wasPresent = before?.present ?? false;
    if (after.present && (!wasPresent || before?.mute !== after.mute)) {
      this.emit({ kind: 'card-inserted', readerName: this.name, atr: this.lastAtr.slice(), mute: after.mute });
    } else if (!after.present && wasPresent) {
      this.emit({ kind: 'card-removed', readerName: this.name });
    }
  }

  private onEnd(): void {
    if (this.closing) return;
    const hadCard = this.state?.present ?? false;
    this.readerGone = true;
    this.closed = true; // pcsclite's watcher is over: nothing to close any more
    if (hadCard) this.emit({ kind: 'card-removed', readerName: this.name });
    this.emit({ kind: 'reader-gone', readerName: this.name });
  }
}
