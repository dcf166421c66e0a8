/**
 * A read-only X.509 v3 certificate parser (RFC 5280 section 4.1) over the BER-TLV reader: it keeps the
 * exact bytes that were signed (tbsCertificate), the issuer and subject Names as encoded (for matching
 * issuerAndSerialNumber and issuer/subject chains byte for byte), the validity, the public key and the
 * extensions passive authentication needs (subject/authority key identifiers, basic constraints, key usage).
 */
import { createHash } from 'node:crypto';
import { decodeOid, DER_TAG, expectTag } from '../lds/der';
import { LdsFormatError } from '../lds/lds-error';
import { children, readSingleTlv, readTlv, type Tlv } from '../lds/tlv';
import { readAlgorithmId, type AlgorithmId } from './algorithm-identifier';
import { OID } from './algorithms';

const FILE = 'certificate';

/** What cardline reads from a certificate. Byte fields are views into `der`. */
export interface CertificateInfo {
  /** The whole certificate as given. */
  der: Uint8Array;
  /** tbsCertificate exactly as encoded: the bytes the issuer signed. */
  tbs: Uint8Array;
  /** X.509 version number (1, 2 or 3). */
  version: number;
  /** Serial number INTEGER content octets as encoded. */
  serialNumber: Uint8Array;
  /** Algorithm of the issuer's signature (outer signatureAlgorithm). */
  signatureAlgorithm: AlgorithmId;
  /** The signature bits (BIT STRING content without the unused-bits octet). */
  signature: Uint8Array;
  /** issuer Name, DER as encoded. */
  issuer: Uint8Array;
  /** subject Name, DER as encoded. */
  subject: Uint8Array;
  /** Readable names, e.g. "C=VN, O=..., CN=...". */
  issuerText: string;
  subjectText: string;
  notBefore: Date;
  notAfter: Date;
  /** SubjectPublicKeyInfo, DER as encoded. */
  spki: Uint8Array;
  subjectKeyIdentifier?: Uint8Array;
  authorityKeyIdentifier?: Uint8Array;
  basicConstraints?: { ca: boolean; pathLength?: number };
  /** The KeyUsage bits passive authentication and the test PKI care about (RFC 5280 section 4.2.1.3). */
  keyUsage?: { digitalSignature: boolean; keyCertSign: boolean; cRLSign: boolean };
}

const NAME_SHORT: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

function directoryString(t: Tlv): string {
  const v = Buffer.from(t.value);
  switch (t.tag) {
    case DER_TAG.UTF8_STRING:
      return v.toString('utf8');
    case DER_TAG.PRINTABLE_STRING:
    case 0x16: // IA5String
    case 0x14: // TeletexString, read as Latin-1 (the common practice)
      return v.toString('latin1');
    case 0x1e: // BMPString, UTF-16BE
      if (v.length % 2 === 0) return Buffer.from(v).swap16().toString('utf16le');
      return `#${v.toString('hex')}`;
    default:
      return `#${v.toString('hex')}`;
  }
}

/** "C=VN, O=..., CN=..." in encoding order (the order OpenSSL prints). */
export function nameToText(name: Tlv): string {
  const parts: string[] = [];
  for (const rdn of children(name)) {
    for (const atv of children(expectTag(rdn, DER_TAG.SET, FILE, 'Name RDN'))) {
      const [type, value] = children(expectTag(atv, DER_TAG.SEQUENCE, FILE, 'Name attribute'));
      if (type === undefined || value === undefined) throw new LdsFormatError(FILE, 'Name attribute', 'incomplete', atv.offset);
      const oid = decodeOid(type, FILE, 'Name attribute type');
      parts.push(`${NAME_SHORT[oid] ?? oid}=${directoryString(value)}`);
    }
  }
  return parts.join(', ');
}

