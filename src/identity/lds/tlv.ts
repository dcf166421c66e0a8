/**
 * BER-TLV as ISO/IEC 7816-4 section 5.2 and ICAO 9303-10 section 4.5 use it for LDS files, and as X.690 uses
 * it for the DER inside EF.SOD: tag (1 to 3 bytes; `5F1F`, `7F61` are two-byte tags), length (short form
 * below 128, long form `81 xx`, `82 xxxx`, `83 xxxxxx`, `84 xxxxxxxx`), value.
 *
 * Tags are handled as numbers: the tag bytes read big-endian (`0x5F1F`, `0x7F61`, `0x61`). Indefinite lengths
 * (`80`) are refused: ICAO 9303-10 files and DER never use them, and a reader that accepted them would have
 * to hunt for end-of-contents markers in attacker-supplied data.
 *
 * Decoding never trusts a length: every read is bounds-checked against the enclosing element, and any
 * inconsistency raises a {@link TlvError} carrying the absolute byte offset.
 */
import { LdsError } from './lds-error';

/** Why a TLV could not be read. */
export type TlvErrorReason =
  | 'truncated-tag'
  | 'tag-too-long'
  | 'truncated-length'
  | 'indefinite-length'
  | 'length-too-long'
  | 'truncated-value'
  | 'trailing-bytes'
  | 'empty';

/** Malformed or truncated TLV. `offset` is the absolute position of the offending byte. */
export class TlvError extends LdsError {
  /** Machine-readable cause. */
  readonly reason: TlvErrorReason;
  /** `offset` is where in the buffer the problem starts. */
  constructor(reason: TlvErrorReason, message: string, offset: number) {
    super(`TLV ${reason}: ${message}`, offset);
    this.reason = reason;
  }
}

/** One decoded TLV element. `value` and `raw` are views into `source`, not copies. */
export interface Tlv {
  /** Tag bytes read big-endian, e.g. 0x61, 0x5F1F, 0x7F61. */
  readonly tag: number;
  /** Bit 6 of the first tag byte: the value is itself a sequence of TLVs. */
  readonly constructed: boolean;
  /** The buffer the element was read from. */
  readonly source: Uint8Array;
  /** Absolute offset of the first tag byte in `source`. */
  readonly offset: number;
  /** Absolute offset of the first value byte. */
  readonly valueOffset: number;
  /** Absolute offset just past the value. */
  readonly end: number;
  /** The value bytes. */
  readonly value: Uint8Array;
  /** The whole element: tag, length and value, exactly as read. */
  readonly raw: Uint8Array;
}

/** ISO 7816-4 limits tags to three bytes; that also keeps a tag inside a safe integer. */
const MAX_TAG_BYTES = 3;
/** Four length bytes address 4 GiB, far beyond any chip file; more is treated as garbage. */
const MAX_LENGTH_BYTES = 4;

/**
 * Reads one TLV starting at `offset`, not going past `end` (exclusive). Throws {@link TlvError} when the
 * element is truncated, its tag is longer than three bytes, or its length is indefinite or longer than four
 * bytes.
 */
export function readTlv(source: Uint8Array, offset = 0, end: number = source.length): Tlv {
  if (offset >= end) throw new TlvError('empty', 'no bytes left where a TLV was expected', offset);
  let pos = offset;
  const first = source[pos++]!;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Subsequent tag bytes: bit 8 set means another byte follows (ISO 7816-4 section 5.2.2.1, X.690 8.1.2.4).
    let more = true;
    while (more) {
      if (pos >= end) throw new TlvError('truncated-tag', 'the tag runs past the end of the data', pos);
      if (pos - offset >= MAX_TAG_BYTES) {
        throw new TlvError('tag-too-long', `tags longer than ${MAX_TAG_BYTES} bytes are not supported`, offset);
      }
      const b = source[pos++]!;
      tag = tag * 256 + b;
      more = (b & 0x80) !== 0;
    }
  }
  if (pos >= end) throw new TlvError('truncated-length', 'no length byte after the tag', pos);
  const lengthOffset = pos;
  const l0 = source[pos++]!;
  let length: number;
  if (l0 < 0x80) {
    length = l0;
  } else if (l0 === 0x80) {
    throw new TlvError('indefinite-length', 'indefinite length (80) is not allowed', lengthOffset);
  } else {
    const n = l0 & 0x7f;
    if (n > MAX_LENGTH_BYTES) {
      throw new TlvError('length-too-long', `a length of ${n} bytes is not supported`, lengthOffset);
    }
    if (pos + n > end) throw new TlvError('truncated-length', 'the length field runs past the end of the data', lengthOffset);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + source[pos++]!;
  }
  const valueOffset = pos;
  if (length > end - valueOffset) {
    throw new TlvError(
      'truncated-value',
      `the length says ${length} bytes but only ${end - valueOffset} remain`,
      lengthOffset,
    );
  }
  const stop = valueOffset + length;
  return {
    tag,
    constructed: (first & 0x20) !== 0,
    source,
    offset,
    valueOffset,
    end: stop,
    value: source.subarray(valueOffset, stop),
    raw: source.subarray(offset, stop),
  };
}

