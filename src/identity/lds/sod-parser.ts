/**
 * Reads EF.SOD (ICAO 9303-10 section 4.6.2, RFC 5652 section 5) without re-encoding anything: every part a
 * verifier hashes or checks (eContent, the signed attributes, the certificates) is returned as the exact
 * bytes found in the file. Accepts the file with its `77` wrapper or the bare ContentInfo.
 *
 * ```
 * ContentInfo ::= SEQUENCE { contentType id-signedData, content [0] EXPLICIT SignedData }
 * SignedData ::= SEQUENCE { version, digestAlgorithms SET OF AlgorithmIdentifier,
 *   encapContentInfo SEQUENCE { eContentType OID, eContent [0] EXPLICIT OCTET STRING },
 *   certificates [0] IMPLICIT SET OF Certificate OPTIONAL, crls [1] IMPLICIT OPTIONAL,
 *   signerInfos SET OF SignerInfo }
 * SignerInfo ::= SEQUENCE { version, sid (IssuerAndSerialNumber | [0] SubjectKeyIdentifier),
 *   digestAlgorithm, signedAttrs [0] IMPLICIT SET OF Attribute OPTIONAL, signatureAlgorithm,
 *   signature OCTET STRING, unsignedAttrs [1] IMPLICIT OPTIONAL }
 * ```
 */
import { readAlgorithmId, type AlgorithmId } from '../pki/algorithm-identifier';
import { OID } from '../pki/algorithms';
import { concatBytes, children, readSingleTlv, tagHex, type Tlv } from './tlv';
import { decodeInteger, decodeOid, DER_TAG, expectTag } from './der';
import { EF_SOD } from './lds-files';
import { LdsFormatError } from './lds-error';
import { parseLdsSecurityObject, type LdsSecurityObject } from './lds-security-object';

const FILE = 'EF.SOD';

/** One signed attribute: its type and each value's encoding. */
export interface SignedAttribute {
  type: string;
  /** Each AttributeValue element exactly as encoded (tag, length, value). */
  values: Uint8Array[];
}

/** A parsed SignerInfo. */
export interface SodSignerInfo {
  version: number;
  /** Who signed: issuerAndSerialNumber (Name DER and INTEGER content octets) or a subject key identifier. */
  sid: { issuer: Uint8Array; serialNumber: Uint8Array } | { subjectKeyIdentifier: Uint8Array };
  digestAlgorithm: AlgorithmId;
  /**
   * The signed attributes as they are signed: the `[0]` element's bytes with its tag replaced by SET (0x31),
   * RFC 5652 section 5.4. Undefined when the SignerInfo has no signed attributes.
   */
  signedAttributes?: Uint8Array;
  signedAttributeList: SignedAttribute[];
  signatureAlgorithm: AlgorithmId;
  signature: Uint8Array;
}

/** A parsed EF.SOD. */
export interface ParsedSod {
  /** The CMS ContentInfo (the file without the `77` wrapper). */
  contentInfo: Uint8Array;
  /** SignedData version. */
  version: number;
  digestAlgorithms: AlgorithmId[];
  eContentType: string;
  /** The DER LDSSecurityObject exactly as signed (the OCTET STRING content). */
  eContent: Uint8Array;
  ldsSecurityObject: LdsSecurityObject;
  /** The first (in ICAO documents the only) SignerInfo. */
  signerInfo: SodSignerInfo;
  signerInfos: SodSignerInfo[];
  /** Certificates carried in SignedData.certificates, DER as found. */
  certificates: Uint8Array[];
}

function fail(path: string, problem: string, at: number): never {
  throw new LdsFormatError(FILE, path, problem, at);
}

function only(t: Tlv, path: string): Tlv {
  const inner = children(t);
  if (inner.length !== 1) fail(path, `expected one element inside, found ${inner.length}`, t.offset);
  return inner[0]!;
}

