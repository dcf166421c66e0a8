/**
 * Passive authentication (ICAO 9303-11 section 5.1): proves that the data groups read from a chip are the
 * ones the issuer signed. Each step is reported on its own, so QC can say exactly what failed:
 *
 * 1. `sod-parse`: EF.SOD is a SignedData over an LDS Security Object (ICAO 9303-10 section 4.6.2).
 * 2. `dg<n>-hash`: each data group read is hashed, as read (tag and length included, never re-encoded),
 *    with the LDS Security Object's hash algorithm and compared with the SOD. A DG read but absent from the
 *    SOD fails; a DG in the SOD that was not read is reported `not-checked` (the caller chose what to read).
 * 3. `content-type`: the contentType signed attribute equals eContentType (RFC 5652 section 11.1).
 * 4. `message-digest`: the messageDigest signed attribute equals the hash of eContent by the SignerInfo's
 *    digest algorithm (RFC 5652 section 11.2).
 * 5. `sod-signature`: the SignerInfo signature over the DER signed attributes (the [0] field re-tagged as
 *    SET, RFC 5652 section 5.4) verifies under the Document Signer certificate's key, by the algorithm the
 *    SignerInfo names (ECDSA, RSASSA-PSS, PKCS#1 v1.5).
 * 6. `ds-certificate-validity`: the DS certificate is valid at `at`.
 * 7. `ds-certificate-chain`: the DS certificate is signed by one of the given CSCAs (see ds-certificate-chain.ts).
 *
 * Synchronous and total: bad input of any kind becomes a failed check, never an exception.
 */
import { createHash } from 'node:crypto';
import { algorithmName, hashOfOid, OID, type HashName } from '../pki/algorithms';
import { parseCertificate, type CertificateInfo } from '../pki/certificate';
import { publicKeyFromSpki } from '../pki/public-key';
import { resolveSignatureScheme, verifyWithScheme } from '../pki/signature-scheme';
import { decodeOid, DER_TAG, expectTag } from '../lds/der';
import { parseSod, type ParsedSod, type SodSignerInfo } from '../lds/sod-parser';
import { readSingleTlv } from '../lds/tlv';
import { checkDsCertificateChain } from './ds-certificate-chain';
import type { PassiveAuthCheck, PassiveAuthInput, PassiveAuthReport, ReportedCertificate } from './passive-auth-report';

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex').toUpperCase();
}

function pass(name: string, detail: string): PassiveAuthCheck {
  return { name, ok: true, status: 'passed', detail };
}

