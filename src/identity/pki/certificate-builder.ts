/**
 * Issues the two certificates of a test eMRTD PKI (ICAO 9303-12 section 7, certificate profiles):
 *
 * - **CSCA** (Country Signing CA), self-signed: basicConstraints CA:true pathLen:0 (critical), keyUsage
 *   keyCertSign + cRLSign (critical), subject and authority key identifiers.
 * - **Document Signer**, issued by the CSCA: keyUsage digitalSignature (critical), authority key identifier
 *   (= the CSCA's subject key identifier), subject key identifier, privateKeyUsagePeriod (the months during
 *   which it signs, ICAO 9303-12 section 5.4).
 *
 * Pure: keys, serial numbers and dates are inputs; signing is synchronous `node:crypto`. The signature
 * algorithm follows the issuer key (P-256 -> ecdsa-with-SHA256, P-384 -> ecdsa-with-SHA384, see
 * signing-key.ts). Not written (ICAO marks them optional or they need infrastructure a test PKI does not
 * have): CRL distribution points, certificate policies, the document type list, name change.
 */
import type { KeyObject } from 'node:crypto';
import {
  derBitString,
  derBoolean,
  derExplicit,
  derGeneralizedTime,
  derInteger,
  derOctetString,
  derOid,
  derSequence,
  derTime,
} from '../lds/der';
import { encodeTlv } from '../lds/tlv';
import { OID } from './algorithms';
import { keyIdentifierOfSpki, parseCertificate } from './certificate';
import { encodeName, type DistinguishedName } from './distinguished-name';
import { publicKeyFromSpki, toPublicKey } from './public-key';
import { signatureAlgorithmForKey, signWithKey } from './signing-key';

/** Validity and serial of a certificate to issue. */
export interface CertificateTerms {
  /** Positive, at most 20 octets (RFC 5280 section 4.1.2.2). */
  serialNumber: bigint;
  notBefore: Date;
  notAfter: Date;
}

/** Input of {@link buildCscaCertificate}. */
export interface CscaCertificateInput extends CertificateTerms {
  subject: DistinguishedName;
  /** The CSCA key pair: the certificate certifies the public half and is signed with the private half. */
  privateKey: KeyObject;
}

/** Input of {@link buildDocumentSignerCertificate}. */
export interface DocumentSignerCertificateInput extends CertificateTerms {
  subject: DistinguishedName;
  /** The Document Signer's public key. */
  publicKey: KeyObject;
  /** End of the private key usage period (ICAO 9303-12: the DS signs for at most about 3 months). */
  privateKeyUsageEnd: Date;
  /** The issuing CSCA certificate (DER) and its private key. */
  issuerCertificate: Uint8Array;
  issuerPrivateKey: KeyObject;
}

function extension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  // DER omits a BOOLEAN that equals its DEFAULT (FALSE), X.690 section 11.5.
  return derSequence(critical ? [derOid(oid), derBoolean(true), derOctetString(value)] : [derOid(oid), derOctetString(value)]);
}

function checkTerms(t: CertificateTerms): void {
  if (t.serialNumber <= 0n || t.serialNumber >= 1n << 159n) throw new RangeError('serial number must be positive and fit 20 octets');
  if (!(t.notBefore.getTime() < t.notAfter.getTime())) throw new RangeError('notBefore must be before notAfter');
}

function spkiOf(key: KeyObject): Uint8Array {
  return toPublicKey(key).export({ type: 'spki', format: 'der' });
}

function assemble(
  t: CertificateTerms,
  issuer: Uint8Array,
  subject: Uint8Array,
  spki: Uint8Array,
  extensions: Uint8Array[],
  signer: KeyObject,
): Uint8Array {
  const alg = signatureAlgorithmForKey(signer);
  const tbs = derSequence([
    derExplicit(0, derInteger(2)),
    derInteger(t.serialNumber),
    alg.algorithmIdentifier,
    issuer,
    derSequence([derTime(t.notBefore), derTime(t.notAfter)]),
    subject,
    spki,
    derExplicit(3, derSequence(extensions)),
  ]);
  return derSequence([tbs, alg.algorithmIdentifier, derBitString(signWithKey(signer, tbs))]);
}

/** Issues a self-signed CSCA certificate; returns its DER. Throws a RangeError for bad terms or names. */
export function buildCscaCertificate(input: CscaCertificateInput): Uint8Array {
  checkTerms(input);
  const spki = spkiOf(input.privateKey);
  const keyId = keyIdentifierOfSpki(spki);
  const name = encodeName(input.subject);
  return assemble(input, name, name, spki, [
    extension(OID.subjectKeyIdentifier, false, derOctetString(keyId)),
    extension(OID.authorityKeyIdentifier, false, derSequence([encodeTlv(0x80, keyId)])),
    // keyCertSign (bit 5) and cRLSign (bit 6): 0000 0110, one unused bit.
    extension(OID.keyUsage, true, derBitString(Uint8Array.of(0x06), 1)),
    extension(OID.basicConstraints, true, derSequence([derBoolean(true), derInteger(0)])),
  ], input.privateKey);
}

/**
 * Issues a Document Signer certificate under the CSCA `issuerCertificate`; returns its DER. Throws a
 * RangeError when the terms are bad or `issuerPrivateKey` does not belong to the issuer certificate.
 */
export function buildDocumentSignerCertificate(input: DocumentSignerCertificateInput): Uint8Array {
  checkTerms(input);
  if (input.privateKeyUsageEnd.getTime() <= input.notBefore.getTime() || input.privateKeyUsageEnd.getTime() > input.notAfter.getTime()) {
    throw new RangeError('the private key usage period must end after notBefore and not after notAfter');
  }
  const issuer = parseCertificate(input.issuerCertificate);
  if (!toPublicKey(input.issuerPrivateKey).equals(publicKeyFromSpki(issuer.spki))) {
    throw new RangeError('the issuer private key does not match the issuer certificate');
  }
  const spki = spkiOf(input.publicKey);
  const authorityKeyId = issuer.subjectKeyIdentifier ?? keyIdentifierOfSpki(issuer.spki);
  const usagePeriod = derSequence([
    // [0] and [1] IMPLICIT GeneralizedTime (RFC 3280 section 4.2.1.4): replace the universal tag 18.
    retag(derGeneralizedTime(input.notBefore), 0x80),
    retag(derGeneralizedTime(input.privateKeyUsageEnd), 0x81),
  ]);
  return assemble(input, issuer.subject, encodeName(input.subject), spki, [
    extension(OID.authorityKeyIdentifier, false, derSequence([encodeTlv(0x80, authorityKeyId)])),
    extension(OID.subjectKeyIdentifier, false, derOctetString(keyIdentifierOfSpki(spki))),
    // digitalSignature (bit 0): 1000 0000, seven unused bits.
    extension(OID.keyUsage, true, derBitString(Uint8Array.of(0x80), 7)),
    extension(OID.privateKeyUsagePeriod, false, usagePeriod),
  ], input.issuerPrivateKey);
}

function retag(encoded: Uint8Array, tag: number): Uint8Array {
  const copy = Uint8Array.from(encoded);
  copy[0] = tag;
  return copy;
}
