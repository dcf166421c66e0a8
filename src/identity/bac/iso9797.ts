/**
 * ISO/IEC 9797-1 padding method 2 and MAC algorithm 3 (the "retail MAC"), block size 8, as ICAO 9303-11
 * section 9.8 prescribes for BAC secure messaging.
 */
import { desCbcDecrypt, desCbcEncrypt } from './des';
import { SecureMessagingError } from './errors';

const macKeyHalves = new WeakMap<Uint8Array, [Uint8Array, Uint8Array]>();

/** Block size of DES in bytes. */
export const DES_BLOCK = 8;

/** Padding method 2: append 0x80, then 0x00 up to a multiple of 8 bytes (always at least one byte added). */
export function padIso9797Method2(data: Uint8Array): Uint8Array {
  const padded = new Uint8Array((Math.floor(data.length / DES_BLOCK) + 1) * DES_BLOCK);
  padded.set(data, 0);
  padded[data.length] = 0x80;
  return padded;
}

/**
 * Removes padding method 2. Throws a {@link SecureMessagingError} (`bad-padding`) naming `what` when the
 * data is empty, not whole blocks, or does not end with 0x80 followed by at most 7 zero bytes.
 */
export function unpadIso9797Method2(padded: Uint8Array, what = 'data'): Uint8Array {
  if (padded.length === 0 || padded.length % DES_BLOCK !== 0) {
    throw new SecureMessagingError('bad-padding', `${what}: ${padded.length} bytes is not a whole number of blocks`);
  }
  const floor = padded.length - DES_BLOCK;
  let i = padded.length - 1;
  while (i >= floor && padded[i] === 0x00) i--;
  if (i < floor || padded[i] !== 0x80) {
    throw new SecureMessagingError('bad-padding', `${what}: padding method 2 marker 0x80 not found in the last block`, floor);
  }
  return padded.slice(0, i);
}

/**
 * MAC algorithm 3 with padding method 2: single-DES CBC-MAC under K1 over the padded data, then the last block
 * is decrypted under K2 and encrypted under K1 again. `key16` = K1 || K2. Returns the 8-byte MAC.
 */
export function retailMac(key16: Uint8Array, data: Uint8Array): Uint8Array {
  if (key16.length !== 16) throw new RangeError(`retail MAC: key must be 16 bytes, got ${key16.length}`);
  // The same K1 and K2 objects for the same key object, so des.ts can keep their ciphers (see CbcStream).
  let halves = macKeyHalves.get(key16);
  if (halves === undefined) macKeyHalves.set(key16, (halves = [key16.slice(0, 8), key16.slice(8, 16)]));
  const [k1, k2] = halves;
  const chain = desCbcEncrypt(k1, padIso9797Method2(data));
  const last = chain.subarray(chain.length - DES_BLOCK);
  return desCbcEncrypt(k1, desCbcDecrypt(k2, last));
}