/** OCTET STRING content; a constructed (BER) OCTET STRING is accepted and its segments joined. */
function octets(t: Tlv, path: string): { bytes: Uint8Array; start: number; end: number } {
  if (t.tag === DER_TAG.OCTET_STRING) return { bytes: t.value, start: t.valueOffset, end: t.end };
  if (t.tag === 0x24) {
    const parts = children(t).map((p) => expectTag(p, DER_TAG.OCTET_STRING, FILE, path).value);
    return { bytes: concatBytes(parts), start: -1, end: -1 };
  }
  return fail(path, `expected OCTET STRING, found ${tagHex(t.tag)}`, t.offset);
}

function readSignerInfo(si: Tlv, index: number): SodSignerInfo {
  const path = `signerInfos[${index}]`;
  expectTag(si, DER_TAG.SEQUENCE, FILE, path);
  const parts = children(si);
  let i = 0;
  const next = (what: string): Tlv => {
    const t = parts[i++];
    if (t === undefined) fail(`${path}.${what}`, 'missing', si.end);
    return t;
  };
  const version = Number(decodeInteger(next('version'), FILE, `${path}.version`));
  const sidTlv = next('sid');
  let sid: SodSignerInfo['sid'];
  if (sidTlv.tag === DER_TAG.SEQUENCE) {
    const [issuer, serial] = children(sidTlv);
    if (issuer === undefined || serial === undefined) fail(`${path}.sid`, 'incomplete issuerAndSerialNumber', sidTlv.offset);
    expectTag(issuer, DER_TAG.SEQUENCE, FILE, `${path}.sid.issuer`);
    sid = { issuer: issuer.raw, serialNumber: expectTag(serial, DER_TAG.INTEGER, FILE, `${path}.sid.serialNumber`).value };
  } else if (sidTlv.tag === 0x80) {
    sid = { subjectKeyIdentifier: sidTlv.value };
  } else {
    fail(`${path}.sid`, `unexpected tag ${tagHex(sidTlv.tag)}`, sidTlv.offset);
  }
  const digestAlgorithm = readAlgorithmId(next('digestAlgorithm'), FILE, `${path}.digestAlgorithm`);
  let signedAttributes: Uint8Array | undefined;
  const signedAttributeList: SignedAttribute[] = [];
  if (parts[i]?.tag === 0xa0) {
    const attrs = parts[i++]!;
    signedAttributes = Uint8Array.from(attrs.raw);
    signedAttributes[0] = DER_TAG.SET;
    for (const a of children(attrs)) {
      const [type, values] = children(expectTag(a, DER_TAG.SEQUENCE, FILE, `${path}.signedAttrs`));
      if (type === undefined || values === undefined) fail(`${path}.signedAttrs`, 'incomplete Attribute', a.offset);
      signedAttributeList.push({
        type: decodeOid(type, FILE, `${path}.signedAttrs.type`),
        values: children(expectTag(values, DER_TAG.SET, FILE, `${path}.signedAttrs.values`)).map((v) => v.raw),
      });
    }
  }
  const signatureAlgorithm = readAlgorithmId(next('signatureAlgorithm'), FILE, `${path}.signatureAlgorithm`);
  const signature = expectTag(next('signature'), DER_TAG.OCTET_STRING, FILE, `${path}.signature`).value;
  const out: SodSignerInfo = { version, sid, digestAlgorithm, signedAttributeList, signatureAlgorithm, signature };
  if (signedAttributes !== undefined) out.signedAttributes = signedAttributes;
  return out;
}

/**
 * Parses EF.SOD (with or without the `77` wrapper). Throws {@link LdsFormatError} or `TlvError` (both
 * `LdsError`) naming the element and byte offset when the structure is not a SignedData over an LDS
 * Security Object.
 */
