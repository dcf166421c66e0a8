/**
 * A scriptable stand-in for the pcsclite binding: the same events ('reader', 'status', 'end', 'error') and
 * callbacks, driven by the test. Errors carry pcsc-lite's message format, "<call> error: <text>.(0x8010....)".
 */
import { EventEmitter } from 'node:events';
import type { PcscCallback, PcscLite, PcscLiteReader } from '../../../../src/devices/chip/pcsc/pcsclite-binding';
import { SCARD_STATE } from '../../../../src/devices/chip/pcsc/reader-state';

/** An Error as pcsclite makes it. */
export function pcscError(call: string, code: number, text = 'failure'): Error {
  return new Error(`${call} error: ${text}.(0x${code.toString(16)})`);
}

/** What a fake transmit does: answer bytes, fail, or never answer (until `release`d). */
export type TransmitBehaviour = Uint8Array | Error | 'hang';

/** A fake reader. Transmit answers come from `respond`, by default 90 00. */
export class FakeReader extends EventEmitter implements PcscLiteReader {
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  readonly SCARD_UNPOWER_CARD = 2;
  connected = false;
  closed = false;
  /** Calls made, for assertions. */
  readonly calls: string[] = [];
  readonly transmitted: Buffer[] = [];
  connectResult: { error?: Error; protocol?: number } | 'hang' = { protocol: 2 };
  respond: (apdu: Buffer) => TransmitBehaviour = () => Uint8Array.of(0x90, 0x00);
  private hung: ((response: Uint8Array) => void)[] = [];

  constructor(readonly name: string) {
    super();
  }

  /** Reports a state (as pcsclite's status watcher does). */
  status(state: number, atr?: Uint8Array): void {
    this.emit('status', atr === undefined ? { state } : { state, atr: Buffer.from(atr) });
  }

  insert(atr: Uint8Array = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01), extra = 0): void {
    this.status(SCARD_STATE.PRESENT | SCARD_STATE.CHANGED | extra, atr);
  }

  remove(): void {
    this.status(SCARD_STATE.EMPTY | SCARD_STATE.CHANGED);
  }

  /** Completes every hung transmit with `response`. */
  release(response: Uint8Array = new Uint8Array(0)): void {
    const waiting = this.hung;
    this.hung = [];
    for (const w of waiting) w(response);
  }

  get hanging(): number {
    return this.hung.length;
  }

  connect(options: { share_mode: number; protocol: number }, callback: PcscCallback<number>): void {
    this.calls.push(`connect share=${options.share_mode} protocol=${options.protocol}`);
    const r = this.connectResult;
    if (r === 'hang') return;
    setImmediate(() => {
      if (r.error) return callback(r.error, 0);
      this.connected = true;
      callback(null, r.protocol ?? 2);
    });
  }

  disconnect(disposition: number, callback: (error: unknown) => void): void {
    this.calls.push(`disconnect ${disposition}`);
    setImmediate(() => {
      this.connected = false;
      callback(null);
    });
  }

  transmit(data: Buffer, maxResponseLength: number, protocol: number, callback: PcscCallback<Buffer>): void {
    this.calls.push(`transmit ${data.subarray(0, 4).toString('hex')} max=${maxResponseLength} protocol=${protocol}`);
    this.transmitted.push(Buffer.from(data));
    const r = this.respond(data);
    if (r === 'hang') {
      this.hung.push((response) => callback(null, Buffer.from(response)));
      return;
    }
    setImmediate(() => (r instanceof Error ? callback(r, Buffer.alloc(0)) : callback(null, Buffer.from(r))));
  }

  close(): void {
    if (this.hung.length > 0) throw new Error('test: close() while a transmit runs would block the event loop');
    this.calls.push('close');
    this.closed = true;
    setImmediate(() => this.emit('end'));
  }

  /** The reader is unplugged: pcsclite ends its watcher. */
  unplug(): void {
    this.emit('end');
  }
}

/** A fake PC/SC context. */
export class FakePcsc extends EventEmitter implements PcscLite {
  readonly readers = new Map<string, FakeReader>();
  closed = false;

  /** Announces readers (pcsclite emits one report's readers synchronously). */
  announce(...names: string[]): FakeReader[] {
    const added = names.map((n) => new FakeReader(n));
    for (const r of added) {
      this.readers.set(r.name, r);
      this.emit('reader', r);
    }
    return added;
  }

  close(): void {
    this.closed = true;
    // pcsclite reports the cancelled watcher as an error after close.
    setImmediate(() => this.emit('error', pcscError('SCardGetStatusChange', 0x80100002, 'Command cancelled')));
  }

  /** pcscd stops: the watcher fails. */
  daemonStops(): void {
    this.emit('error', pcscError('SCardGetStatusChange', 0x8010001d, 'Service not available'));
  }
}

/** A factory for the driver returning `pcsc`. */
export function factoryOf(pcsc: FakePcsc): () => PcscLite {
  return () => pcsc;
}
