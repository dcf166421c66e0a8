/**
 * Object identifiers of the hash and signature algorithms that ICAO 9303-11 section 9 and 9303-12 allow for
 * EF.SOD and eMRTD certificates, and their mapping to what `node:crypto` needs to sign or verify.
 *
 * Sources: RFC 3279 / RFC 5758 (ECDSA with SHA-1 / SHA-2), BSI TR-03111 section 5.2.1 (ECDSA "plain"
 * signatures, r||s), RFC 8017 appendix A (PKCS#1 v1.5 and RSASSA-PSS), RFC 5754 / NIST CSOR (hashes).
 */

/** Hash algorithms by their `node:crypto` names. */
export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** OID of each hash algorithm. */
export const HASH_OID: Readonly<Record<HashName, string>> = {
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};

/** Output length in bytes of each hash. */
export const HASH_LENGTH: Readonly<Record<HashName, number>> = {
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

/** The hash named by `oid`, or undefined. */
export function hashOfOid(oid: string): HashName | undefined {
  for (const [name, o] of Object.entries(HASH_OID)) if (o === oid) return name as HashName;
  return undefined;
}

/** Other OIDs used around EF.SOD and certificates. */
export const OID = {
  /** ICAO 9303-10: id-icao-mrtd-security-ldsSecurityObject. */
  ldsSecurityObject: '2.23.136.1.1.1',
  /** RFC 5652: id-signedData. */
  signedData: '1.2.840.113549.1.7.2',
  /** RFC 5652 section 11: signed attributes. */
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  /** RFC 5480. */
  ecPublicKey: '1.2.840.10045.2.1',
  primeField: '1.2.840.10045.1.1',
  /** RFC 8017. */
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  /** RFC 5280 extensions. */
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  privateKeyUsagePeriod: '2.5.29.16',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

/** ECDSA signatures, DER-encoded Ecdsa-Sig-Value (RFC 5758 section 3.2, RFC 3279 for SHA-1). */
const ECDSA_DER: Readonly<Record<string, HashName>> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
/** ECDSA signatures as plain r||s (BSI TR-03111 ecdsa-plain-signatures). */
const ECDSA_PLAIN: Readonly<Record<string, HashName>> = {
  '0.4.0.127.0.7.1.1.4.1.1': 'sha1',
  '0.4.0.127.0.7.1.1.4.1.2': 'sha224',
  '0.4.0.127.0.7.1.1.4.1.3': 'sha256',
  '0.4.0.127.0.7.1.1.4.1.4': 'sha384',
  '0.4.0.127.0.7.1.1.4.1.5': 'sha512',
};
/** RSASSA-PKCS1-v1_5 with a named hash (RFC 8017 appendix A.2.4). */
const RSA_PKCS1: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

/** What the OID of a signature algorithm alone says (RSASSA-PSS needs its parameters too). */
export type SignatureOidKind =
  | { kind: 'ecdsa'; hash: HashName; encoding: 'der' | 'plain' }
  | { kind: 'rsa-pkcs1'; hash: HashName }
  | { kind: 'rsa-pkcs1-digest-separate' }
  | { kind: 'rsa-pss' };

/** Classifies a signature algorithm OID, or undefined when it is not one ICAO uses. */
export function classifySignatureOid(oid: string): SignatureOidKind | undefined {
  const ecDer = ECDSA_DER[oid];
  if (ecDer !== undefined) return { kind: 'ecdsa', hash: ecDer, encoding: 'der' };
  const ecPlain = ECDSA_PLAIN[oid];
  if (ecPlain !== undefined) return { kind: 'ecdsa', hash: ecPlain, encoding: 'plain' };
  const rsa = RSA_PKCS1[oid];
  if (rsa !== undefined) return { kind: 'rsa-pkcs1', hash: rsa };
  if (oid === OID.rsaEncryption) return { kind: 'rsa-pkcs1-digest-separate' };
  if (oid === OID.rsassaPss) return { kind: 'rsa-pss' };
  return undefined;
}

/** OID of ecdsa-with-SHAxxx (DER signature) for a hash. */
export function ecdsaOid(hash: HashName): string {
  const found = Object.entries(ECDSA_DER).find(([, h]) => h === hash);
  return found![0];
}

/** OID of shaxxxWithRSAEncryption (PKCS#1 v1.5) for a hash. */
export function rsaPkcs1Oid(hash: HashName): string {
  const found = Object.entries(RSA_PKCS1).find(([, h]) => h === hash);
  return found![0];
}

/** A short readable name for an algorithm OID (hash or signature), falling back to the dotted OID. */
export function algorithmName(oid: string): string {
  const names: Record<string, string> = {
    '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
    '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
    '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
    '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
    '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
    '0.4.0.127.0.7.1.1.4.1.1': 'ecdsa-plain-SHA1',
    '0.4.0.127.0.7.1.1.4.1.2': 'ecdsa-plain-SHA224',
    '0.4.0.127.0.7.1.1.4.1.3': 'ecdsa-plain-SHA256',
    '0.4.0.127.0.7.1.1.4.1.4': 'ecdsa-plain-SHA384',
    '0.4.0.127.0.7.1.1.4.1.5': 'ecdsa-plain-SHA512',
    '1.2.840.113549.1.1.1': 'rsaEncryption',
    '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
    '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
    '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
    '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
    '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
    '1.2.840.113549.1.1.10': 'rsassa-pss',
  };
  return names[oid] ?? hashOfOid(oid) ?? oid;
}
