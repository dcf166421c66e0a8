/**
 * One connection to the PC/SC daemon through pcsclite: the readers it reports, daemon failures, and a clean
 * shutdown. pcsclite runs native watcher threads that keep Node's event loop alive, so every context must be
 * closed ({@link PcscContext.close}) for the process to exit.
 */
import { type PcscLite, type PcscLiteFactory, type PcscLiteReader, loadPcscLite } from './pcsclite-binding';
import { PcscUnavailableError, ReaderNotFoundError } from './pcsc-errors';
import { SCARD, errorMessage, pcscResultCode } from './pcsc-result-codes';
import { ReaderSlot } from './reader-slot';

/** Options of {@link PcscContext.open}. */
export interface PcscContextOptions {
  /** The pcsclite factory; default the lazily loaded `pcsclite` package. Tests pass a fake. */
  pcsclite?: PcscLiteFactory;
}

/** Default time to wait for pcsclite's first report of the readers. */
export const DEFAULT_READER_DISCOVERY_MS = 2000;

/** Default time {@link PcscContext.close} waits for running card operations before giving up on them. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 3000;

/** A live PC/SC context. */
export class PcscContext {
  private readonly slots = new Map<string, ReaderSlot>();
  private readonly listeners = new Set<() => void>();
  private firstReport = false;
  private failure: PcscUnavailableError | undefined;
  private closed = false;

  private constructor(private readonly native: PcscLite) {
    native.on('reader', (reader) => this.onReader(reader));
    // Kept for the whole life of the object: pcsclite also reports "Command cancelled" after close().
    native.on('error', (error) => this.onError(error));
  }

  /**
   * Opens a context. Throws `PcscNotInstalledError` when pcsclite cannot be loaded and
   * {@link PcscUnavailableError} when pcscd is not running (pcsclite establishes the context synchronously).
   */
  static open(options: PcscContextOptions = {}): PcscContext {
    const factory = options.pcsclite ?? loadPcscLite();
    let native: PcscLite;
    try {
      native = factory();
    } catch (e) {
      throw new PcscUnavailableError(describe(e), { cause: e });
    }
    return new PcscContext(native);
  }

  /** Names of the readers currently known. */
  readerNames(): string[] {
    return [...this.slots.values()].filter((s) => !s.gone).map((s) => s.name);
  }

  /** The daemon failure, once pcsclite reported one. */
  get error(): PcscUnavailableError | undefined {
    return this.failure;
  }

  /** @internal The slot of a reader, for the reader and connection classes. */
  slot(name: string): ReaderSlot | undefined {
    const s = this.slots.get(name);
    return s === undefined || s.gone ? undefined : s;
  }

  /**
   * Resolves once pcsclite has reported the readers present at start (they arrive together), or after
   * `timeoutMs` (then no reader exists: pcsclite says nothing when there is none). Rejects with
   * {@link PcscUnavailableError} when the daemon fails first.
   */
  whenReadersKnown(timeoutMs: number = DEFAULT_READER_DISCOVERY_MS): Promise<void> {
    return this.waitUntil(() => this.firstReport, timeoutMs).then(() => undefined);
  }

  /**
   * The reader named `name`, waiting up to `timeoutMs` for it to appear. Rejects with
   * {@link ReaderNotFoundError} listing the readers present, or {@link PcscUnavailableError}.
   */
  async waitForReader(name: string, timeoutMs: number = DEFAULT_READER_DISCOVERY_MS): Promise<ReaderSlot> {
    const found = await this.waitUntil(() => this.slot(name) !== undefined, timeoutMs);
    const slot = this.slot(name);
    if (!found || slot === undefined) throw new ReaderNotFoundError(name, this.readerNames(), timeoutMs);
    return slot;
  }

  /**
   * Stops pcsclite's watchers. Card operations still running get up to `timeoutMs` to finish (closing a
   * reader while one runs would block the event loop); a reader whose operation is stuck beyond that is
   * closed when the operation ends. Idempotent.
   */
  async close(timeoutMs: number = DEFAULT_CLOSE_TIMEOUT_MS): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.native.removeAllListeners('reader');
    try {
      this.native.close();
    } catch {
      // The watcher thread already ended (daemon failure): nothing to stop.
    }
    await Promise.all([...this.slots.values()].map((s) => s.close(timeoutMs)));
    this.notify();
  }

  /** True after {@link close}. */
  get isClosed(): boolean {
    return this.closed;
  }

  private onReader(reader: PcscLiteReader): void {
    const slot = new ReaderSlot(reader);
    if (this.failure !== undefined) slot.markDaemonDown();
    this.slots.set(reader.name, slot);
    if (!this.firstReport) {
      // pcsclite emits the readers of one report synchronously, one after the other: the report is complete
      // once the current turn of the event loop is over.
      setImmediate(() => {
        this.firstReport = true;
        this.notify();
      });
    }
    this.notify();
  }

  private onError(error: unknown): void {
    if (this.closed) return;
    if (pcscResultCode(error) === SCARD.E_CANCELLED) return;
    this.failure = new PcscUnavailableError(describe(error), { cause: error });
    for (const s of this.slots.values()) s.markDaemonDown();
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves true when `ready()` holds, false on time-out; rejects when the daemon fails or the context closes. */
  private waitUntil(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const check = (): boolean => {
        if (this.failure !== undefined) {
          finish();
          reject(this.failure);
          return true;
        }
        if (ready()) {
          finish();
          resolve(true);
          return true;
        }
        if (this.closed) {
          finish();
          resolve(false);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        resolve(false);
      }, timeoutMs);
      const listener = () => void check();
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
      check();
    });
  }
}

function describe(e: unknown): string {
  return errorMessage(e);
}