/** UTCTime (YYMMDDHHMM[SS]Z, years 50-99 = 19xx, RFC 5280 4.1.2.5.1) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
export function decodeTime(t: Tlv, file: string, path: string): Date {
  const s = Buffer.from(t.value).toString('latin1');
  let m: RegExpExecArray | null;
  let year: number;
  if (t.tag === DER_TAG.UTC_TIME && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s)) !== null) {
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (t.tag === DER_TAG.GENERALIZED_TIME && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)) !== null) {
    year = Number(m[1]);
  } else {
    throw new LdsFormatError(file, path, `"${s}" is not a UTCTime/GeneralizedTime in UTC`, t.offset);
  }
  const [mo, d, h, mi, se] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, mo - 1, d, h, mi, se));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) {
    throw new LdsFormatError(file, path, `"${s}" is not a real date and time`, t.offset);
  }
  return date;
}

function readExtensions(container: Tlv, info: CertificateInfo): void {
  const [list] = children(container);
  if (list === undefined) throw new LdsFormatError(FILE, 'extensions', 'empty', container.offset);
  for (const ext of children(expectTag(list, DER_TAG.SEQUENCE, FILE, 'extensions'))) {
    const parts = children(expectTag(ext, DER_TAG.SEQUENCE, FILE, 'extension'));
    const oid = decodeOid(parts[0] ?? ext, FILE, 'extension id');
    const valueTlv = parts[parts.length - 1]!;
    expectTag(valueTlv, DER_TAG.OCTET_STRING, FILE, `extension ${oid} value`);
    const value = readSingleTlv(valueTlv.value);
    const path = `extension ${oid}`;
    if (oid === OID.subjectKeyIdentifier) {
      info.subjectKeyIdentifier = expectTag(value, DER_TAG.OCTET_STRING, FILE, path).value;
    } else if (oid === OID.authorityKeyIdentifier) {
      const keyId = children(expectTag(value, DER_TAG.SEQUENCE, FILE, path)).find((t) => t.tag === 0x80);
      if (keyId !== undefined) info.authorityKeyIdentifier = keyId.value;
    } else if (oid === OID.basicConstraints) {
      const items = children(expectTag(value, DER_TAG.SEQUENCE, FILE, path));
      const ca = items.find((t) => t.tag === DER_TAG.BOOLEAN);
      const len = items.find((t) => t.tag === DER_TAG.INTEGER);
      info.basicConstraints = { ca: ca !== undefined && ca.value[0] !== 0 };
      if (len !== undefined && len.value.length <= 4) info.basicConstraints.pathLength = len.value.reduce((n, b) => n * 256 + b, 0);
    } else if (oid === OID.keyUsage) {
      const bits = expectTag(value, DER_TAG.BIT_STRING, FILE, path).value;
      const first = bits[1] ?? 0;
      info.keyUsage = {
        digitalSignature: (first & 0x80) !== 0,
        keyCertSign: (first & 0x04) !== 0,
        cRLSign: (first & 0x02) !== 0,
      };
    }
  }
}

/**
 * Parses a DER certificate. Throws {@link LdsFormatError} or `TlvError` (both `LdsError`) when it is
 * malformed; nothing is verified here.
 */
export function parseCertificate(der: Uint8Array): CertificateInfo {
  const cert = expectTag(readSingleTlv(der), DER_TAG.SEQUENCE, FILE, 'Certificate');
  const [tbs, sigAlg, sigValue] = children(cert);
  if (tbs === undefined || sigAlg === undefined || sigValue === undefined) {
    throw new LdsFormatError(FILE, 'Certificate', 'expected tbsCertificate, signatureAlgorithm, signatureValue', cert.offset);
  }
  expectTag(tbs, DER_TAG.SEQUENCE, FILE, 'tbsCertificate');
  expectTag(sigValue, DER_TAG.BIT_STRING, FILE, 'signatureValue');
  if (sigValue.value.length < 1 || sigValue.value[0] !== 0) {
    throw new LdsFormatError(FILE, 'signatureValue', 'BIT STRING with unused bits', sigValue.offset);
  }
  const fields = children(tbs);
  let i = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const v = readTlv(fields[0].source, fields[0].valueOffset, fields[0].end);
    version = Number(expectTag(v, DER_TAG.INTEGER, FILE, 'version').value[0] ?? 0) + 1;
    i = 1;
  }
  const [serial, innerSig, issuer, validity, subject, spki] = fields.slice(i, i + 6);
  if (spki === undefined) throw new LdsFormatError(FILE, 'tbsCertificate', 'fewer fields than X.509 requires', tbs.offset);
  expectTag(serial!, DER_TAG.INTEGER, FILE, 'serialNumber');
  readAlgorithmId(innerSig!, FILE, 'tbsCertificate.signature');
  expectTag(issuer!, DER_TAG.SEQUENCE, FILE, 'issuer');
  expectTag(subject!, DER_TAG.SEQUENCE, FILE, 'subject');
  expectTag(spki, DER_TAG.SEQUENCE, FILE, 'subjectPublicKeyInfo');
  const [notBefore, notAfter] = children(expectTag(validity!, DER_TAG.SEQUENCE, FILE, 'validity'));
  if (notBefore === undefined || notAfter === undefined) throw new LdsFormatError(FILE, 'validity', 'incomplete', validity!.offset);

  const info: CertificateInfo = {
    der,
    tbs: tbs.raw,
    version,
    serialNumber: serial!.value,
    signatureAlgorithm: readAlgorithmId(sigAlg, FILE, 'signatureAlgorithm'),
    signature: sigValue.value.subarray(1),
    issuer: issuer!.raw,
    subject: subject!.raw,
    issuerText: nameToText(issuer!),
    subjectText: nameToText(subject!),
    notBefore: decodeTime(notBefore, FILE, 'validity.notBefore'),
    notAfter: decodeTime(notAfter, FILE, 'validity.notAfter'),
    spki: spki.raw,
  };
  const extensions = fields.slice(i + 6).find((t) => t.tag === 0xa3);
  if (extensions !== undefined) readExtensions(extensions, info);
  return info;
}

/** RFC 5280 section 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value (without unused-bits octet). */
export function keyIdentifierOfSpki(spki: Uint8Array): Uint8Array {
  const [, key] = children(readSingleTlv(spki));
  if (key === undefined) throw new LdsFormatError(FILE, 'subjectPublicKeyInfo', 'no key', 0);
  return createHash('sha1').update(expectTag(key, DER_TAG.BIT_STRING, FILE, 'subjectPublicKey').value.subarray(1)).digest();
}
