/**
 * RSASSA-PSS verification (RFC 8017 section 8.1.2 with EMSA-PSS-VERIFY, section 9.1.2), written out so that
 * the MGF1 hash may differ from the message hash: `node:crypto` ties MGF1 to the signature digest, while
 * RSASSA-PSS-params (RFC 8017 appendix A.2.3) names them separately and ICAO 9303-12 allows any combination.
 * The RSA primitive itself (s^e mod n) is OpenSSL's, through `publicDecrypt` without padding.
 */
import { constants, createHash, publicDecrypt, type KeyObject } from 'node:crypto';
import { HASH_LENGTH, type HashName } from './algorithms';

/** RSASSA-PSS parameters (RFC 8017 appendix A.2.3). */
export interface PssParameters {
  hash: HashName;
  mgf1Hash: HashName;
  saltLength: number;
}

/** MGF1 (RFC 8017 appendix B.2.1). */
function mgf1(seed: Uint8Array, length: number, hash: HashName): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  for (let counter = 0; filled < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hash).update(seed).update(c).digest();
    out.set(block.subarray(0, Math.min(block.length, length - filled)), filled);
    filled += block.length;
  }
  return out;
}

/** EMSA-PSS-VERIFY (RFC 8017 section 9.1.2): true when `em` is a valid encoding of `message`. */
export function emsaPssVerify(message: Uint8Array, em: Uint8Array, emBits: number, p: PssParameters): boolean {
  const hLen = HASH_LENGTH[p.hash];
  const emLen = Math.ceil(emBits / 8);
  if (em.length !== emLen || emLen < hLen + p.saltLength + 2) return false;
  if (em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const zeroBits = 8 * emLen - emBits;
  const topMask = (0xff << (8 - zeroBits)) & 0xff;
  if ((maskedDb[0]! & topMask) !== 0) return false;
  const dbMask = mgf1(h, maskedDb.length, p.mgf1Hash);
  const db = maskedDb.map((b, i) => b ^ dbMask[i]!);
  db[0] = db[0]! & ~topMask & 0xff;
  const psLen = emLen - hLen - p.saltLength - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 0x01) return false;
  const salt = db.subarray(db.length - p.saltLength);
  const mHash = createHash(p.hash).update(message).digest();
  const h2 = createHash(p.hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  return Buffer.from(h).equals(h2);
}

/**
 * Verifies an RSASSA-PSS signature. Returns false (never throws) for a wrong signature, a signature that is
 * not an integer below the modulus, or a key that is not RSA.
 */
export function verifyRsassaPss(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
  p: PssParameters,
): boolean {
  const bits = publicKey.asymmetricKeyDetails?.modulusLength;
  if ((publicKey.asymmetricKeyType !== 'rsa' && publicKey.asymmetricKeyType !== 'rsa-pss') || bits === undefined) return false;
  const k = Math.ceil(bits / 8);
  if (signature.length !== k) return false;
  let m: Buffer;
  try {
    m = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  } catch {
    return false;
  }
  // I2OSP to emLen = ceil((modBits - 1) / 8) octets: drop one leading zero octet when emLen < k.
  const emBits = bits - 1;
  const emLen = Math.ceil(emBits / 8);
  const lead = m.subarray(0, m.length - emLen);
  if (lead.some((b) => b !== 0)) return false;
  return emsaPssVerify(message, m.subarray(m.length - emLen), emBits, p);
}
