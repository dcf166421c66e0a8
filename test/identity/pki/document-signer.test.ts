import { generateKeyPairSync, verify, X509Certificate } from 'node:crypto';
import { createSoftwareDocumentSigner } from '../../../src/identity/pki/document-signer';
import { buildDocumentSignerCertificate } from '../../../src/identity/pki/certificate-builder';
import { parseCertificate } from '../../../src/identity/pki/certificate';
import { TEST_DS_SUBJECT, addUtcMonths } from '../../../src/identity/pki/test-pki';
import { makeTestPki, PKI_NOW } from './pki-fixture';

const pki = makeTestPki();

describe('software Document Signer', () => {
  test('announces ecdsa-with-SHA256 and returns DER signatures that verify under the certificate key', async () => {
    expect(pki.signer.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    const data = Buffer.from('31 signed attributes');
    const sig = await pki.signer.sign(data);
    expect(sig[0]).toBe(0x30); // Ecdsa-Sig-Value SEQUENCE
    const certKey = new X509Certificate(Buffer.from(pki.signer.certificateDer)).publicKey;
    expect(verify('sha256', data, { key: certKey, dsaEncoding: 'der' }, sig)).toBe(true);
  });

  test('refuses a key that does not belong to the certificate, a public key and an RSA key', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect(() => createSoftwareDocumentSigner(other.privateKey, pki.ds)).toThrow(/does not match/);
    expect(() => createSoftwareDocumentSigner(other.publicKey, pki.ds)).toThrow(RangeError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(() => createSoftwareDocumentSigner(rsa, pki.ds)).toThrow(RangeError);
  });

  test('a Document Signer certificate can be issued for a public key alone (the HSM case)', () => {
    const hsmKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = buildDocumentSignerCertificate({
      subject: TEST_DS_SUBJECT,
      publicKey: hsmKey.publicKey,
      serialNumber: 7n,
      notBefore: PKI_NOW,
      notAfter: addUtcMonths(PKI_NOW, 12),
      privateKeyUsageEnd: addUtcMonths(PKI_NOW, 3),
      issuerCertificate: pki.csca,
      issuerPrivateKey: pki.cscaKey,
    });
    expect(new X509Certificate(Buffer.from(der)).publicKey.equals(hsmKey.publicKey)).toBe(true);
    expect(parseCertificate(der).issuerText).toBe(parseCertificate(pki.csca).subjectText);
    expect(() => createSoftwareDocumentSigner(hsmKey.privateKey, der)).not.toThrow();
  });
});