function failed(name: string, detail: string): PassiveAuthCheck {
  return { name, ok: false, status: 'failed', detail };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function checkDataGroups(sod: ParsedSod, groups: ReadonlyMap<number, Uint8Array>): PassiveAuthCheck[] {
  const lso = sod.ldsSecurityObject;
  const hash = hashOfOid(lso.hashAlgorithm.oid);
  const numbers = [...new Set([...groups.keys(), ...lso.dataGroupHashes.keys()])].sort((a, b) => a - b);
  return numbers.map((n) => {
    const name = `dg${n}-hash`;
    const expected = lso.dataGroupHashes.get(n);
    const read = groups.get(n);
    if (read === undefined) return { name, ok: true, status: 'not-checked', detail: `DG${n} is listed in the SOD but was not read` };
    if (expected === undefined) return failed(name, `DG${n} was read but the SOD has no hash for it`);
    if (hash === undefined) return failed(name, `unsupported hash algorithm ${lso.hashAlgorithm.oid}`);
    const actual = createHash(hash).update(read).digest();
    return actual.equals(Buffer.from(expected))
      ? pass(name, `${hash} of the ${read.length} bytes read matches the SOD`)
      : failed(name, `${hash} of the ${read.length} bytes read is ${hex(actual)}, the SOD says ${hex(expected)}`);
  });
}

function attributeValue(si: SodSignerInfo, type: string): Uint8Array | undefined | 'several' {
  const attrs = si.signedAttributeList.filter((a) => a.type === type);
  if (attrs.length === 0) return undefined;
  if (attrs.length > 1 || attrs[0]!.values.length !== 1) return 'several';
  return attrs[0]!.values[0];
}

function checkContentType(sod: ParsedSod): PassiveAuthCheck {
  const name = 'content-type';
  const v = attributeValue(sod.signerInfo, OID.contentType);
  if (v === undefined) return failed(name, 'no contentType signed attribute');
  if (v === 'several') return failed(name, 'contentType must appear once with one value (RFC 5652 section 11.1)');
  const oid = decodeOid(readSingleTlv(v), 'EF.SOD', 'contentType attribute');
  return oid === sod.eContentType ? pass(name, `contentType is ${oid}`) : failed(name, `contentType is ${oid}, eContentType is ${sod.eContentType}`);
}

function checkMessageDigest(sod: ParsedSod, digest: HashName | undefined): PassiveAuthCheck {
  const name = 'message-digest';
  const si = sod.signerInfo;
  if (si.signedAttributes === undefined) return failed(name, 'the SignerInfo has no signed attributes (ICAO 9303-10 requires them)');
  if (digest === undefined) return failed(name, `unsupported digest algorithm ${si.digestAlgorithm.oid}`);
  const v = attributeValue(si, OID.messageDigest);
  if (v === undefined) return failed(name, 'no messageDigest signed attribute');
  if (v === 'several') return failed(name, 'messageDigest must appear once with one value (RFC 5652 section 11.2)');
  const signed = expectTag(readSingleTlv(v), DER_TAG.OCTET_STRING, 'EF.SOD', 'messageDigest attribute').value;
  const actual = createHash(digest).update(sod.eContent).digest();
  return actual.equals(Buffer.from(signed))
    ? pass(name, `${digest} of eContent matches messageDigest`)
    : failed(name, `${digest} of eContent is ${hex(actual)}, messageDigest says ${hex(signed)}`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** The certificate named by the SignerInfo's sid, among `certificates`. */
function findSigner(si: SodSignerInfo, certificates: readonly Uint8Array[]): { cert?: CertificateInfo; problems: string[] } {
  const problems: string[] = [];
  for (const der of certificates) {
    try {
      const c = parseCertificate(der);
      const matches =
        'issuer' in si.sid
          ? sameBytes(c.issuer, si.sid.issuer) && sameBytes(c.serialNumber, si.sid.serialNumber)
          : c.subjectKeyIdentifier !== undefined && sameBytes(c.subjectKeyIdentifier, si.sid.subjectKeyIdentifier);
      if (matches) return { cert: c, problems };
    } catch (e) {
      problems.push(`a certificate is unreadable: ${message(e)}`);
    }
  }
  return { problems };
}

function reported(c: CertificateInfo): ReportedCertificate {
  return {
    der: c.der,
    subject: c.subjectText,
    issuer: c.issuerText,
    serialNumber: hex(c.serialNumber),
    notBefore: c.notBefore,
    notAfter: c.notAfter,
  };
}

function guarded(name: string, f: () => PassiveAuthCheck): PassiveAuthCheck {
  try {
    return f();
  } catch (e) {
    return failed(name, message(e));
  }
}

/** Runs passive authentication on what was read from a chip; see the module comment for the checks. */
export function verifyPassiveAuthentication(input: PassiveAuthInput): PassiveAuthReport {
  const checks: PassiveAuthCheck[] = [];
  const report = (extra: Partial<PassiveAuthReport> = {}): PassiveAuthReport => ({
    ok: checks.every((c) => c.ok),
    checks,
    ...extra,
  });

  let sod: ParsedSod;
  try {
    sod = parseSod(input.sod);
    checks.push(pass('sod-parse', `SignedData v${sod.version}, ${sod.ldsSecurityObject.dataGroupHashes.size} data group hashes, ${sod.certificates.length} certificate(s)`));
  } catch (e) {
    checks.push(failed('sod-parse', message(e)));
    return report();
  }
  const si = sod.signerInfo;
  const hashAlgorithm = hashOfOid(sod.ldsSecurityObject.hashAlgorithm.oid) ?? sod.ldsSecurityObject.hashAlgorithm.oid;
  const extra: Partial<PassiveAuthReport> = { hashAlgorithm, signatureAlgorithm: algorithmName(si.signatureAlgorithm.oid) };

  checks.push(...checkDataGroups(sod, input.dataGroups));
  const digest = hashOfOid(si.digestAlgorithm.oid);
  checks.push(guarded('content-type', () => checkContentType(sod)));
  checks.push(guarded('message-digest', () => checkMessageDigest(sod, digest)));

  const { cert, problems } = findSigner(si, [...sod.certificates, ...(input.documentSignerCertificates ?? [])]);
  if (cert === undefined) {
    const detail = ['no certificate matches the SignerInfo sid', ...problems].join('; ');
    checks.push(failed('sod-signature', detail));
    checks.push({ name: 'ds-certificate-validity', ok: false, status: 'not-checked', detail: 'no Document Signer certificate' });
    checks.push({ name: 'ds-certificate-chain', ok: false, status: 'not-checked', detail: 'no Document Signer certificate' });
    return report(extra);
  }
  extra.dsCertificate = reported(cert);

  checks.push(
    guarded('sod-signature', () => {
      const scheme = resolveSignatureScheme(si.signatureAlgorithm, 'SignerInfo.signatureAlgorithm', digest);
      extra.signatureAlgorithm = scheme.name;
      // With signed attributes the signature covers them; without, the content itself (RFC 5652 5.4).
      const signed = si.signedAttributes ?? sod.eContent;
      return verifyWithScheme(scheme, publicKeyFromSpki(cert.spki), signed, si.signature)
        ? pass('sod-signature', `${scheme.name} signature verifies under "${cert.subjectText}"`)
        : failed('sod-signature', `${scheme.name} signature does not verify under "${cert.subjectText}"`);
    }),
  );

  const at = input.at;
  const inWindow = cert.notBefore.getTime() <= at.getTime() && at.getTime() <= cert.notAfter.getTime();
  const window = `${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()}`;
  checks.push(
    inWindow
      ? pass('ds-certificate-validity', `valid at ${at.toISOString()} (${window})`)
      : failed('ds-certificate-validity', `not valid at ${at.toISOString()} (${window})`),
  );

  const chain = checkDsCertificateChain(cert, input.cscaCertificates, at);
  checks.push(chain.check);
  if (chain.csca !== undefined) extra.csca = chain.csca;
  return report(extra);
}
