/**
 * The signature algorithm that goes with a private key, for certificates and for the Document Signer:
 * ECDSA with the SHA-2 hash matching the curve size (P-256/SHA-256, P-384/SHA-384, P-521/SHA-512, as
 * BSI TR-03111 and RFC 5480 section 4 pair them; brainpool curves likewise by size), or
 * sha256WithRSAEncryption for RSA keys. Signatures come out in the form X.509 and CMS carry: DER
 * Ecdsa-Sig-Value for ECDSA (RFC 5758 section 3.2), the PKCS#1 v1.5 octet string for RSA.
 */
import { sign, type KeyObject } from 'node:crypto';
import { derNull, derOid, derSequence } from '../lds/der';
import { ecdsaOid, rsaPkcs1Oid, type HashName } from './algorithms';

/** How a key signs. */
export interface KeySignatureAlgorithm {
  /** "ecdsa-with-SHA256", "sha256WithRSAEncryption", ... */
  name: string;
  hash: HashName;
  /** The AlgorithmIdentifier DER to put in certificates and SignerInfo. */
  algorithmIdentifier: Uint8Array;
}

const CURVE_HASH: Readonly<Record<string, HashName>> = {
  prime256v1: 'sha256',
  secp384r1: 'sha384',
  secp521r1: 'sha512',
  brainpoolP256r1: 'sha256',
  brainpoolP384r1: 'sha384',
  brainpoolP512r1: 'sha512',
};

/** The signature algorithm for `key` (private or public). Throws a RangeError for unsupported key types. */
export function signatureAlgorithmForKey(key: KeyObject): KeySignatureAlgorithm {
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
    const hash = CURVE_HASH[curve];
    if (hash === undefined) throw new RangeError(`no signature algorithm for EC curve "${curve}"`);
    return { name: `ecdsa-with-${hash.toUpperCase()}`, hash, algorithmIdentifier: derSequence([derOid(ecdsaOid(hash))]) };
  }
  if (key.asymmetricKeyType === 'rsa') {
    return {
      name: 'sha256WithRSAEncryption',
      hash: 'sha256',
      algorithmIdentifier: derSequence([derOid(rsaPkcs1Oid('sha256')), derNull()]),
    };
  }
  throw new RangeError(`no signature algorithm for ${key.asymmetricKeyType ?? 'unknown'} keys`);
}

/** Signs `data` with `privateKey` by {@link signatureAlgorithmForKey} (synchronous, node:crypto). */
export function signWithKey(privateKey: KeyObject, data: Uint8Array): Uint8Array {
  const alg = signatureAlgorithmForKey(privateKey);
  return sign(alg.hash, data, privateKey.asymmetricKeyType === 'ec' ? { key: privateKey, dsaEncoding: 'der' } : privateKey);
}
