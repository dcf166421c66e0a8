/**
 * The Active Authentication key as the virtual chip holds it (ICAO 9303-11 section 6.1): an ECDSA P-256
 * private key put at personalization as PKCS#8 DER. Signing is the LDS module's
 * `signActiveAuthChallenge` (SHA-256, plain r || s as BSI TR-03111 and ICAO 9303-11 section 6.1
 * prescribe), so chip and reader agree by construction.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { signActiveAuthChallenge } from '../../identity/lds/active-auth';

/** A loaded AA key. */
export interface AaKey {
  pkcs8: Uint8Array;
  /** The key loaded once at PUT DATA, as a chip holds it in its key store. */
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo DER of the public key (what DG15 should carry). */
  publicKeySpki: Uint8Array;
}

/** Loads a PKCS#8 DER key; undefined when it is not a valid ECDSA P-256 key (the chip answers 6A80). */
export function loadAaKey(pkcs8: Uint8Array): AaKey | undefined {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch {
    return undefined;
  }
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return undefined;
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { pkcs8: Uint8Array.from(pkcs8), privateKey, publicKeySpki: new Uint8Array(spki) };
}

/** The 64-byte r || s signature over SHA-256(challenge). */
export function signChallenge(key: AaKey, challenge: Uint8Array): Uint8Array {
  return signActiveAuthChallenge(key.privateKey, challenge);
}
