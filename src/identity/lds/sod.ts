/**
 * EF.SOD, the Document Security Object (ICAO 9303-10 section 4.6.2): `77 L` + a CMS ContentInfo holding
 * SignedData (RFC 5652 section 5) over the LDS Security Object.
 *
 * What cardline writes:
 * - SignedData version 3 (RFC 5652 section 5.1: eContentType is not id-data), digestAlgorithms { SHA-256 },
 *   encapContentInfo { eContentType 2.23.136.1.1.1, eContent = the DER LDSSecurityObject as a primitive
 *   OCTET STRING }, certificates { the Document Signer certificate }, no CRLs.
 * - One SignerInfo version 1 (sid = issuerAndSerialNumber of the DS certificate), digestAlgorithm SHA-256
 *   (parameters absent, RFC 5754), signed attributes contentType and messageDigest (RFC 5652 section 11;
 *   ICAO 9303-10 requires both), signingTime only when the caller gives a time (identity/ reads no clock),
 *   signatureAlgorithm from the DocumentSigner (ecdsa-with-SHA256, no parameters, RFC 5758).
 * - Signed attributes are DER: the SET OF is sorted (X.690 section 11.6), and the bytes signed are exactly
 *   the bytes written with the [0] tag replaced by SET (RFC 5652 section 5.4).
 *
 * Encoded with the DER helpers of der.ts rather than pkijs classes: the result is the same DER (checked by
 * `openssl cms -verify` in the tests), the certificate and names are inserted byte for byte instead of being
 * re-encoded, and it costs well under a millisecond where pkijs took about 15 ms a card (it parses and
 * re-encodes the DS certificate on every call), which matters for 10,000-card simulated shifts. Only the
 * signing is asynchronous, through {@link DocumentSigner}.
 */
import { createHash } from 'node:crypto';
import { ecdsaOid, HASH_OID, OID, type HashName } from '../pki/algorithms';
import { parseCertificate } from '../pki/certificate';
import type { DocumentSigner, DocumentSignerAlgorithm } from '../pki/document-signer';
import { derExplicit, derInteger, derOctetString, derOid, derSequence, derSetOf, derTime } from './der';
import { EF_SOD } from './lds-files';
import { encodeLdsSecurityObject } from './lds-security-object';
import { parseSod } from './sod-parser';
import { encodeTlv } from './tlv';

export { parseSod } from './sod-parser';
export type { ParsedSod, SodSignerInfo, SignedAttribute } from './sod-parser';

/** Hashes allowed for the LDS Security Object and messageDigest. */
export type SodHashAlgorithm = Extract<HashName, 'sha256' | 'sha384' | 'sha512'>;

/** Input of {@link buildSod}. */
export interface SodInput {
  /** DG number -> the whole data group file (tag, length, value) exactly as written to the chip. */
  dataGroups: ReadonlyMap<number, Uint8Array>;
  signer: DocumentSigner;
  /** Default SHA-256. */
  hashAlgorithm?: SodHashAlgorithm;
  /** When given, a signingTime attribute is added (UTCTime 1950-2049, else GeneralizedTime; RFC 5652 section 11.3). */
  signingTime?: Date;
}

const SIGNATURE_HASH: Readonly<Record<DocumentSignerAlgorithm, HashName>> = {
  'ecdsa-with-SHA256': 'sha256',
  'ecdsa-with-SHA384': 'sha384',
  'ecdsa-with-SHA512': 'sha512',
};

/** AlgorithmIdentifier without parameters: absent for SHA-2 (RFC 5754 section 2) and ECDSA (RFC 5758 section 3.2). */
function algorithmId(oid: string): Uint8Array {
  return derSequence([derOid(oid)]);
}

/** The signer certificate's issuer Name and serial number, parsed once per certificate object. */
const signerIdCache = new WeakMap<Uint8Array, Uint8Array>();

/** issuerAndSerialNumber (RFC 5652 section 10.2.4) of the DER certificate `cert`. */
function issuerAndSerialNumber(cert: Uint8Array): Uint8Array {
  let sid = signerIdCache.get(cert);
  if (sid === undefined) {
    const info = parseCertificate(cert);
    sid = derSequence([info.issuer, encodeTlv(0x02, info.serialNumber)]);
    signerIdCache.set(cert, sid);
  }
  return sid;
}

/**
 * Builds EF.SOD (with the `77` wrapper) for `dataGroups`, signed by `signer`. Throws a RangeError when fewer
 * than two data groups are given (the LDS Security Object needs two) or the signer announces an unknown
 * algorithm, an LdsError when the signer's certificate is malformed; rejects when the signer fails.
 */
export async function buildSod(input: SodInput): Promise<Uint8Array> {
  const hash = input.hashAlgorithm ?? 'sha256';
  const hashes = new Map<number, Uint8Array>();
  for (const [n, bytes] of input.dataGroups) hashes.set(n, createHash(hash).update(bytes).digest());
  const eContent = encodeLdsSecurityObject(hash, hashes);
  const signatureHash = SIGNATURE_HASH[input.signer.signatureAlgorithm];
  if (signatureHash === undefined) throw new RangeError(`unsupported signature algorithm ${input.signer.signatureAlgorithm}`);
  const sid = issuerAndSerialNumber(input.signer.certificateDer);

  // Attribute ::= SEQUENCE { attrType OID, attrValues SET OF AttributeValue } (RFC 5652 section 5.3).
  const attributes = [
    derSequence([derOid(OID.contentType), derSetOf([derOid(OID.ldsSecurityObject)])]),
    derSequence([derOid(OID.messageDigest), derSetOf([derOctetString(createHash(hash).update(eContent).digest())])]),
  ];
  if (input.signingTime !== undefined) {
    attributes.push(derSequence([derOid(OID.signingTime), derSetOf([derTime(input.signingTime)])]));
  }
  // What is signed is the DER SET OF (sorted); what is written is the same bytes with the [0] IMPLICIT tag.
  const signedAttrsSet = derSetOf(attributes);
  const signature = await input.signer.sign(signedAttrsSet);
  const signedAttrsField = Uint8Array.from(signedAttrsSet);
  signedAttrsField[0] = 0xa0;

  const signerInfo = derSequence([
    derInteger(1),
    sid,
    algorithmId(HASH_OID[hash]),
    signedAttrsField,
    algorithmId(ecdsaOid(signatureHash)),
    derOctetString(signature),
  ]);
  const signedData = derSequence([
    derInteger(3),
    derSetOf([algorithmId(HASH_OID[hash])]),
    derSequence([derOid(OID.ldsSecurityObject), derExplicit(0, derOctetString(eContent))]),
    // certificates [0] IMPLICIT CertificateSet: the DS certificate exactly as issued.
    encodeTlv(0xa0, input.signer.certificateDer),
    derSetOf([signerInfo]),
  ]);
  return encodeTlv(EF_SOD.tag, derSequence([derOid(OID.signedData), derExplicit(0, signedData)]));
}

/** The CMS ContentInfo inside EF.SOD: strips the `77` wrapper when present (for tools like `openssl cms`). */
export function sodContentInfo(sod: Uint8Array): Uint8Array {
  return parseSod(sod).contentInfo;
}
