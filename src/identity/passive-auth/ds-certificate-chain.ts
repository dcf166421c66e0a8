/**
 * The last link of passive authentication (ICAO 9303-11 section 5.1.1 step 4, 9303-12 section 7): the
 * Document Signer certificate must be signed by a trusted CSCA. Candidates are the CSCAs whose subject is
 * the DS certificate's issuer (byte for byte, else by readable form) and, when both carry key identifiers,
 * whose subjectKeyIdentifier equals the DS authorityKeyIdentifier (a CSCA rolls its key over under the
 * same name, 9303-12 section 5.5). The CSCA must also be valid at the moment of the check (shell model) and
 * allowed to sign certificates.
 */
import { createHash } from 'node:crypto';
import { BoundedCache } from '../pki/bounded-cache';
import { parseCertificate, type CertificateInfo } from '../pki/certificate';
import { publicKeyFromSpki } from '../pki/public-key';
import { resolveSignatureScheme, verifyWithScheme } from '../pki/signature-scheme';
import type { PassiveAuthCheck } from './passive-auth-report';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex').toUpperCase();
}

function validAt(c: CertificateInfo, at: Date): boolean {
  return c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();
}

/** Outcomes of "does this DS certificate's signature verify under this CSCA", keyed by both certificates' bytes. */
const signatureOutcomes = new BoundedCache<boolean>(64);

function dsSignedByCsca(ds: CertificateInfo, csca: CertificateInfo): { ok: boolean; scheme: string } {
  const scheme = resolveSignatureScheme(ds.signatureAlgorithm, 'DS certificate signatureAlgorithm');
  const key = createHash('sha256').update(ds.der).update(csca.der).digest('base64');
  const ok = signatureOutcomes.getOrCreate(key, () => verifyWithScheme(scheme, publicKeyFromSpki(csca.spki), ds.tbs, ds.signature));
  return { ok, scheme: scheme.name };
}

/** Result of the chain check: the check itself and, when it passed, the CSCA's subject. */
export interface ChainResult {
  check: PassiveAuthCheck;
  csca?: string;
}

/** Checks `ds` against the trusted `cscaCertificates` at `at`. Never throws. */
export function checkDsCertificateChain(ds: CertificateInfo, cscaCertificates: readonly Uint8Array[], at: Date): ChainResult {
  const name = 'ds-certificate-chain';
  if (cscaCertificates.length === 0) {
    return { check: { name, ok: false, status: 'not-checked', detail: 'no CSCA given: the Document Signer certificate is not vouched for' } };
  }
  const problems: string[] = [];
  const candidates: CertificateInfo[] = [];
  cscaCertificates.forEach((der, i) => {
    try {
      const c = parseCertificate(der);
      const nameMatches = sameBytes(c.subject, ds.issuer) || c.subjectText === ds.issuerText;
      const keyIdMatches =
        ds.authorityKeyIdentifier === undefined ||
        c.subjectKeyIdentifier === undefined ||
        sameBytes(ds.authorityKeyIdentifier, c.subjectKeyIdentifier);
      if (nameMatches && keyIdMatches) candidates.push(c);
    } catch (e) {
      problems.push(`CSCA #${i + 1} unreadable: ${(e as Error).message}`);
    }
  });
  if (candidates.length === 0) {
    const aki = ds.authorityKeyIdentifier === undefined ? '' : ` with key identifier ${hex(ds.authorityKeyIdentifier)}`;
    return {
      check: { name, ok: false, status: 'failed', detail: [`no given CSCA is the issuer "${ds.issuerText}"${aki}`, ...problems].join('; ') },
    };
  }
  for (const c of candidates) {
    try {
      const scheme = dsSignedByCsca(ds, c);
      if (!scheme.ok) {
        problems.push(`signature does not verify under CSCA "${c.subjectText}" (${scheme.scheme})`);
        continue;
      }
      if (!validAt(c, at)) {
        problems.push(`CSCA "${c.subjectText}" is not valid at ${at.toISOString()} (${c.notBefore.toISOString()} to ${c.notAfter.toISOString()})`);
        continue;
      }
      if (c.basicConstraints?.ca === false || c.keyUsage?.keyCertSign === false) {
        problems.push(`CSCA "${c.subjectText}" is not allowed to sign certificates`);
        continue;
      }
      return {
        check: { name, ok: true, status: 'passed', detail: `signed by CSCA "${c.subjectText}" (${scheme.scheme}), CSCA valid at ${at.toISOString()}` },
        csca: c.subjectText,
      };
    } catch (e) {
      problems.push(`CSCA "${c.subjectText}": ${(e as Error).message}`);
    }
  }
  return { check: { name, ok: false, status: 'failed', detail: problems.join('; ') } };
}