/** Reads consecutive TLVs filling `source[offset, end)` exactly. */
export function readTlvs(source: Uint8Array, offset = 0, end: number = source.length): Tlv[] {
  const out: Tlv[] = [];
  let pos = offset;
  while (pos < end) {
    const t = readTlv(source, pos, end);
    out.push(t);
    pos = t.end;
  }
  return out;
}

/** Reads exactly one TLV that fills `bytes` completely; anything after it is a `trailing-bytes` error. */
export function readSingleTlv(bytes: Uint8Array): Tlv {
  const t = readTlv(bytes, 0, bytes.length);
  if (t.end !== bytes.length) {
    throw new TlvError('trailing-bytes', `${bytes.length - t.end} bytes follow the TLV`, t.end);
  }
  return t;
}

/** The TLVs inside a constructed element's value. */
export function children(tlv: Tlv): Tlv[] {
  return readTlvs(tlv.source, tlv.valueOffset, tlv.end);
}

/** Tag as hex for messages: `5F1F`, `61`. */
export function tagHex(tag: number): string {
  const h = tag.toString(16).toUpperCase();
  return h.length % 2 === 0 ? h : `0${h}`;
}

/**
 * The bytes of `tag`. Throws a RangeError when the number is not a well-formed 1- to 3-byte BER tag (a
 * multi-byte tag starts with low bits 11111, continues with bytes that have bit 8 set and ends with one that
 * has it clear).
 */
export function encodeTag(tag: number): Uint8Array {
  // Fast path: the one-byte tags that make up almost all of DER.
  if (tag >= 0 && tag < 0x100 && (tag & 0x1f) !== 0x1f && Number.isInteger(tag)) return Uint8Array.of(tag);
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffff) throw new RangeError(`bad tag ${tag}`);
  const bytes: number[] = [];
  let t = tag;
  do {
    bytes.unshift(t & 0xff);
    t = Math.floor(t / 256);
  } while (t > 0);
  const multi = (bytes[0]! & 0x1f) === 0x1f;
  const wellFormed =
    bytes.length === 1
      ? !multi
      : multi &&
        bytes.slice(1, -1).every((b) => (b & 0x80) !== 0) &&
        (bytes[bytes.length - 1]! & 0x80) === 0;
  if (!wellFormed) throw new RangeError(`0x${tagHex(tag)} is not a well-formed BER tag`);
  return Uint8Array.from(bytes);
}

/** The length field for `n` value bytes: short form below 128, else the shortest long form (DER). */
export function encodeLength(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`bad length ${n}`);
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  let v = n;
  while (v > 0) {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  }
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One TLV: `tag`, minimal length, and `value` (several parts are concatenated, e.g. nested TLVs). */
export function encodeTlv(tag: number, value: Uint8Array | readonly Uint8Array[]): Uint8Array {
  const parts = value instanceof Uint8Array ? [value] : value;
  let length = 0;
  for (const p of parts) length += p.length;
  const t = encodeTag(tag);
  const l = encodeLength(length);
  const out = new Uint8Array(t.length + l.length + length);
  out.set(t, 0);
  out.set(l, t.length);
  let at = t.length + l.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
