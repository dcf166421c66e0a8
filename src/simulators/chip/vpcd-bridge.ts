/**
 * Puts a virtual card into a real pcscd: connects to the vpcd driver's TCP port and answers what vpcd asks
 * (power, reset, ATR, APDUs) with the card's `powerOn` / `powerOff` / `process`. To pcsclite, and so to the
 * PC/SC driver of devices/chip, the card is then in the reader "Virtual PCD 00 00" (port 35963) or
 * "Virtual PCD 00 01" (35964) like any other card.
 *
 * Inserting is connecting; removing is closing the socket (pcscd notices at its next presence poll, every
 * 400 ms or so). Faults map onto what a reader would see:
 * - a dead chip (`powerOn` throws `NoAtrError`): vpcd cannot express "no answer" (it would wait forever and
 *   hang the reader's thread in pcscd), so the bridge answers "get ATR" with one invalid byte (TS = 00).
 *   pcscd rejects that ATR and reports the card mute; SCardConnect fails, which the PC/SC driver turns into
 *   `NoAtrError`.
 * - a card leaving the field in the middle of a command (`process` throws `NoCardError`, as tearing does):
 *   the socket is closed without an answer. vpcd then returns an empty response, which the driver reports
 *   as `NoCardError`, and pcscd sees the card gone.
 * - a slow chip (`process` answers through a delayed promise): the answer simply comes late.
 */
import net from 'node:net';
import { bytesToHex } from '../../identity/bac/bytes';
import { NoAtrError, NoCardError } from '../../devices/chip/errors';
import { SW } from '../../devices/chip/status-words';
import { VPCD_CONTROL, VPCD_DEFAULT_PORT, type VpcdMessage, VpcdFrameDecoder, encodeVpcdFrame } from './vpcd-framing';

/** What the bridge needs from a card: `VirtualChip` has it. */
export interface VpcdCard {
  /** Cold reset; returns the ATR. Throws `NoAtrError` for a dead chip, `NoCardError` when out of the field. */
  powerOn(): Uint8Array;
  powerOff(): void;
  /** One command APDU to its response APDU; `NoCardError` when the card leaves the field meanwhile. */
  process(apdu: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** Why a bridge ended. */
export type VpcdRemovalReason =
  /** {@link VpcdBridge.close} was called: the card was taken out. */
  | 'closed'
  /** The card left the field by itself (tearing): it is gone until inserted again. */
  | 'card-left-field'
  /** vpcd closed the connection (pcscd stopped or restarted, or vpcd gave up on the card). */
  | 'vpcd-closed'
  /** The socket failed. */
  | 'socket-error';

/** What the bridge reports. APDU events carry headers and status words only, never data (personal data). */
export type VpcdBridgeEvent =
  | { kind: 'connected'; attempts: number }
  /** vpcd sent its first message: pcscd now sees the card. */
  | { kind: 'seen' }
  | { kind: 'power-on'; reset: boolean; mute: boolean }
  | { kind: 'power-off' }
  | { kind: 'apdu'; header: string; sw: number; elapsedMs: number }
  /** The card failed in a way that is not a fault of the model (answered 6F00). */
  | { kind: 'card-error'; message: string }
  | { kind: 'removed'; reason: VpcdRemovalReason; detail?: string };

/** Options of {@link VpcdBridge.attach}. */
export interface VpcdBridgeOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default {@link VPCD_DEFAULT_PORT}. */
  port?: number;
  /** How long to keep trying when vpcd is not listening yet (pcscd starting). Default 10000 ms. */
  connectWithinMs?: number;
  /** First pause between attempts, doubled each time up to {@link maxBackoffMs}. Default 50 ms. */
  initialBackoffMs?: number;
  /** Longest pause between attempts. Default 1000 ms. */
  maxBackoffMs?: number;
  /** Stops connection attempts (and the bridge once attached). */
  signal?: AbortSignal;
  onEvent?: (event: VpcdBridgeEvent) => void;
}

/** Defaults of {@link VpcdBridgeOptions}. */
export const VPCD_BRIDGE_DEFAULTS = { host: '127.0.0.1', port: VPCD_DEFAULT_PORT, connectWithinMs: 10_000, initialBackoffMs: 50, maxBackoffMs: 1000 } as const;

/** The ATR a dead chip "gives": one byte that is no valid TS, so pcscd marks the card mute. */
export const MUTE_ATR = Uint8Array.of(0x00);

/** vpcd could not be reached within the bounded retries. */
export class VpcdUnavailableError extends Error {
  override name = 'VpcdUnavailableError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly attempts: number,
    readonly waitedMs: number,
    options?: { cause?: unknown },
  ) {
    const code = (options?.cause as NodeJS.ErrnoException | undefined)?.code;
    super(
      `vpcd is not reachable at ${host}:${port} after ${attempts} attempt(s) in ${waitedMs} ms${code ? ` (${code})` : ''}: ` +
        'is pcscd running with vsmartcard-vpcd installed? (pcscd -f -a)',
      options,
    );
  }
}

