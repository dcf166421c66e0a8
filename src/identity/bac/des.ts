/**
 * DES and two-key triple DES as Basic Access Control and secure messaging use them (ICAO 9303-11 sections
 * 9.7 and 9.8): CBC mode with a zero IV and no padding of its own (callers pad with ISO/IEC 9797-1 method 2).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

const ZERO_IV = new Uint8Array(8);

function checkBlocks(data: Uint8Array, what: string): void {
  if (data.length % 8 !== 0) throw new RangeError(`${what}: ${data.length} bytes is not a whole number of 8-byte DES blocks`);
}

function checkKey(key: Uint8Array, length: number, what: string): void {
  if (key.length !== length) throw new RangeError(`${what}: key must be ${length} bytes, got ${key.length}`);
}

function run(decrypt: boolean, key16: Uint8Array, data: Uint8Array, iv: Uint8Array): Uint8Array {
  const cipher = decrypt ? createDecipheriv('des-ede-cbc', key16, iv) : createCipheriv('des-ede-cbc', key16, iv);
  cipher.setAutoPadding(false);
  const first = cipher.update(data);
  const last = cipher.final();
  const out = new Uint8Array(first.length + last.length);
  out.set(first, 0);
  out.set(last, first.length);
  return out;
}

/** Two-key 3DES (K1, K2, K1) in CBC mode, zero IV unless given; `data` must be whole 8-byte blocks. */
export function tdesCbcEncrypt(key16: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  checkKey(key16, 16, '3DES encrypt');
  checkBlocks(data, '3DES encrypt');
  return run(false, key16, data, iv);
}

/** Inverse of {@link tdesCbcEncrypt}. */
export function tdesCbcDecrypt(key16: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  checkKey(key16, 16, '3DES decrypt');
  checkBlocks(data, '3DES decrypt');
  return run(true, key16, data, iv);
}

/**
 * Single DES in CBC mode. OpenSSL 3 moved plain DES to its legacy provider, so this runs 3DES with K1 = K2:
 * E(K) D(K) E(K) equals E(K), the standard backward-compatibility property of triple DES.
 */
export function desCbcEncrypt(key8: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  checkKey(key8, 8, 'DES encrypt');
  checkBlocks(data, 'DES encrypt');
  const doubled = new Uint8Array(16);
  doubled.set(key8, 0);
  doubled.set(key8, 8);
  return run(false, doubled, data, iv);
}

/** Single DES decryption, see {@link desCbcEncrypt}. */
export function desCbcDecrypt(key8: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  checkKey(key8, 8, 'DES decrypt');
  checkBlocks(data, 'DES decrypt');
  const doubled = new Uint8Array(16);
  doubled.set(key8, 0);
  doubled.set(key8, 8);
  return run(true, doubled, data, iv);
}

/**
 * Sets the least significant bit of every byte so that the byte has odd parity, as DES keys require
 * (FIPS 46-3; ICAO 9303-11 section 9.7 asks for parity-adjusted 3DES keys). Returns a new array.
 */
export function adjustDesParity(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) {
    const b = key[i]! & 0xfe;
    let ones = 0;
    for (let v = b; v !== 0; v >>= 1) ones += v & 1;
    out[i] = ones % 2 === 0 ? b | 1 : b;
  }
  return out;
}
