/**
 * The channel to one card: `transmit` takes command APDU bytes and resolves to response APDU bytes.
 * {@link createCardChannel} builds one over any raw transmit function (PC/SC, vpcd, an in-process virtual
 * chip) and adds what every caller would otherwise repeat: ISO/IEC 7816-4 response chaining (61xx -> GET
 * RESPONSE, concatenated) and Le correction (6Cxx -> resend with Le = xx), a time-out on every exchange, typed
 * errors, and a trace hook.
 */
import { bytesToHex } from '../../identity/bac/bytes';
import { type CommandApdu, type ResponseApdu, commandHeaderHex, decodeCommandApdu, decodeResponseApdu, encodeCommandApdu } from './apdu';
import type { ApduTrace } from './apdu-trace';
import { type Clock, systemClock } from '../clock';
import { ApduFormatError, ChipError, ChipStatusError, ChipTimeoutError, ChipTransportError } from './errors';
import { SW } from './status-words';

/** The channel to one card (DESIGN.md): handles 61xx / 6Cxx itself. */
export interface CardChannel {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}

/** The transport underneath: one command out, one response back (may throw a {@link ChipError}). */
export type RawTransmit = (apdu: Uint8Array) => Promise<Uint8Array> | Uint8Array;

/** Options of {@link createCardChannel}. */
export interface CardChannelOptions {
  /** Time-out of each exchange with the card (each GET RESPONSE gets its own). Default 5000 ms. */
  timeoutMs?: number;
  /** Clock for time-outs and timings; default the system clock. */
  clock?: Clock;
  /** Sees every APDU exchanged, headers and lengths only. */
  trace?: ApduTrace;
  /** Most GET RESPONSE commands one command may need; a chip that keeps answering 61xx is an error. Default 300. */
  maxGetResponses?: number;
}

/** Default time-out of one exchange. */
export const DEFAULT_APDU_TIMEOUT_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number, clock: Clock, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const id = clock.setTimeout(() => reject(onTimeout()), ms);
    p.then(
      (v) => {
        clock.clearTimeout(id);
        resolve(v);
      },
      (e: unknown) => {
        clock.clearTimeout(id);
        reject(e);
      },
    );
  });
}

class ChainingCardChannel implements CardChannel {
  private readonly timeoutMs: number;
  private readonly clock: Clock;
  private readonly maxGetResponses: number;

  constructor(
    private readonly raw: RawTransmit,
    private readonly options: CardChannelOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_APDU_TIMEOUT_MS;
    this.clock = options.clock ?? systemClock;
    this.maxGetResponses = options.maxGetResponses ?? 300;
    if (!(this.timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${this.timeoutMs}`);
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    let response = await this.exchange(apdu);
    let sw = swOf(response);
    if (sw >> 8 === 0x6c) {
      let cmd: CommandApdu;
      try {
        cmd = decodeCommandApdu(apdu);
      } catch {
        return response; // not a command we can rewrite: let the caller see 6Cxx
      }
      const ne = (sw & 0xff) === 0 ? 256 : sw & 0xff;
      response = await this.exchange(encodeCommandApdu({ ...cmd, ne }));
      sw = swOf(response);
    }
    if (sw >> 8 !== 0x61) return response;
    const chunks: Uint8Array[] = [response.subarray(0, response.length - 2)];
    let total = chunks[0]!.length;
    for (let i = 0; sw >> 8 === 0x61; i++) {
      if (i >= this.maxGetResponses) {
        throw new ChipTransportError(`chip still answers ${swText(sw)} after ${i} GET RESPONSE commands`, commandHeaderHex(apdu));
      }
      const le = sw & 0xff;
      response = await this.exchange(Uint8Array.of((apdu[0] ?? 0) & 0x03, 0xc0, 0x00, 0x00, le));
      sw = swOf(response);
      const data = response.subarray(0, response.length - 2);
      chunks.push(data);
      total += data.length;
    }
    const out = new Uint8Array(total + 2);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    out[at] = sw >> 8;
    out[at + 1] = sw & 0xff;
    return out;
  }

  private async exchange(apdu: Uint8Array): Promise<Uint8Array> {
    const header = commandHeaderHex(apdu);
    const trace = this.options.trace;
    trace?.command({ header, nc: ncOf(apdu), length: apdu.length });
    const start = this.clock.now();
    let pending: Promise<Uint8Array>;
    try {
      pending = Promise.resolve(this.raw(apdu));
    } catch (e) {
      pending = Promise.reject(e);
    }
    let response: Uint8Array;
    try {
      response = await withTimeout(pending, this.timeoutMs, this.clock, () => new ChipTimeoutError(this.timeoutMs, header));
    } catch (e) {
      if (e instanceof ChipError) throw e;
      throw new ChipTransportError(`transport failed during ${header}: ${e instanceof Error ? e.message : String(e)}`, header, { cause: e });
    }
    if (response.length < 2) {
      throw new ApduFormatError(`response to ${header} has ${response.length} bytes, needs at least SW1 SW2`, 0, bytesToHex(response));
    }
    trace?.response({ header, sw: swOf(response), dataLength: response.length - 2, elapsedMs: this.clock.now() - start });
    return response;
  }
}

function swOf(response: Uint8Array): number {
  return (response[response.length - 2]! << 8) | response[response.length - 1]!;
}

function swText(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** Nc of encoded command bytes, for the trace; 0 when the bytes do not decode. */
function ncOf(apdu: Uint8Array): number {
  try {
    return decodeCommandApdu(apdu).data.length;
  } catch {
    return 0;
  }
}

/** A {@link CardChannel} over `raw` with chaining, Le correction, time-outs and tracing. */
export function createCardChannel(raw: RawTransmit, options: CardChannelOptions = {}): CardChannel {
  return new ChainingCardChannel(raw, options);
}

/** Sends a command by its fields and decodes the response. */
export async function sendCommand(channel: CardChannel, cmd: CommandApdu): Promise<ResponseApdu> {
  return decodeResponseApdu(await channel.transmit(encodeCommandApdu(cmd)));
}

/**
 * Sends a command and requires 9000; any other status becomes a {@link ChipStatusError} with `what` (e.g.
 * "SELECT DG1") as its subject.
 */
export async function sendExpectingOk(channel: CardChannel, cmd: CommandApdu, what: string): Promise<Uint8Array> {
  const r = await sendCommand(channel, cmd);
  if (r.sw !== SW.OK) throw new ChipStatusError(r.sw, bytesToHex(Uint8Array.of(cmd.cla, cmd.ins, cmd.p1, cmd.p2)), what);
  return r.data;
}
