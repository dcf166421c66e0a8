/**
 * The wire format between pcscd's vpcd driver (vsmartcard) and a virtual card: every message, both ways, is
 * a 2-byte big-endian length followed by that many bytes. From vpcd, a 1-byte message is a control code
 * ({@link VPCD_CONTROL}); anything longer is a command APDU. To vpcd, the answer to "get ATR" is the ATR and
 * the answer to an APDU is the response APDU; power and reset get no answer.
 *
 * TCP delivers a byte stream, not messages: a read may hold half a header, or three messages and a half.
 * {@link VpcdFrameDecoder} reassembles whatever the reads bring.
 */

/** Control codes vpcd sends as 1-byte messages. */
export const VPCD_CONTROL = {
  POWER_OFF: 0,
  POWER_ON: 1,
  RESET: 2,
  GET_ATR: 4,
} as const;

/** Default port of the first vpcd reader ("Virtual PCD 00 00"); the second listens on the next port. */
export const VPCD_DEFAULT_PORT = 35963;

/** Largest payload a 2-byte length can announce. */
export const VPCD_MAX_PAYLOAD = 0xffff;

/** One message from vpcd. */
export type VpcdMessage = { kind: 'control'; code: number } | { kind: 'apdu'; apdu: Uint8Array };

/** Frames `payload` for the socket. Throws a RangeError above {@link VPCD_MAX_PAYLOAD} bytes. */
export function encodeVpcdFrame(payload: Uint8Array): Buffer {
  if (payload.length > VPCD_MAX_PAYLOAD) throw new RangeError(`vpcd message of ${payload.length} bytes exceeds ${VPCD_MAX_PAYLOAD}`);
  const out = Buffer.allocUnsafe(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

/** Reassembles vpcd messages from socket reads of any size. */
export class VpcdFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** Bytes received but not yet part of a whole message. */
  get buffered(): number {
    return this.pending.length;
  }

  /**
   * Adds a read and returns the messages it completed, in order. A zero-length message (vpcd never sends
   * one) is skipped.
   */
  push(chunk: Uint8Array): VpcdMessage[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const messages: VpcdMessage[] = [];
    let at = 0;
    while (this.pending.length - at >= 2) {
      const length = this.pending.readUInt16BE(at);
      if (this.pending.length - at - 2 < length) break;
      const body = this.pending.subarray(at + 2, at + 2 + length);
      at += 2 + length;
      if (length === 0) continue;
      messages.push(length === 1 ? { kind: 'control', code: body[0]! } : { kind: 'apdu', apdu: new Uint8Array(body) });
    }
    this.pending = this.pending.subarray(at);
    return messages;
  }
}
