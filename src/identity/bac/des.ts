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

/**
 * A long-lived OpenSSL CBC cipher for one key and direction. Creating a cipher costs far more than running one
 * (an EVP fetch and a key schedule: about 15 µs against 1 µs for a 240-byte MAC), and secure messaging runs
 * several per APDU, so each key keeps its two ciphers for as long as the key object lives.
 *
 * OpenSSL's CBC state cannot be reset, but it does not need to be: after any call the state is the last
 * ciphertext block S. Encrypting P1 xor S xor IV as the first block gives E(P1 xor IV), exactly a fresh chain
 * with that IV; decrypting, the first plaintext block comes out xored with S instead of IV and is corrected the
 * same way. With padding off, OpenSSL returns every block at once and holds nothing back.
 */
class CbcStream {
  private readonly cipher: ReturnType<typeof createCipheriv> | ReturnType<typeof createDecipheriv>;
  private readonly state = new Uint8Array(8);

  constructor(
    key16: Uint8Array,
    private readonly decrypt: boolean,
  ) {
    this.cipher = decrypt ? createDecipheriv('des-ede-cbc', key16, ZERO_IV) : createCipheriv('des-ede-cbc', key16, ZERO_IV);
    this.cipher.setAutoPadding(false);
  }

  run(data: Uint8Array, iv: Uint8Array): Uint8Array {
    if (data.length === 0) return new Uint8Array(0);
    const n = data.length;
    if (this.decrypt) {
      const out = new Uint8Array(this.cipher.update(data));
      for (let i = 0; i < 8; i++) out[i]! ^= this.state[i]! ^ iv[i]!;
      this.state.set(data.subarray(n - 8, n));
      return out;
    }
    const input = Uint8Array.from(data);
    for (let i = 0; i < 8; i++) input[i]! ^= this.state[i]! ^ iv[i]!;
    const out = new Uint8Array(this.cipher.update(input));
    this.state.set(out.subarray(n - 8, n));
    return out;
  }
}

/** The ciphers of one key object; weakly held, so they go when the session's keys go. */
const streams = new WeakMap<Uint8Array, { encrypt?: CbcStream; decrypt?: CbcStream }>();

function run(decrypt: boolean, key16: Uint8Array, data: Uint8Array, iv: Uint8Array, cacheKey: Uint8Array = key16): Uint8Array {
  let entry = streams.get(cacheKey);
  if (entry === undefined) streams.set(cacheKey, (entry = {}));
  const stream = decrypt ? (entry.decrypt ??= new CbcStream(key16, true)) : (entry.encrypt ??= new CbcStream(key16, false));
  return stream.run(data, iv);
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
  return run(false, doubleKey(key8), data, iv, key8);
}

/** Single DES decryption, see {@link desCbcEncrypt}. */
export function desCbcDecrypt(key8: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  checkKey(key8, 8, 'DES decrypt');
  checkBlocks(data, 'DES decrypt');
  return run(true, doubleKey(key8), data, iv, key8);
}

function doubleKey(key8: Uint8Array): Uint8Array {
  const doubled = new Uint8Array(16);
  doubled.set(key8, 0);
  doubled.set(key8, 8);
  return doubled;
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
