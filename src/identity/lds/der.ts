/**
 * The few DER (ITU-T X.690) universal types the LDS needs, built on the BER-TLV codec: INTEGER, OCTET STRING,
 * OBJECT IDENTIFIER, UTF8String, PrintableString, SEQUENCE, SET. DG13 is written with these directly; the
 * EF.SOD reader walks CMS with them so that it keeps every element's bytes exactly as signed.
 */
import { LdsFormatError } from './lds-error';
import { concatBytes, encodeTlv, tagHex, type Tlv } from './tlv';

/** Universal tags (X.690 section 8, X.680 table 1) as they appear in DER. */
export const DER_TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** The PrintableString alphabet (X.680 section 41.4): letters, digits, space and `'()+,-./:=?`. */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** True when `s` may be written as a PrintableString. */
export function isPrintableString(s: string): boolean {
  return PRINTABLE.test(s);
}

/** DER INTEGER of a non-negative or negative integer: minimal two's complement (X.690 8.3). */
export function derInteger(n: number | bigint): Uint8Array {
  let v = BigInt(n);
  const bytes: number[] = [];
  // Emit little-endian bytes until the remaining value is 0 or -1 and the sign bit of the last byte agrees.
  for (;;) {
    const b = Number(v & 0xffn);
    bytes.unshift(b);
    v >>= 8n;
    if ((v === 0n && (b & 0x80) === 0) || (v === -1n && (b & 0x80) !== 0)) break;
  }
  return encodeTlv(DER_TAG.INTEGER, Uint8Array.from(bytes));
}

/** DER INTEGER of an unsigned big-endian magnitude (e.g. a certificate serial number). */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  const body = m.length === 0 ? Uint8Array.of(0) : (m[0]! & 0x80) !== 0 ? concatBytes([Uint8Array.of(0), m]) : m;
  return encodeTlv(DER_TAG.INTEGER, body);
}

/** DER UTF8String. */
export function derUtf8String(s: string): Uint8Array {
  return encodeTlv(DER_TAG.UTF8_STRING, Buffer.from(s, 'utf8'));
}

/** DER PrintableString; throws a RangeError when `s` has a character outside the PrintableString alphabet. */
export function derPrintableString(s: string): Uint8Array {
  if (!isPrintableString(s)) throw new RangeError(`"${s}" has characters a PrintableString cannot hold`);
  return encodeTlv(DER_TAG.PRINTABLE_STRING, Buffer.from(s, 'latin1'));
}

/** DER OCTET STRING. */
export function derOctetString(bytes: Uint8Array): Uint8Array {
  return encodeTlv(DER_TAG.OCTET_STRING, bytes);
}

/** DER SEQUENCE of already-encoded elements. */
export function derSequence(elements: readonly Uint8Array[]): Uint8Array {
  return encodeTlv(DER_TAG.SEQUENCE, elements);
}

/** DER OBJECT IDENTIFIER from dotted form, e.g. "2.23.136.1.1.1" (X.690 8.19). */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`bad OID "${dotted}"`);
    return BigInt(a);
  });
  if (arcs.length < 2 || arcs[0]! > 2n || (arcs[0]! < 2n && arcs[1]! > 39n)) throw new RangeError(`bad OID "${dotted}"`);
  const subs = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (const s of subs) {
    const chunk: number[] = [Number(s & 0x7fn)];
    let v = s >> 7n;
    while (v > 0n) {
      chunk.unshift(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(...chunk);
  }
  return encodeTlv(DER_TAG.OID, Uint8Array.from(out));
}

/** Throws an {@link LdsFormatError} unless `tlv` has tag `tag`. */
export function expectTag(tlv: Tlv, tag: number, file: string, path: string): Tlv {
  if (tlv.tag !== tag) {
    throw new LdsFormatError(file, path, `expected tag ${tagHex(tag)}, found ${tagHex(tlv.tag)}`, tlv.offset);
  }
  return tlv;
}

/** Dotted form of an OBJECT IDENTIFIER element's value. */
export function decodeOid(tlv: Tlv, file: string, path: string): string {
  expectTag(tlv, DER_TAG.OID, file, path);
  const v = tlv.value;
  if (v.length === 0) throw new LdsFormatError(file, path, 'empty OBJECT IDENTIFIER', tlv.offset);
  const subs: bigint[] = [];
  let acc = 0n;
  let inSub = false;
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    acc = (acc << 7n) | BigInt(b & 0x7f);
    inSub = (b & 0x80) !== 0;
    if (!inSub) {
      subs.push(acc);
      acc = 0n;
    }
  }
  if (inSub) throw new LdsFormatError(file, path, 'OBJECT IDENTIFIER ends inside a sub-identifier', tlv.offset);
  const first = subs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...subs.slice(1)].join('.');
}

