/**
 * Basic Access Control document keys (ICAO 9303-11 section 4.3 and section 9.7.1): the MRZ information,
 * the key seed, and the key derivation function that turns a seed into 3DES keys.
 */
import { createHash } from 'node:crypto';
import { checkDigit } from '../check-digit';
import type { BacKeyInput } from '../lds/chip-image';
import { adjustDesParity } from './des';

/** KDF counter for the encryption key (ICAO 9303-11 section 9.7). */
export const KDF_COUNTER_ENC = 1;
/** KDF counter for the MAC key. */
export const KDF_COUNTER_MAC = 2;

const DOCUMENT_NUMBER = /^[0-9A-Z<]+$/;
const YYMMDD = /^\d{6}$/;

/** The 16-byte 2-key 3DES pair that keys BAC or a secure messaging session. */
export interface TdesKeyPair {
  /** K_enc (or KS_enc): 3DES-CBC encryption. */
  enc: Uint8Array;
  /** K_mac (or KS_mac): ISO/IEC 9797-1 MAC algorithm 3. */
  mac: Uint8Array;
}

/**
 * The document number as it enters the key seed: `<`-padded to 9 characters. A shorter number read from a
 * TD1 MRZ carries its fillers, so a chip keyed with the unpadded number would answer no reader.
 */
export function padDocumentNumber(documentNumber: string): string {
  return documentNumber.length >= 9 ? documentNumber : documentNumber + '<'.repeat(9 - documentNumber.length);
}

/**
 * The MRZ information (ICAO 9303-11 section 4.3): document number (padded to 9) + check digit + date of
 * birth + check digit + date of expiry + check digit. Check digits are computed here, never taken from input,
 * because a wrong printed check digit must not change the key. Throws a RangeError naming the bad field.
 */
export function mrzInformation(input: BacKeyInput): string {
  const doc = padDocumentNumber(input.documentNumber);
  if (!DOCUMENT_NUMBER.test(doc)) throw new RangeError(`BAC document number ${JSON.stringify(input.documentNumber)} has characters outside [0-9A-Z<]`);
  if (!YYMMDD.test(input.dateOfBirth)) throw new RangeError(`BAC date of birth must be YYMMDD, got ${JSON.stringify(input.dateOfBirth)}`);
  if (!YYMMDD.test(input.dateOfExpiry)) throw new RangeError(`BAC date of expiry must be YYMMDD, got ${JSON.stringify(input.dateOfExpiry)}`);
  return (
    doc + checkDigit(doc) + input.dateOfBirth + checkDigit(input.dateOfBirth) + input.dateOfExpiry + checkDigit(input.dateOfExpiry)
  );
}

/** K_seed: the first 16 bytes of SHA-1 over the MRZ information (ICAO 9303-11 section 4.3). */
export function bacKeySeed(mrzInfo: string): Uint8Array {
  const digest = createHash('sha1').update(mrzInfo, 'latin1').digest();
  return new Uint8Array(digest.subarray(0, 16));
}

/**
 * The 3DES key derivation function (ICAO 9303-11 section 9.7): SHA-1 over seed || counter (32-bit big
 * endian), the first 16 bytes of the digest taken as Ka || Kb with DES parity bits adjusted.
 */
export function deriveTdesKey(seed: Uint8Array, counter: number): Uint8Array {
  const d = new Uint8Array(seed.length + 4);
  d.set(seed, 0);
  new DataView(d.buffer).setUint32(seed.length, counter >>> 0, false);
  const digest = createHash('sha1').update(d).digest();
  return adjustDesParity(digest.subarray(0, 16));
}

/** K_enc and K_mac from a key seed (or, for session keys, from K.IFD XOR K.IC). */
export function deriveKeyPair(seed: Uint8Array): TdesKeyPair {
  return { enc: deriveTdesKey(seed, KDF_COUNTER_ENC), mac: deriveTdesKey(seed, KDF_COUNTER_MAC) };
}

/** The document basic access keys for the given MRZ fields. */
export function deriveBacKeys(input: BacKeyInput): TdesKeyPair {
  return deriveKeyPair(bacKeySeed(mrzInformation(input)));
}
