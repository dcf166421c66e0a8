/**
 * The secure messaging data objects of ISO/IEC 7816-4 as ICAO 9303-11 section 9.8 uses them:
 * single-byte tags with BER-TLV lengths (one byte below 128, then 81 xx, 82 xx xx, so extended-length
 * APDUs work).
 */
import { SecureMessagingError } from './errors';

/** Cryptogram, plain value padded, no padding-content indicator (odd INS). */
export const DO_CRYPTOGRAM = 0x85;
/** Padding-content indicator byte followed by the cryptogram (even INS). */
export const DO_PADDED_CRYPTOGRAM = 0x87;
/** Protected Le (expected response length). */
export const DO_LE = 0x97;
/** Processing status (SW1 SW2) of the response. */
export const DO_STATUS = 0x99;
/** Cryptographic checksum (the MAC). */
export const DO_MAC = 0x8e;
/** Padding-content indicator: "padded with ISO/IEC 9797-1 method 2" (ISO/IEC 7816-4). */
export const PADDING_INDICATOR_ISO9797_M2 = 0x01;

/** BER length octets for `length` (definite form). */
export function encodeBerLength(length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffff) throw new RangeError(`BER length out of range: ${length}`);
  if (length < 0x80) return Uint8Array.of(length);
  if (length <= 0xff) return Uint8Array.of(0x81, length);
  if (length <= 0xffff) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  return Uint8Array.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff);
}

/** A single-byte-tag TLV. */
export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const len = encodeBerLength(value.length);
  const out = new Uint8Array(1 + len.length + value.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(value, 1 + len.length);
  return out;
}

/** One data object found in a secure messaging message. */
export interface SmObject {
  tag: number;
  value: Uint8Array;
  /** The whole TLV as received (what enters the MAC). */
  raw: Uint8Array;
  /** Offset of the tag byte in the message data. */
  offset: number;
}

/**
 * Splits `data` into data objects, accepting only the tags in `order` and only in that order, each at most
 * once. Throws a {@link SecureMessagingError} (`malformed`) naming the object and offset otherwise.
 */
export function readSmObjects(data: Uint8Array, order: readonly number[], what: string): Map<number, SmObject> {
  const found = new Map<number, SmObject>();
  let at = 0;
  let next = 0;
  while (at < data.length) {
    const start = at;
    const tag = data[at++]!;
    const place = order.indexOf(tag, next);
    if (place < 0) {
      const known = order.includes(tag);
      throw new SecureMessagingError(
        'malformed',
        `${what}: ${known ? 'out-of-order or repeated' : 'unexpected'} data object ${hex1(tag)} at offset ${start}`,
        start,
      );
    }
    next = place + 1;
    if (at >= data.length) throw new SecureMessagingError('malformed', `${what}: data object ${hex1(tag)} at offset ${start} has no length`, start);
    let length = data[at++]!;
    if (length >= 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 3) throw new SecureMessagingError('malformed', `${what}: data object ${hex1(tag)} at offset ${start} has an invalid length byte ${hex1(length)}`, start + 1);
      if (at + n > data.length) throw new SecureMessagingError('malformed', `${what}: data object ${hex1(tag)} at offset ${start}: length bytes truncated`, start + 1);
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + data[at++]!;
    }
    if (at + length > data.length) {
      throw new SecureMessagingError(
        'malformed',
        `${what}: data object ${hex1(tag)} at offset ${start} declares ${length} bytes but only ${data.length - at} remain`,
        start,
      );
    }
    found.set(tag, { tag, value: data.subarray(at, at + length), raw: data.subarray(start, at + length), offset: start });
    at += length;
  }
  return found;
}

/** Two upper-case hex digits with a quote, the way ICAO writes tags: `'8E'`. */
export function hex1(byte: number): string {
  return `'${byte.toString(16).toUpperCase().padStart(2, '0')}'`;
}
