/**
 * Byte helpers for the BAC and secure messaging code: hex conversion, concatenation, comparison. Kept local
 * so the cryptographic modules depend on nothing but `node:crypto`.
 */
import { timingSafeEqual } from 'node:crypto';

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** Bytes of a hex string (spaces allowed, case-insensitive). Throws a RangeError on odd length or a non-hex digit. */
export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (!HEX.test(clean)) throw new RangeError(`not an even-length hex string: ${JSON.stringify(hex.slice(0, 40))}`);
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

/** Upper-case hex of `bytes`, the way ICAO 9303 prints its worked examples. */
export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

/** One new array holding `parts` back to back. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * True when `a` and `b` hold the same bytes. Constant time for equal lengths, because a MAC comparison that
 * stops at the first differing byte tells an attacker how many bytes it got right.
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `a XOR b`, byte by byte; both must have the same length. */
export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) throw new RangeError(`xor of ${a.length} and ${b.length} bytes`);
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}
