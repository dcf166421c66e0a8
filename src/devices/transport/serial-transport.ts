/**
 * A {@link ByteTransport} over a serial port through `serialport`: a real adapter (/dev/ttyUSB0) or one end of a
 * pty pair. `serialport` is loaded only when a port is opened, so commands that never touch a serial line do not
 * load its native binding.
 */
import { stat } from 'node:fs';
import type { SerialPort } from 'serialport';
import { type Clock, systemClock } from '../clock';
import { type ByteTransport, TransportClosedError, TransportSignals } from './byte-transport';
import { writeAllToFd } from './fd-writer';
import { SerialOpenError, classifySerialOpenFailure } from './serial-open-error';

/** Options of {@link SerialTransport.open}. */
export interface SerialTransportOptions {
  /** Line speed. Default 115200 (Evolis serial default; a pty ignores it). */
  baudRate?: number;
  /** How long opening may take before it counts as failed. Default 5000 ms. */
  openTimeoutMs?: number;
  /** Clock for the open time-out, write retries and the path watch. Default: the system clock. */
  clock?: Clock;
  /**
   * How often to check that the device path still exists, in ms; 0 turns the check off. Default 1000. See
   * {@link SerialTransport} for why.
   */
  watchPathMs?: number;
}

/** Defaults of {@link SerialTransportOptions}. */
export const SERIAL_DEFAULTS = { baudRate: 115_200, openTimeoutMs: 5_000, watchPathMs: 1_000 } as const;

/**
 * A serial port as a byte transport.
 *
 * The close signal also fires when the device path disappears (a USB adapter unplugged, socat gone with its pty
 * links), checked every `watchPathMs`: serialport alone misses some hang-ups. Its poller (bindings-cpp 13) restarts
 * libuv's poll with only the events last asked for, so the "disconnect" interest it registers at open is dropped as
 * soon as the read loop waits for "readable". Measured on a socat pty pair: when the other side went away right after
 * the port opened, the hang-up went unnoticed 7 times in 15 and the port looked open forever (0 in 15 when it had
 * been open for 50 ms).
 */
export class SerialTransport implements ByteTransport {
  private readonly signals = new TransportSignals();
  readonly name: string;
  /** Writes run one after another: a frame must never interleave with the next. */
  private writes: Promise<void> = Promise.resolve();

  private watchTimer: unknown;

  private constructor(
    readonly path: string,
    private readonly port: SerialPort,
    private readonly clock: Clock,
    watchPathMs: number,
  ) {
    this.name = `serial ${path}`;
    port.on('data', (chunk: Buffer) => this.signals.emitData(chunk));
    // serialport emits 'close' with a DisconnectedError when the device vanishes, without it after close().
    port.on('close', (err?: Error | null) => this.ended(err ?? undefined));
    // An 'error' event outside a write callback means the port is unusable (read failure on a pulled adapter).
    port.on('error', (err: Error) => {
      if (!port.isOpen) this.ended(err);
    });
    if (watchPathMs > 0) this.watchPath(watchPathMs);
  }

  private watchPath(everyMs: number): void {
    this.watchTimer = this.clock.setTimeout(() => {
      this.watchTimer = undefined;
      if (this.signals.closed) return;
      stat(this.path, (err) => {
        if (this.signals.closed) return;
        if (err?.code === 'ENOENT') {
          this.ended(new Error(`${this.path} disappeared`));
          if (this.port.isOpen) this.port.close(() => undefined);
        } else {
          this.watchPath(everyMs);
        }
      });
    }, everyMs);
  }

  private ended(error?: Error): void {
    if (this.watchTimer !== undefined) this.clock.clearTimeout(this.watchTimer);
    this.watchTimer = undefined;
    this.signals.emitClose(error);
  }

  /**
   * Opens `path`. Rejects with a {@link SerialOpenError} that names the path and the remedy: not found, permission
   * (the dialout group), busy (another program holds it), not a serial device, or no answer within the time-out.
   */
  static async open(path: string, options: SerialTransportOptions = {}): Promise<SerialTransport> {
    const clock = options.clock ?? systemClock;
    const timeoutMs = options.openTimeoutMs ?? SERIAL_DEFAULTS.openTimeoutMs;
    const { SerialPort } = await import('serialport');
    let port: SerialPort;
    try {
      port = new SerialPort({ path, baudRate: options.baudRate ?? SERIAL_DEFAULTS.baudRate, autoOpen: false });
    } catch (e) {
      // Bad arguments (an empty path, an impossible baud rate) throw synchronously.
      throw new SerialOpenError(path, 'other', (e as Error).message, { cause: e });
    }
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const timer = clock.setTimeout(() => {
        settled = true;
        reject(new SerialOpenError(path, 'timeout', undefined));
      }, timeoutMs);
      port.open((err) => {
        if (settled) {
          // Opened after we gave up: close it again so the device is not left held.
          if (!err) port.close(() => undefined);
          return;
        }
        settled = true;
        clock.clearTimeout(timer);
        if (err) reject(new SerialOpenError(path, classifySerialOpenFailure(err.message), err.message, { cause: err }));
        else resolve();
      });
    });
    return new SerialTransport(path, port, clock, options.watchPathMs ?? SERIAL_DEFAULTS.watchPathMs);
  }

  get isOpen(): boolean {
    return !this.signals.closed && this.port.isOpen;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new TransportClosedError(this.name));
    // A copy: the caller may reuse its array while ours still waits in the queue.
    const data = Buffer.from(bytes);
    const run = this.writes.then(() => this.writeNow(data));
    this.writes = run.catch(() => undefined);
    return run;
  }

  private writeNow(data: Buffer): Promise<void> {
    if (!this.isOpen) return Promise.reject(new TransportClosedError(this.name));
    // On Unix the binding exposes the descriptor: write to it directly (see fd-writer.ts for the poller bug this
    // avoids). Elsewhere (Windows), the stream's own write.
    const fd = (this.port.port as { fd?: number | null } | undefined)?.fd;
    if (typeof fd === 'number') return writeAllToFd(fd, data, this.clock, () => this.isOpen && (this.port.port as { fd?: number | null } | undefined)?.fd === fd);
    return new Promise((resolve, reject) => {
      this.port.write(data, (err) => (err ? reject(err) : resolve()));
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.signals.onData(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.signals.onClose(listener);
  }

  close(): Promise<void> {
    if (!this.port.isOpen) {
      this.ended();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.port.close(() => {
        this.ended();
        resolve();
      });
    });
  }
}
