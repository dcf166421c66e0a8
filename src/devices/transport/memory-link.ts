/**
 * An in-memory duplex link: two {@link ByteTransport} ends wired to each other, for tests and virtual-time runs.
 * The driver cannot tell it from a serial port: bytes arrive asynchronously, in order, possibly split into small
 * chunks (`chunkSize`), and late by `latencyMs` on the injected clock.
 *
 * Without latency, delivery happens on a microtask rather than a timer: a virtual clock moves time only when the
 * program is idle, and a microtask always runs before that, so a command and its reply never let virtual time
 * jump past a time-out they did not deserve.
 */
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { type ByteTransport, TransportClosedError, TransportSignals } from './byte-transport';

/** Options of {@link createMemoryLink}. */
export interface MemoryLinkOptions {
  /** Clock for the latency. Default: the system clock. */
  clock?: Clock;
  /** Time each write takes to reach the other end, in ms. Default 0 (next microtask). */
  latencyMs?: number;
  /** Split every write into chunks of at most this many bytes, as a serial driver might. Default: whole writes. */
  chunkSize?: number;
  /** Names of the two ends, for messages. Default `memory:a` and `memory:b`. */
  names?: readonly [string, string];
}

interface Delivery {
  at: number;
  chunk: Uint8Array;
}

/** One end of a memory link. */
export class MemoryTransport implements ByteTransport {
  private readonly signals = new TransportSignals();
  private peer!: MemoryTransport;
  /** Chunks on their way to this end, in order of arrival time. */
  private readonly inbound: Delivery[] = [];
  private timer: unknown;
  private microtaskQueued = false;
  private lastArrival = 0;

  /** @internal use {@link createMemoryLink} */
  constructor(
    readonly name: string,
    private readonly clock: Clock,
    private readonly latencyMs: number,
    private readonly chunkSize: number,
  ) {}

  /** @internal */
  connect(peer: MemoryTransport): void {
    this.peer = peer;
  }

  get isOpen(): boolean {
    return !this.signals.closed;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.signals.closed) return Promise.reject(new TransportClosedError(this.name));
    for (let i = 0; i < bytes.length; i += this.chunkSize) {
      // A copy (new Uint8Array of a view), not bytes.slice: Buffer.slice is a view, and the caller may reuse its buffer.
      this.peer.receive(new Uint8Array(bytes.subarray(i, Math.min(bytes.length, i + this.chunkSize))));
    }
    return Promise.resolve();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.signals.onData(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.signals.onClose(listener);
  }

  /** Closes both ends, as hanging up a line does. Bytes still in flight are lost. */
  close(): Promise<void> {
    this.shutDown();
    this.peer.shutDown();
    return Promise.resolve();
  }

  private shutDown(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.inbound.length = 0;
    this.signals.emitClose();
  }

  private receive(chunk: Uint8Array): void {
    if (this.signals.closed) return;
    // Arrival times never go backwards, so a later write can never overtake an earlier one.
    const at = Math.max(this.clock.now() + this.latencyMs, this.lastArrival);
    this.lastArrival = at;
    this.inbound.push({ at, chunk });
    if (this.latencyMs <= 0) {
      if (!this.microtaskQueued) {
        this.microtaskQueued = true;
        queueMicrotask(() => {
          this.microtaskQueued = false;
          this.deliverDue(Number.POSITIVE_INFINITY);
        });
      }
    } else if (this.timer === undefined) {
      this.armTimer();
    }
  }

  private armTimer(): void {
    const next = this.inbound[0];
    if (next === undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.deliverDue(this.clock.now());
      this.armTimer();
    }, Math.max(0, next.at - this.clock.now()));
  }

  private deliverDue(now: number): void {
    while (this.inbound.length > 0 && this.inbound[0]!.at <= now && !this.signals.closed) {
      this.signals.emitData(this.inbound.shift()!.chunk);
    }
  }
}

/**
 * Two connected ends: what one writes, the other receives. Either end closing closes both.
 * @throws RangeError for a negative latency or a chunk size below 1
 */
export function createMemoryLink(options: MemoryLinkOptions = {}): [MemoryTransport, MemoryTransport] {
  const latency = options.latencyMs ?? 0;
  const chunkSize = options.chunkSize ?? Number.POSITIVE_INFINITY;
  if (!(latency >= 0)) throw new RangeError(`latencyMs must be >= 0, got ${latency}`);
  if (!(chunkSize >= 1)) throw new RangeError(`chunkSize must be >= 1, got ${chunkSize}`);
  const clock = options.clock ?? systemClock;
  const [nameA, nameB] = options.names ?? ['memory:a', 'memory:b'];
  const a = new MemoryTransport(nameA, clock, latency, chunkSize);
  const b = new MemoryTransport(nameB, clock, latency, chunkSize);
  a.connect(b);
  b.connect(a);
  return [a, b];
}
