/**
 * A connection to the card in a PC/SC reader (SCardConnect .. SCardDisconnect), with a {@link CardChannel}
 * over it. The channel is `createCardChannel` over the raw transmit, so 61xx / 6Cxx, per-command time-outs
 * and tracing behave exactly as with the in-process virtual chip.
 */
import { type CardChannel, type CardChannelOptions, createCardChannel } from '../card-channel';
import { commandHeaderHex } from '../apdu';
import { type Clock, systemClock } from '../../clock';
import { ChipError, ChipTimeoutError, ChipTransportError, NoCardError } from '../errors';
import { callWithTimeout } from './call-with-timeout';
import { CardResetError } from './pcsc-errors';
import { SCARD, pcscResultCode } from './pcsc-result-codes';
import type { ReaderSlot } from './reader-slot';
import { translatePcscError } from './translate-pcsc-error';

/** PC/SC share mode: exclusive keeps other applications off the card while it is written. */
export type PcscShareMode = 'shared' | 'exclusive';
/** Transmission protocol to negotiate. */
export type PcscProtocolChoice = 'T=0' | 'T=1' | 'any';
/** What happens to the card at disconnect. */
export type PcscDisposition = 'leave' | 'reset' | 'unpower';

/** Connection settings. */
export interface PcscConnectionOptions {
  /** Default 'exclusive'. */
  shareMode?: PcscShareMode;
  /** Default 'any' (T=0 or T=1, whichever the card and reader agree on). */
  protocol?: PcscProtocolChoice;
  /** Time-out of SCardConnect. Default 10000 ms. */
  connectTimeoutMs?: number;
  /** Time-out of SCardDisconnect. Default 3000 ms. */
  disconnectTimeoutMs?: number;
  /**
   * How long to wait for the reader to report a state change when a command failed ambiguously ("transaction
   * failed"), to tell a removed card from a transport fault. Default 1000 ms (pcscd polls every 400 ms).
   */
  settleMs?: number;
  /** Options of the card channel (time-out per command, clock, trace). */
  channel?: CardChannelOptions;
}

/** Defaults of {@link PcscConnectionOptions}. */
export const PCSC_CONNECTION_DEFAULTS = { connectTimeoutMs: 10_000, disconnectTimeoutMs: 3000, settleMs: 1000 } as const;

/** Largest response of a short APDU (256 data bytes + SW) and of an extended one (65536 + SW). */
const SHORT_RESPONSE_MAX = 258;
const EXTENDED_RESPONSE_MAX = 65538;

/** A {@link CardChannel} to a card in a PC/SC reader. */
export interface PcscCardChannel extends CardChannel {
  readonly readerName: string;
  /** The ATR reported for the card when the connection was made. */
  readonly atr: Uint8Array;
  /** The protocol negotiated. */
  readonly protocol: 'T=0' | 'T=1';
  /** False after disconnect. */
  readonly connected: boolean;
  /**
   * Warm reset: disconnects with "reset card" and connects again. The chip forgets its RAM state (selected
   * application, secure messaging), as QC wants before reading a freshly written card.
   */
  reset(): Promise<void>;
  /** Ends the connection (default: power the card down). Never waits longer than the disconnect time-out. */
  disconnect(disposition?: PcscDisposition): Promise<void>;
}

/** True for an extended-length command APDU (ISO/IEC 7816-4 5.1: a zero byte where a short Lc/Le would be). */
function isExtendedApdu(apdu: Uint8Array): boolean {
  return apdu.length > 5 && apdu[4] === 0x00;
}

/** The live connection. Created by `PcscCardReader`. */
export class PcscConnection implements PcscCardChannel {
  readonly readerName: string;
  private readonly channel: CardChannel;
  private readonly clock: Clock;
  private protocolCode = 0;
  private handleOpen = false;
  private closed = false;
  private inFlight = false;
  private cardAtr: Uint8Array = new Uint8Array(0);

  private constructor(
    private readonly slot: ReaderSlot,
    private readonly options: PcscConnectionOptions,
  ) {
    this.readerName = slot.name;
    this.clock = options.channel?.clock ?? systemClock;
    this.channel = createCardChannel((apdu) => this.rawTransmit(apdu), options.channel ?? {});
  }

  /** Connects to the card in `slot`. Rejects with a typed `ChipError` (NoCardError, NoAtrError, ReaderBusyError, ...). */
  static async connect(slot: ReaderSlot, options: PcscConnectionOptions = {}): Promise<PcscConnection> {
    const connection = new PcscConnection(slot, options);
    await connection.open();
    return connection;
  }

  get atr(): Uint8Array {
    return this.cardAtr.slice();
  }

  get protocol(): 'T=0' | 'T=1' {
    return this.protocolCode === this.slot.native.SCARD_PROTOCOL_T0 ? 'T=0' : 'T=1';
  }

