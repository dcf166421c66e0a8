/**
 * ISO/IEC 7816-4 command and response APDUs: encoding and decoding of the four cases in short
 * and extended length.
 *
 * ```
 * case 1   CLA INS P1 P2
 * case 2S  CLA INS P1 P2 Le                      Le 01-FF, 00 = 256
 * case 3S  CLA INS P1 P2 Lc data                 Lc 01-FF
 * case 4S  CLA INS P1 P2 Lc data Le
 * case 2E  CLA INS P1 P2 00 Le1 Le2              Le 0001-FFFF, 0000 = 65536
 * case 3E  CLA INS P1 P2 00 Lc1 Lc2 data         Lc 0001-FFFF
 * case 4E  CLA INS P1 P2 00 Lc1 Lc2 data Le1 Le2
 * ```
 */
import type { CommandFields } from '../../identity/bac/command-fields';
import { bytesToHex } from '../../identity/bac/bytes';
import { ApduFormatError } from './errors';

/** A command APDU by its fields (Ne = 0 means no Le field). Same shape as the secure messaging code uses. */
export type CommandApdu = CommandFields;

/** A response APDU: data and SW1 SW2. */
export interface ResponseApdu {
  data: Uint8Array;
  /** SW1 << 8 | SW2. */
  sw: number;
}

/** The ISO/IEC 7816-4 case of a command. */
export type ApduCase = '1' | '2S' | '3S' | '4S' | '2E' | '3E' | '4E';

/** Largest Nc and Ne of each length form. */
export const SHORT_MAX_NC = 255;
/** Largest Ne of a short APDU (Le = 00). */
export const SHORT_MAX_NE = 256;
/** Largest Nc of an extended APDU. */
export const EXTENDED_MAX_NC = 65535;
/** Largest Ne of an extended APDU (Le = 0000). */
export const EXTENDED_MAX_NE = 65536;

function isByte(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 0xff;
}

/** True when `c` must (or asks to) use the extended length form. */
export function isExtended(c: CommandApdu): boolean {
  return c.extended === true || c.data.length > SHORT_MAX_NC || c.ne > SHORT_MAX_NE;
}

/** The case `c` encodes as. */
export function apduCase(c: CommandApdu): ApduCase {
  const hasData = c.data.length > 0;
  const hasLe = c.ne > 0;
  if (!hasData && !hasLe) return '1';
  const form = isExtended(c) ? 'E' : 'S';
  return `${hasData ? (hasLe ? '4' : '3') : '2'}${form}` as ApduCase;
}

/**
 * Encodes a command: short form unless `extended` is true or Nc > 255 or Ne > 256. Throws a RangeError for
 * fields out of range (a byte above FF, Nc above 65535, Ne above 65536).
 */
export function encodeCommandApdu(c: CommandApdu): Uint8Array {
  for (const [name, v] of [['CLA', c.cla], ['INS', c.ins], ['P1', c.p1], ['P2', c.p2]] as const) {
    if (!isByte(v)) throw new RangeError(`${name} must be a byte, got ${v}`);
  }
  const nc = c.data.length;
  if (nc > EXTENDED_MAX_NC) throw new RangeError(`command data of ${nc} bytes exceeds ${EXTENDED_MAX_NC}`);
  if (!Number.isInteger(c.ne) || c.ne < 0 || c.ne > EXTENDED_MAX_NE) throw new RangeError(`Ne must be 0-${EXTENDED_MAX_NE}, got ${c.ne}`);
  const needsExtended = nc > SHORT_MAX_NC || c.ne > SHORT_MAX_NE;
  const extended = c.extended === true || needsExtended;
  const parts: number[] = [c.cla, c.ins, c.p1, c.p2];
  if (nc === 0 && c.ne === 0) return Uint8Array.from(parts);
  if (extended) {
    parts.push(0x00);
    if (nc > 0) parts.push(nc >> 8, nc & 0xff);
  } else if (nc > 0) {
    parts.push(nc);
  }
  const out = new Uint8Array(parts.length + nc + (c.ne > 0 ? (extended ? 2 : 1) : 0));
  out.set(parts, 0);
  out.set(c.data, parts.length);
  if (c.ne > 0) {
    const at = parts.length + nc;
    if (extended) {
      out[at] = (c.ne >> 8) & 0xff; // 65536 -> 00 00
      out[at + 1] = c.ne & 0xff;
    } else {
      out[at] = c.ne & 0xff; // 256 -> 00
    }
  }
  return out;
}

function fail(message: string, offset: number, bytes: Uint8Array): never {
  throw new ApduFormatError(message, offset, bytesToHex(bytes.subarray(0, 16)) + (bytes.length > 16 ? '...' : ''));
}

/**
 * Decodes command bytes. Throws an {@link ApduFormatError} naming the offset when the lengths do not add
 * up; anything that decodes re-encodes to the same bytes. `extended` is set when the bytes used the extended
 * form (never for case 1).
 */
export function decodeCommandApdu(bytes: Uint8Array): CommandApdu {
  const n = bytes.length;
  if (n < 4) fail(`command APDU of ${n} bytes is shorter than the 4-byte header`, n, bytes);
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const empty = new Uint8Array(0);
  if (n === 4) return { cla, ins, p1, p2, data: empty, ne: 0 };
  const b4 = bytes[4]!;
  if (n === 5) return { cla, ins, p1, p2, data: empty, ne: b4 === 0 ? 256 : b4, extended: false };
  if (b4 !== 0) {
    const nc = b4;
    if (n === 5 + nc) return { cla, ins, p1, p2, data: bytes.slice(5, 5 + nc), ne: 0, extended: false };
    if (n === 6 + nc) {
      const le = bytes[5 + nc]!;
      return { cla, ins, p1, p2, data: bytes.slice(5, 5 + nc), ne: le === 0 ? 256 : le, extended: false };
    }
    fail(`short Lc ${nc} at offset 4 does not match the ${n - 5} bytes that follow`, 4, bytes);
  }
  if (n === 6) fail('extended length marker 00 at offset 4 is followed by a single byte', 5, bytes);
  const l = (bytes[5]! << 8) | bytes[6]!;
  if (n === 7) return { cla, ins, p1, p2, data: empty, ne: l === 0 ? 65536 : l, extended: true };
  if (l === 0) fail('extended Lc 0000 at offset 5 with more bytes following', 5, bytes);
  if (n === 7 + l) return { cla, ins, p1, p2, data: bytes.slice(7, 7 + l), ne: 0, extended: true };
  if (n === 9 + l) {
    const le = (bytes[7 + l]! << 8) | bytes[8 + l]!;
    return { cla, ins, p1, p2, data: bytes.slice(7, 7 + l), ne: le === 0 ? 65536 : le, extended: true };
  }
  return fail(`extended Lc ${l} at offset 5 does not match the ${n - 7} bytes that follow`, 5, bytes);
}

/** Encodes a response: data followed by SW1 SW2. */
export function encodeResponseApdu(data: Uint8Array, sw: number): Uint8Array {
  if (!Number.isInteger(sw) || sw < 0 || sw > 0xffff) throw new RangeError(`status word must be 0000-FFFF, got ${sw}`);
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

/** Decodes a response. Throws an {@link ApduFormatError} when there are fewer than the two status bytes. */
export function decodeResponseApdu(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) fail(`response of ${bytes.length} bytes has no status word (needs SW1 SW2)`, 0, bytes);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

/** The header as hex ("00B00000"), the only part of a command that may be logged (data can be personal). */
export function commandHeaderHex(bytes: Uint8Array): string {
  return bytesToHex(bytes.subarray(0, Math.min(4, bytes.length)));
}
