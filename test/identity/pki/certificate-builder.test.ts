import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildCscaCertificate, buildDocumentSignerCertificate } from '../../../src/identity/pki/certificate-builder';
import { parseCertificate } from '../../../src/identity/pki/certificate';
import { TEST_CSCA_SUBJECT, TEST_DS_SUBJECT, addUtcMonths } from '../../../src/identity/pki/test-pki';
import { LdsError } from '../../../src/identity/lds/lds-error';
import { PKI_NOW, epochSeconds, makeTestPki, openssl, tempDir, testWithOpenssl, toPem, x509Text } from './pki-fixture';

const pki = makeTestPki();

describe('test PKI certificates (checked by openssl)', () => {
  testWithOpenssl('CSCA: self-signed, C=VN, P-384 / ecdsa-with-SHA384, CA:TRUE pathlen:0 and keyCertSign+cRLSign, both critical', () => {
    const text = x509Text(pki.csca);
    expect(text).toMatch(/Version: 3/);
    expect(text).toMatch(/Issuer: C = VN, O = cardline test PKI, CN = cardline TEST CSCA Viet Nam/);
    expect(text).toMatch(/Subject: C = VN, O = cardline test PKI, CN = cardline TEST CSCA Viet Nam/);
    expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA384/);
    expect(text).toMatch(/NIST CURVE: P-384|secp384r1/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toMatch(/X509v3 Subject Key Identifier/);
    // 2025-03-10 08:00 + 28 years; 2053 is past 2049, so GeneralizedTime (RFC 5280 4.1.2.5).
    expect(text).toMatch(/Not Before: Mar 10 08:00:00 2025 GMT/);
    expect(text).toMatch(/Not After : Mar 10 08:00:00 2053 GMT/);
    expect(text).toMatch(/Serial Number: 2577 \(0xa11\)/);
  });

  testWithOpenssl('Document Signer: issued by the CSCA, P-256, digitalSignature critical, AKI = CSCA SKI, 3-month key usage', () => {
    const text = x509Text(pki.ds);
    const cscaText = x509Text(pki.csca);
    expect(text).toMatch(/Issuer: C = VN, O = cardline test PKI, CN = cardline TEST CSCA Viet Nam/);
    expect(text).toMatch(/Subject: C = VN, O = cardline test PKI, OU = Document Signer, CN = cardline TEST Document Signer 01/);
    expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA384/);
    expect(text).toMatch(/NIST CURVE: P-256|prime256v1/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    const ski = /X509v3 Subject Key Identifier: \n\s+([0-9A-F:]+)/.exec(cscaText)![1]!;
    expect(text).toContain(ski);
    expect(text).toMatch(/Private Key Usage Period:\s+Not Before: Mar 10 08:00:00 2025 GMT, Not After: Jun 10 08:00:00 2025 GMT/);
    expect(text).toMatch(/Not After : Jun 10 08:00:00 2047 GMT/);
    expect(text).not.toMatch(/CA:TRUE/);
  });

  testWithOpenssl('openssl verify -CAfile csca.pem ds.pem passes, and fails against another CSCA', () => {
    const dir = tempDir('cardline-pki-');
    fs.writeFileSync(path.join(dir, 'csca.pem'), toPem(pki.csca));
    fs.writeFileSync(path.join(dir, 'ds.pem'), toPem(pki.ds));
    const at = epochSeconds(new Date('2025-04-01T00:00:00Z'));
    const ok = openssl(['verify', '-attime', at, '-CAfile', path.join(dir, 'csca.pem'), path.join(dir, 'ds.pem')]);
    expect(ok.out).toMatch(/ds\.pem: OK/);
    expect(ok.status).toBe(0);

    const other = makeTestPki();
    fs.writeFileSync(path.join(dir, 'other.pem'), toPem(other.csca));
    const bad = openssl(['verify', '-attime', at, '-CAfile', path.join(dir, 'other.pem'), path.join(dir, 'ds.pem')]);
    expect(bad.status).not.toBe(0);
  });
});