  get connected(): boolean {
    return !this.closed;
  }

  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    return this.channel.transmit(apdu);
  }

  async reset(): Promise<void> {
    if (this.closed) throw new ChipTransportError(`the connection to "${this.readerName}" is closed`);
    await this.release('reset');
    await this.open();
  }

  async disconnect(disposition: PcscDisposition = 'unpower'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release(disposition);
  }

  // -------------------------------------------------------------------------------------------------------

  private failureContext(operation: string, command?: string) {
    const state = this.slot.state;
    return {
      readerName: this.readerName,
      operation,
      ...(command === undefined ? {} : { command }),
      readerGone: this.slot.gone,
      daemonDown: this.slot.daemonDown,
      cardPresent: state?.present,
      cardMute: state?.mute ?? false,
    };
  }

  private async open(): Promise<void> {
    const native = this.slot.native;
    if (this.slot.gone || this.slot.daemonDown) {
      throw translatePcscError(new Error('reader unavailable'), this.failureContext('connect'));
    }
    // pcsclite keeps one card handle per reader object; its connect() is a no-op while one is open.
    if (native.connected) await this.nativeDisconnect(native.SCARD_LEAVE_CARD);
    const shareMode = this.options.shareMode === 'shared' ? native.SCARD_SHARE_SHARED : native.SCARD_SHARE_EXCLUSIVE;
    const wanted = this.options.protocol ?? 'any';
    const protocol =
      wanted === 'T=0' ? native.SCARD_PROTOCOL_T0 : wanted === 'T=1' ? native.SCARD_PROTOCOL_T1 : native.SCARD_PROTOCOL_T0 | native.SCARD_PROTOCOL_T1;
    const timeoutMs = this.options.connectTimeoutMs ?? PCSC_CONNECTION_DEFAULTS.connectTimeoutMs;
    try {
      this.protocolCode = await this.slot.track(
        callWithTimeout<number>(
          (cb) => native.connect({ share_mode: shareMode, protocol }, cb),
          timeoutMs,
          this.clock,
          () => new ChipTimeoutError(timeoutMs, 'SCardConnect'),
          // A connect that completes after we gave up holds a handle nobody will use: release it.
          () => native.disconnect(native.SCARD_LEAVE_CARD, () => undefined),
        ),
      );
    } catch (e) {
      throw translatePcscError(e, this.failureContext('connect'));
    }
    if (typeof this.protocolCode !== 'number') {
      throw new ChipTransportError(`connect on "${this.readerName}" returned no protocol`);
    }
    this.handleOpen = true;
    this.cardAtr = this.slot.atr.slice();
  }

  private async rawTransmit(apdu: Uint8Array): Promise<Uint8Array> {
    const header = commandHeaderHex(apdu);
    if (this.closed || !this.handleOpen) throw new ChipTransportError(`the connection to "${this.readerName}" is closed`, header);
    if (this.inFlight) {
      // pcsclite would queue the command behind one the channel already gave up on (time-out), holding
      // another thread-pool thread: refuse instead, the caller reconnects.
      throw new ChipTransportError(`"${this.readerName}" is still busy with a command that timed out; disconnect and connect again`, header);
    }
    const native = this.slot.native;
    this.inFlight = true;
    let response: Buffer;
    try {
      response = await this.slot.track(
        new Promise<Buffer>((resolve, reject) => {
          native.transmit(Buffer.from(apdu), isExtendedApdu(apdu) ? EXTENDED_RESPONSE_MAX : SHORT_RESPONSE_MAX, this.protocolCode, (error, data) =>
            error ? reject(error) : resolve(data),
          );
        }),
      );
    } catch (e) {
      throw await this.transmitFailure(e, header);
    } finally {
      this.inFlight = false;
    }
    if (response.length === 0) {
      // vpcd's way of saying the card gave no answer (its socket closed): the card left the field.
      throw new NoCardError(`the card in "${this.readerName}" gave no answer: it left the reader during the command`, header);
    }
    return new Uint8Array(response);
  }

  private async transmitFailure(e: unknown, header: string): Promise<ChipError> {
    const code = pcscResultCode(e);
    if (code === SCARD.W_RESET_CARD) {
      // Another application reset the card: reconnect so the next step can start over.
      this.handleOpen = false;
      try {
        await this.release('leave');
        await this.open();
      } catch (reconnect) {
        return translatePcscError(reconnect, this.failureContext('reconnect after reset', header));
      }
      return new CardResetError(`the card in "${this.readerName}" was reset by another application; reconnected, start the step again`, header, {
        cause: e,
      });
    }
    const ambiguous =
      code === SCARD.E_NOT_TRANSACTED || code === SCARD.F_COMM_ERROR || code === SCARD.E_READER_UNAVAILABLE || code === SCARD.E_INVALID_HANDLE;
    if (ambiguous && this.slot.state?.present !== false && !this.slot.gone) await this.settle();
    return translatePcscError(e, this.failureContext('transmit', header));
  }

  /** Waits for the reader's next state report (or the settle time), so a removal has a chance to show. */
  private settle(): Promise<void> {
    const ms = this.options.settleMs ?? PCSC_CONNECTION_DEFAULTS.settleMs;
    return new Promise((resolve) => {
      let finished = false;
      const done = (): void => {
        if (finished) return;
        finished = true;
        this.clock.clearTimeout(timer);
        unsubscribe();
        resolve();
      };
      const timer = this.clock.setTimeout(done, ms);
      const unsubscribe = this.slot.subscribe(() => done());
    });
  }

  private async release(disposition: PcscDisposition): Promise<void> {
    const native = this.slot.native;
    this.handleOpen = false;
    const code = disposition === 'leave' ? native.SCARD_LEAVE_CARD : disposition === 'reset' ? native.SCARD_RESET_CARD : native.SCARD_UNPOWER_CARD;
    try {
      await this.nativeDisconnect(code);
    } catch {
      // A card that is gone, a reader that is gone, a stuck command: the handle is released with the
      // context at the latest. Disconnect never fails the caller.
    }
  }

  private nativeDisconnect(code: number): Promise<void> {
    const native = this.slot.native;
    const timeoutMs = this.options.disconnectTimeoutMs ?? PCSC_CONNECTION_DEFAULTS.disconnectTimeoutMs;
    return this.slot.track(
      callWithTimeout<void>(
        (cb) => native.disconnect(code, (error) => cb(error, undefined)),
        timeoutMs,
        this.clock,
        () => new ChipTimeoutError(timeoutMs, 'SCardDisconnect'),
      ),
    );
  }
}
