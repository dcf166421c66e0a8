/**
 * Active Authentication with an ECDSA key (ICAO 9303-11 section 6.1): the terminal sends an 8-byte random
 * challenge in INTERNAL AUTHENTICATE, the chip signs it with the private key whose public key is in DG15.
 *
 * For ECDSA, 9303-11 section 6.1.2.2 prescribes the plain signature format of BSI TR-03111 (r||s, each
 * the size of the curve order) over the challenge hashed by the algorithm DG14's ActiveAuthenticationInfo
 * names. cardline's chips carry no DG14, so the hash is fixed to SHA-256, the hash that matches P-256
 * (documented in LDS.md; a reader without DG14 must be told). RSA Active Authentication (ISO/IEC 9796-2
 * message recovery) is not supported.
 */
import { createPrivateKey, sign, verify, type KeyObject } from 'node:crypto';
import { publicKeyFromSpki } from '../pki/public-key';

/** The hash cardline's Active Authentication uses (no DG14 to name another). */
export const ACTIVE_AUTH_HASH = 'sha256';

/** Key type is not supported for Active Authentication. */
export class ActiveAuthKeyError extends Error {
  /** `message` says which key type was given. */
  constructor(message: string) {
    super(message);
    this.name = 'ActiveAuthKeyError';
  }
}

/**
 * The chip's side: signs `challenge` with the private key (PKCS#8 DER, or a KeyObject already loaded: importing
 * the key costs ten times the signature), returning r||s. Throws {@link ActiveAuthKeyError} for a key that is
 * not EC.
 */
export function signActiveAuthChallenge(privateKey: Uint8Array | KeyObject, challenge: Uint8Array): Uint8Array {
  const key = privateKey instanceof Uint8Array ? createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' }) : privateKey;
  if (key.asymmetricKeyType !== 'ec') throw new ActiveAuthKeyError(`Active Authentication with ${key.asymmetricKeyType} keys is not supported`);
  return new Uint8Array(sign(ACTIVE_AUTH_HASH, challenge, { key, dsaEncoding: 'ieee-p1363' }));
}

/**
 * The terminal's side: true when `signature` (r||s) over `challenge` verifies under `publicKey` (a KeyObject,
 * or the SubjectPublicKeyInfo DER from DG15). A malformed signature is simply false. Throws
 * {@link ActiveAuthKeyError} for a key that is not EC.
 */
export function verifyActiveAuthSignature(publicKey: KeyObject | Uint8Array, challenge: Uint8Array, signature: Uint8Array): boolean {
  const key = publicKey instanceof Uint8Array ? publicKeyFromSpki(publicKey) : publicKey;
  if (key.asymmetricKeyType !== 'ec') throw new ActiveAuthKeyError(`Active Authentication with ${key.asymmetricKeyType} keys is not supported`);
  try {
    return verify(ACTIVE_AUTH_HASH, challenge, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