/** Value of an INTEGER element as a bigint (two's complement). */
export function decodeInteger(tlv: Tlv, file: string, path: string): bigint {
  expectTag(tlv, DER_TAG.INTEGER, file, path);
  const v = tlv.value;
  if (v.length === 0) throw new LdsFormatError(file, path, 'empty INTEGER', tlv.offset);
  let n = 0n;
  for (const b of v) n = (n << 8n) | BigInt(b);
  if ((v[0]! & 0x80) !== 0) n -= 1n << BigInt(v.length * 8);
  return n;
}

/** A small INTEGER element as a number; throws when it does not fit `min`..`max`. */
export function decodeSmallInteger(tlv: Tlv, file: string, path: string, min: number, max: number): number {
  const n = decodeInteger(tlv, file, path);
  if (n < BigInt(min) || n > BigInt(max)) {
    throw new LdsFormatError(file, path, `INTEGER ${n} is outside ${min}..${max}`, tlv.offset);
  }
  return Number(n);
}

/** Text of a UTF8String or PrintableString element, checked against the expected tag. */
export function decodeString(tlv: Tlv, tag: number, file: string, path: string): string {
  expectTag(tlv, tag, file, path);
  if (tag === DER_TAG.UTF8_STRING) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(tlv.value);
    } catch {
      throw new LdsFormatError(file, path, 'UTF8String is not valid UTF-8', tlv.offset);
    }
  }
  const s = Buffer.from(tlv.value).toString('latin1');
  if (tag === DER_TAG.PRINTABLE_STRING && !isPrintableString(s)) {
    throw new LdsFormatError(file, path, 'PrintableString holds a character outside its alphabet', tlv.offset);
  }
  return s;
}

/** DER BIT STRING with `unusedBits` (0-7) padding bits in the last octet. */
export function derBitString(bytes: Uint8Array, unusedBits = 0): Uint8Array {
  if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > 7) throw new RangeError('unused bits must be 0-7');
  return encodeTlv(DER_TAG.BIT_STRING, concatBytes([Uint8Array.of(unusedBits), bytes]));
}

/** DER BOOLEAN (TRUE is FF, X.690 11.1). */
export function derBoolean(value: boolean): Uint8Array {
  return encodeTlv(DER_TAG.BOOLEAN, Uint8Array.of(value ? 0xff : 0x00));
}

/** DER NULL. */
export function derNull(): Uint8Array {
  return Uint8Array.of(DER_TAG.NULL, 0);
}

/** An EXPLICIT context-specific tag [n] (constructed, class 10) around one encoded element. */
export function derExplicit(n: number, element: Uint8Array): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new RangeError('context tag number must be 0-30');
  return encodeTlv(0xa0 | n, element);
}

/**
 * DER SET OF: the encodings sorted as octet strings (X.690 section 11.6), so the result is canonical whatever
 * order the caller gave.
 */
export function derSetOf(elements: readonly Uint8Array[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return encodeTlv(DER_TAG.SET, sorted);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A certificate Time (RFC 5280 section 4.1.2.5): UTCTime `YYMMDDHHMMSSZ` for years 1950-2049, GeneralizedTime
 * `YYYYMMDDHHMMSSZ` otherwise; seconds are truncated (no fractions allowed).
 */
export function derTime(date: Date): Uint8Array {
  const y = date.getUTCFullYear();
  const rest = two(date.getUTCMonth() + 1) + two(date.getUTCDate()) + two(date.getUTCHours()) + two(date.getUTCMinutes()) + two(date.getUTCSeconds()) + 'Z';
  if (y >= 1950 && y < 2050) return encodeTlv(DER_TAG.UTC_TIME, Buffer.from(two(y % 100) + rest, 'latin1'));
  return derGeneralizedTime(date);
}

/** GeneralizedTime `YYYYMMDDHHMMSSZ` (RFC 5280 section 4.1.2.5.2: UTC, no fractional seconds). */
export function derGeneralizedTime(date: Date): Uint8Array {
  const y = date.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError('year out of range for GeneralizedTime');
  const s = String(y).padStart(4, '0') + two(date.getUTCMonth() + 1) + two(date.getUTCDate()) + two(date.getUTCHours()) + two(date.getUTCMinutes()) + two(date.getUTCSeconds()) + 'Z';
  return encodeTlv(DER_TAG.GENERALIZED_TIME, Buffer.from(s, 'latin1'));
}