describe('certificate parser', () => {
  test('reads what node:crypto X509Certificate reads (an independent parser)', () => {
    for (const der of [pki.csca, pki.ds]) {
      const mine = parseCertificate(der);
      const node = new X509Certificate(Buffer.from(der));
      expect(Buffer.from(mine.serialNumber).toString('hex').toUpperCase()).toBe(node.serialNumber.replace(/^0+/, '').padStart(mine.serialNumber.length * 2, '0'));
      expect(mine.notBefore.getTime()).toBe(new Date(node.validFrom).getTime());
      expect(mine.notAfter.getTime()).toBe(new Date(node.validTo).getTime());
      expect(mine.subjectText.split(', ')).toEqual(node.subject.split('\n').map((l) => l.trim()));
      expect(mine.version).toBe(3);
    }
    expect(parseCertificate(pki.csca).basicConstraints).toEqual({ ca: true, pathLength: 0 });
    expect(parseCertificate(pki.csca).keyUsage).toEqual({ digitalSignature: false, keyCertSign: true, cRLSign: true });
    expect(parseCertificate(pki.ds).keyUsage).toEqual({ digitalSignature: true, keyCertSign: false, cRLSign: false });
    expect(parseCertificate(pki.ds).authorityKeyIdentifier).toEqual(parseCertificate(pki.csca).subjectKeyIdentifier);
  });

  test('truncated or altered certificates give LdsErrors, never other exceptions', () => {
    for (let cut = 0; cut < pki.ds.length; cut += 5) {
      expect(() => parseCertificate(pki.ds.subarray(0, cut))).toThrow(LdsError);
    }
    for (let i = 0; i < 200; i++) {
      const copy = Uint8Array.from(pki.ds);
      const at = (i * 7919) % copy.length;
      copy[at] = copy[at]! ^ (1 << (i % 8));
      try {
        parseCertificate(copy);
      } catch (e) {
        expect(e).toBeInstanceOf(LdsError);
      }
    }
  });
});

describe('certificate builder input checks', () => {
  const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const terms = { serialNumber: 1n, notBefore: PKI_NOW, notAfter: addUtcMonths(PKI_NOW, 12) };

  test('serial number must be positive and fit 20 octets', () => {
    expect(() => buildCscaCertificate({ ...terms, serialNumber: 0n, subject: TEST_CSCA_SUBJECT, privateKey: key })).toThrow(RangeError);
    expect(() => buildCscaCertificate({ ...terms, serialNumber: 1n << 160n, subject: TEST_CSCA_SUBJECT, privateKey: key })).toThrow(RangeError);
  });

  test('notBefore must precede notAfter; a Name needs a country', () => {
    expect(() => buildCscaCertificate({ ...terms, notAfter: PKI_NOW, subject: TEST_CSCA_SUBJECT, privateKey: key })).toThrow(RangeError);
    expect(() => buildCscaCertificate({ ...terms, subject: [{ type: 'CN', value: 'x' }], privateKey: key })).toThrow(/country/);
  });

  test('a Document Signer cannot be issued with a key that is not the CSCA key', () => {
    expect(() =>
      buildDocumentSignerCertificate({
        ...terms,
        subject: TEST_DS_SUBJECT,
        publicKey: key,
        privateKeyUsageEnd: addUtcMonths(PKI_NOW, 3),
        issuerCertificate: pki.csca,
        issuerPrivateKey: key,
      }),
    ).toThrow(/does not match/);
  });
});

describe('addUtcMonths', () => {
  test('clamps to the end of a shorter month and crosses years', () => {
    expect(addUtcMonths(new Date('2025-01-31T10:00:00Z'), 1).toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addUtcMonths(new Date('2024-01-31T10:00:00Z'), 1).toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(addUtcMonths(new Date('2025-11-15T00:00:00Z'), 3).toISOString()).toBe('2026-02-15T00:00:00.000Z');
    expect(addUtcMonths(new Date('2025-03-10T08:00:00Z'), 22 * 12 + 3).toISOString()).toBe('2047-06-10T08:00:00.000Z');
  });
});