/** One virtual card inserted into a vpcd reader. */
export class VpcdBridge {
  /** Resolves with the reason once the card is out of the reader (socket closed). Never rejects. */
  readonly removed: Promise<VpcdRemovalReason>;
  private resolveRemoved!: (reason: VpcdRemovalReason) => void;
  private readonly decoder = new VpcdFrameDecoder();
  private queue: Promise<void> = Promise.resolve();
  private atr: Uint8Array | undefined;
  private mute = false;
  private powered = false;
  private ended = false;
  private seen = false;
  private readonly seenWaiters: (() => void)[] = [];

  private constructor(
    private readonly socket: net.Socket,
    private readonly card: VpcdCard,
    private readonly emit: (event: VpcdBridgeEvent) => void,
  ) {
    this.removed = new Promise((resolve) => (this.resolveRemoved = resolve));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const message of this.decoder.push(chunk)) this.enqueue(message);
    });
    socket.on('error', (e) => this.end('socket-error', e.message));
    socket.on('close', () => this.end('vpcd-closed'));
  }

  /**
   * Connects `card` to vpcd, retrying with exponential back-off while vpcd does not listen yet, for at most
   * `connectWithinMs`. Rejects with {@link VpcdUnavailableError}, or an `AbortError` when `signal` aborts.
   */
  static async attach(card: VpcdCard, options: VpcdBridgeOptions = {}): Promise<VpcdBridge> {
    const host = options.host ?? VPCD_BRIDGE_DEFAULTS.host;
    const port = options.port ?? VPCD_BRIDGE_DEFAULTS.port;
    const within = options.connectWithinMs ?? VPCD_BRIDGE_DEFAULTS.connectWithinMs;
    const maxBackoff = options.maxBackoffMs ?? VPCD_BRIDGE_DEFAULTS.maxBackoffMs;
    let backoff = options.initialBackoffMs ?? VPCD_BRIDGE_DEFAULTS.initialBackoffMs;
    const emit = options.onEvent ?? (() => undefined);
    const start = Date.now();
    for (let attempts = 1; ; attempts++) {
      options.signal?.throwIfAborted();
      try {
        const socket = await connectOnce(host, port, Math.max(1, within - (Date.now() - start)), options.signal);
        const bridge = new VpcdBridge(socket, card, emit);
        emit({ kind: 'connected', attempts });
        options.signal?.addEventListener('abort', () => void bridge.close(), { once: true });
        return bridge;
      } catch (e) {
        if (options.signal?.aborted) throw e;
        const waited = Date.now() - start;
        if (waited + backoff > within) throw new VpcdUnavailableError(host, port, attempts, waited, { cause: e });
        await sleep(backoff, options.signal);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  }

  /** True until the card is out. */
  get inserted(): boolean {
    return !this.ended;
  }

  /**
   * Resolves true once vpcd has talked to the card (pcscd sees it), false when `timeoutMs` passed first or
   * the card was removed. vpcd accepts a connection only at its presence poll, so this takes up to ~0.5 s.
   */
  whenSeen(timeoutMs: number): Promise<boolean> {
    if (this.seen) return Promise.resolve(true);
    if (this.ended) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      const wake = (): void => {
        clearTimeout(timer);
        resolve(this.seen);
      };
      this.seenWaiters.push(wake);
    });
  }

  /** Takes the card out of the reader: closes the socket. Resolves once it is closed. */
  async close(): Promise<void> {
    this.end('closed');
    await this.removed;
  }

  private end(reason: VpcdRemovalReason, detail?: string): void {
    if (this.ended) return;
    this.ended = true;
    this.socket.destroy();
    this.seenWaiters.splice(0).forEach((wake) => wake());
    this.emit(detail === undefined ? { kind: 'removed', reason } : { kind: 'removed', reason, detail });
    this.resolveRemoved(reason);
  }

  private enqueue(message: VpcdMessage): void {
    if (!this.seen) {
      this.seen = true;
      this.emit({ kind: 'seen' });
      this.seenWaiters.splice(0).forEach((wake) => wake());
    }
    // One message at a time, in order: a slow answer must not be overtaken by the next request.
    this.queue = this.queue
      .then(() => (this.ended ? undefined : this.handle(message)))
      .catch((e: unknown) => this.emit({ kind: 'card-error', message: e instanceof Error ? e.message : String(e) }));
  }

  private send(payload: Uint8Array): void {
    if (!this.ended) this.socket.write(encodeVpcdFrame(payload));
  }

  private async handle(message: VpcdMessage): Promise<void> {
    if (message.kind === 'apdu') return this.handleApdu(message.apdu);
    switch (message.code) {
      case VPCD_CONTROL.POWER_ON:
      case VPCD_CONTROL.RESET:
        return this.powerOn(message.code === VPCD_CONTROL.RESET);
      case VPCD_CONTROL.POWER_OFF:
        this.powered = false;
        this.card.powerOff();
        this.emit({ kind: 'power-off' });
        return;
      case VPCD_CONTROL.GET_ATR:
        return this.answerAtr();
      default:
        // Unknown control codes get no answer, as vsmartcard's own virtual card does.
        return;
    }
  }

  private powerOn(reset: boolean): void {
    this.powered = false;
    try {
      this.atr = this.card.powerOn();
      this.mute = false;
      this.powered = true;
    } catch (e) {
      if (e instanceof NoCardError) return this.end('card-left-field', e.message);
      // A dead chip, or one failing otherwise at reset: no usable ATR.
      this.mute = true;
    }
    this.emit({ kind: 'power-on', reset, mute: this.mute });
  }

  /** "Get ATR" comes after each power-on and at every presence poll (~400 ms) while the card is in. */
  private answerAtr(): void {
    if (!this.mute && this.atr === undefined) this.probeAtr();
    if (this.ended) return;
    this.send(this.mute ? MUTE_ATR : this.atr!);
  }

  /** Learns the ATR of a card not powered yet (the first presence poll), leaving it unpowered. */
  private probeAtr(): void {
    try {
      this.atr = this.card.powerOn();
      this.card.powerOff();
    } catch (e) {
      if (e instanceof NoCardError) return this.end('card-left-field', e.message);
      this.mute = true;
    }
  }

  private async handleApdu(apdu: Uint8Array): Promise<void> {
    const header = bytesToHex(apdu.subarray(0, 4));
    const started = performance.now();
    let response: Uint8Array;
    if (!this.powered) {
      // pcscd powers a card before talking to it; a command to an unpowered card is a protocol slip, not the
      // card leaving: answer "no precise diagnosis" and report it.
      this.emit({ kind: 'card-error', message: `command ${header} to an unpowered card` });
      this.send(Uint8Array.of(SW.NO_PRECISE_DIAGNOSIS >> 8, SW.NO_PRECISE_DIAGNOSIS & 0xff));
      return;
    }
    try {
      response = await this.card.process(apdu);
    } catch (e) {
      if (e instanceof NoCardError || e instanceof NoAtrError) return this.end('card-left-field', e.message);
      this.emit({ kind: 'card-error', message: e instanceof Error ? e.message : String(e) });
      response = Uint8Array.of(SW.NO_PRECISE_DIAGNOSIS >> 8, SW.NO_PRECISE_DIAGNOSIS & 0xff);
    }
    if (this.ended) return;
    const sw = response.length >= 2 ? (response[response.length - 2]! << 8) | response[response.length - 1]! : 0;
    this.send(response);
    this.emit({ kind: 'apdu', header, sw, elapsedMs: performance.now() - started });
  }
}

function connectOnce(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (e: unknown): void => {
      cleanup();
      socket.destroy();
      reject(e);
    };
    const onAbort = (): void => fail(signal!.reason);
    const timer = setTimeout(() => fail(Object.assign(new Error(`connect to ${host}:${port} timed out`), { code: 'ETIMEDOUT' })), timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('error', fail);
      signal?.removeEventListener('abort', onAbort);
    };
    socket.once('error', fail);
    socket.once('connect', () => {
      cleanup();
      resolve(socket);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