export function parseSod(bytes: Uint8Array): ParsedSod {
  const top = readSingleTlv(bytes);
  let ci: Tlv;
  if (top.tag === EF_SOD.tag) ci = only(top, '77');
  else if (top.tag === DER_TAG.SEQUENCE) ci = top;
  else fail('outer tag', `expected 77 or a ContentInfo SEQUENCE, found ${tagHex(top.tag)}`, 0);
  expectTag(ci, DER_TAG.SEQUENCE, FILE, 'ContentInfo');
  const [contentType, content] = children(ci);
  if (contentType === undefined || content === undefined) fail('ContentInfo', 'expected contentType and content', ci.offset);
  const ct = decodeOid(contentType, FILE, 'ContentInfo.contentType');
  if (ct !== OID.signedData) fail('ContentInfo.contentType', `${ct} is not id-signedData`, contentType.offset);
  const sd = expectTag(only(expectTag(content, 0xa0, FILE, 'ContentInfo.content'), 'ContentInfo.content'), DER_TAG.SEQUENCE, FILE, 'SignedData');

  const parts = children(sd);
  const [versionTlv, digestsTlv, encapTlv] = parts;
  if (versionTlv === undefined || digestsTlv === undefined || encapTlv === undefined) {
    fail('SignedData', 'expected version, digestAlgorithms, encapContentInfo', sd.offset);
  }
  const version = Number(decodeInteger(versionTlv, FILE, 'SignedData.version'));
  const digestAlgorithms = children(expectTag(digestsTlv, DER_TAG.SET, FILE, 'SignedData.digestAlgorithms')).map((t) =>
    readAlgorithmId(t, FILE, 'SignedData.digestAlgorithms'),
  );
  const [eContentTypeTlv, eContentWrap] = children(expectTag(encapTlv, DER_TAG.SEQUENCE, FILE, 'encapContentInfo'));
  if (eContentTypeTlv === undefined) fail('encapContentInfo', 'no eContentType', encapTlv.offset);
  const eContentType = decodeOid(eContentTypeTlv, FILE, 'encapContentInfo.eContentType');
  if (eContentType !== OID.ldsSecurityObject) {
    fail('encapContentInfo.eContentType', `${eContentType} is not the LDS Security Object (2.23.136.1.1.1)`, eContentTypeTlv.offset);
  }
  if (eContentWrap === undefined) fail('encapContentInfo', 'no eContent (detached content is not allowed in EF.SOD)', encapTlv.offset);
  const eContentTlv = only(expectTag(eContentWrap, 0xa0, FILE, 'encapContentInfo.eContent'), 'encapContentInfo.eContent');
  const eContent = octets(eContentTlv, 'encapContentInfo.eContent');
  const ldsSecurityObject =
    eContent.start >= 0
      ? parseLdsSecurityObject(eContentTlv.source, eContent.start, eContent.end)
      : parseLdsSecurityObject(eContent.bytes);

  const certificates: Uint8Array[] = [];
  let signerInfosTlv: Tlv | undefined;
  for (const t of parts.slice(3)) {
    if (t.tag === 0xa0) {
      for (const c of children(t)) if (c.tag === DER_TAG.SEQUENCE) certificates.push(c.raw);
    } else if (t.tag === 0xa1) {
      // CRLs: not used by ICAO 9303 documents; ignored.
    } else if (t.tag === DER_TAG.SET && signerInfosTlv === undefined) {
      signerInfosTlv = t;
    } else {
      fail('SignedData', `unexpected element ${tagHex(t.tag)}`, t.offset);
    }
  }
  if (signerInfosTlv === undefined) fail('SignedData.signerInfos', 'missing', sd.end);
  const signerInfos = children(signerInfosTlv).map(readSignerInfo);
  const signerInfo = signerInfos[0];
  if (signerInfo === undefined) fail('SignedData.signerInfos', 'no SignerInfo', signerInfosTlv.offset);
  return {
    contentInfo: ci.raw,
    version,
    digestAlgorithms,
    eContentType,
    eContent: eContent.bytes,
    ldsSecurityObject,
    signerInfo,
    signerInfos,
    certificates,
  };
}
