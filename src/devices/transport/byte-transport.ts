/**
 * The byte transport under a serial-line device driver: bytes out, bytes in, and a signal when the line goes
 * away. The printer driver and the printer simulator only ever see this interface, so the same code runs over
 * a real serial port, a pty pair from socat, or an in-memory link under a virtual clock (DESIGN.md principle 3).
 */

/** A full-duplex byte link. */
export interface ByteTransport {
  /** What the link is, for messages: `serial /dev/ttyUSB0`, `memory:host`. */
  readonly name: string;
  /** False once the link is closed (by either side or by an error). */
  readonly isOpen: boolean;
  /**
   * Sends bytes. Resolves when the transport has taken them (handed to the OS for a serial port), not when the
   * peer has read them. Rejects with {@link TransportClosedError} on a closed link, or the transport's error.
   * The caller may reuse `bytes` once the promise exists: transports copy what they keep.
   */
  write(bytes: Uint8Array): Promise<void>;
  /** Subscribes to incoming bytes; chunks arrive in order but split and merged arbitrarily. Returns an unsubscribe. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /**
   * Subscribes to the end of the link. `error` is set when the link ended because of a failure (a USB adapter
   * pulled out), undefined after an orderly {@link close}. Called once; a listener added after the link closed
   * is called at once (on a microtask). Returns an unsubscribe.
   */
  onClose(listener: (error?: Error) => void): () => void;
  /** Closes the link; resolves when it is closed. Closing twice is harmless. */
  close(): Promise<void>;
}

/** A write on a link that is closed. */
export class TransportClosedError extends Error {
  override name = 'TransportClosedError';
  constructor(readonly transport: string) {
    super(`${transport} is closed`);
  }
}

/**
 * The listener bookkeeping every transport needs: data and close subscribers, and the once-only close signal.
 * Kept here so the two transports cannot drift apart in how they notify.
 */
export class TransportSignals {
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private closedWith: { error?: Error } | undefined;

  /** True once {@link emitClose} ran. */
  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** See {@link ByteTransport.onData}. */
  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /** See {@link ByteTransport.onClose}. */
  onClose(listener: (error?: Error) => void): () => void {
    const closedWith = this.closedWith;
    if (closedWith !== undefined) {
      queueMicrotask(() => listener(closedWith.error));
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Hands a chunk to every data listener (listeners must not throw: the driver's and the simulator's never do). */
  emitData(chunk: Uint8Array): void {
    for (const l of [...this.dataListeners]) l(chunk);
  }

  /** Signals the end of the link once; later calls do nothing. */
  emitClose(error?: Error): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = { error };
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    this.dataListeners.clear();
    for (const l of listeners) l(error);
  }
}
