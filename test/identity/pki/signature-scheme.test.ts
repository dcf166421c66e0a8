import { generateKeyPairSync, sign } from 'node:crypto';
import { resolveSignatureScheme, SignatureAlgorithmError, verifyWithScheme } from '../../../src/identity/pki/signature-scheme';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

/** RSASSA-PSS-params { [0] sha256, [1] mgf1(sha256), [2] 32 } as in the BSI TR-03105 reference SOD. */
const PSS_SHA256 = '3034 A00F 300D 0609 608648016503040201 0500 A11C 301A 0609 2A864886F70D010108 300D 0609 608648016503040201 0500 A203 020120';

describe('resolving signature AlgorithmIdentifiers', () => {
  test('ECDSA with SHA-1 and SHA-2, DER and plain (TR-03111)', () => {
    expect(resolveSignatureScheme({ oid: '1.2.840.10045.4.1' }, 'x')).toEqual({ kind: 'ecdsa', name: 'ecdsa-with-SHA1', hash: 'sha1', encoding: 'der' });
    expect(resolveSignatureScheme({ oid: '1.2.840.10045.4.3.2', parameters: hex('0500') }, 'x')).toMatchObject({ hash: 'sha256' });
    expect(resolveSignatureScheme({ oid: '0.4.0.127.0.7.1.1.4.1.3' }, 'x')).toMatchObject({ kind: 'ecdsa', hash: 'sha256', encoding: 'plain' });
  });

  test('RSASSA-PSS parameters are read, with RFC 8017 defaults when absent', () => {
    expect(resolveSignatureScheme({ oid: '1.2.840.113549.1.1.10', parameters: hex(PSS_SHA256) }, 'x')).toMatchObject({
      kind: 'rsa-pss',
      hash: 'sha256',
      mgf1Hash: 'sha256',
      saltLength: 32,
    });
    expect(resolveSignatureScheme({ oid: '1.2.840.113549.1.1.10', parameters: hex('3000') }, 'x')).toMatchObject({
      hash: 'sha1',
      mgf1Hash: 'sha1',
      saltLength: 20,
    });
  });

  test('PKCS#1 v1.5: named hash, or rsaEncryption with the separate digest algorithm', () => {
    expect(resolveSignatureScheme({ oid: '1.2.840.113549.1.1.11', parameters: hex('0500') }, 'x')).toMatchObject({ kind: 'rsa-pkcs1', hash: 'sha256' });
    expect(resolveSignatureScheme({ oid: '1.2.840.113549.1.1.1', parameters: hex('0500') }, 'x', 'sha384')).toMatchObject({ kind: 'rsa-pkcs1', hash: 'sha384' });
    expect(() => resolveSignatureScheme({ oid: '1.2.840.113549.1.1.1' }, 'x')).toThrow(SignatureAlgorithmError);
  });

  test('unknown algorithms, a trailer other than 1 and non-MGF1 masks are typed errors', () => {
    expect(() => resolveSignatureScheme({ oid: '1.2.3.4' }, 'x')).toThrow(SignatureAlgorithmError);
    expect(() => resolveSignatureScheme({ oid: '1.2.840.113549.1.1.10', parameters: hex('3005 A303 020102') }, 'x')).toThrow(/trailerField/);
    expect(() =>
      resolveSignatureScheme({ oid: '1.2.840.113549.1.1.10', parameters: hex('300F A10D 300B 0609 2A864886F70D010109') }, 'x'),
    ).toThrow(/not MGF1/);
    expect(() => resolveSignatureScheme({ oid: '1.2.840.10045.4.3.2', parameters: hex('020101') }, 'x')).toThrow(SignatureAlgorithmError);
  });
});

describe('verifying with a scheme', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const data = Buffer.from('signed attributes');

  test('ECDSA DER and plain encodings', () => {
    const der = sign('sha256', data, { key: ec.privateKey, dsaEncoding: 'der' });
    const plain = sign('sha256', data, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
    const derScheme = resolveSignatureScheme({ oid: '1.2.840.10045.4.3.2' }, 'x');
    const plainScheme = resolveSignatureScheme({ oid: '0.4.0.127.0.7.1.1.4.1.3' }, 'x');
    expect(verifyWithScheme(derScheme, ec.publicKey, data, der)).toBe(true);
    expect(verifyWithScheme(plainScheme, ec.publicKey, data, plain)).toBe(true);
    expect(verifyWithScheme(derScheme, ec.publicKey, data, plain)).toBe(false);
    expect(verifyWithScheme(derScheme, ec.publicKey, data, hex('3000'))).toBe(false);
  });

  test('PKCS#1 v1.5 and a key of the wrong type', () => {
    const sig = sign('sha256', data, rsa.privateKey);
    const scheme = resolveSignatureScheme({ oid: '1.2.840.113549.1.1.11' }, 'x');
    expect(verifyWithScheme(scheme, rsa.publicKey, data, sig)).toBe(true);
    expect(verifyWithScheme(scheme, ec.publicKey, data, sig)).toBe(false);
    expect(verifyWithScheme(resolveSignatureScheme({ oid: '1.2.840.10045.4.3.2' }, 'x'), rsa.publicKey, data, sig)).toBe(false);
  });
});
