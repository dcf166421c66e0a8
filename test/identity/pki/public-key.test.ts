import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseCertificate } from '../../../src/identity/pki/certificate';
import { namedCurveOfExplicitParameters, normalizeSpki, publicKeyFromSpki } from '../../../src/identity/pki/public-key';
import { LdsError } from '../../../src/identity/lds/lds-error';
import { readSingleTlv, children } from '../../../src/identity/lds/tlv';
import { describeWithSamples, pemCertificates } from '../lds/emrtd-samples';
import { openssl, tempDir, testWithOpenssl } from './pki-fixture';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
/** DER of the brainpoolP224r1 OID 1.3.36.3.3.2.8.1.1.5 (RFC 5639 section 4.1), hand-encoded. */
const BRAINPOOL_P224R1_OID = '06092B2403030208010105';
/** DER of prime256v1 1.2.840.10045.3.1.7 (RFC 5480 section 2.1.1.1), hand-encoded. */
const P256_OID = '06082A8648CE3D030107';

describeWithSamples('explicit EC parameters of the BSI 2008 Document Signer', () => {
  const cert = parseCertificate(pemCertificates('bsi2008_certs.pem')[0]!);

  test('are recognised as brainpoolP224r1 and rewritten to the named-curve OID, same public point', () => {
    const normalized = normalizeSpki(cert.spki);
    const [alg, key] = children(readSingleTlv(normalized));
    expect(toHex(alg!.value)).toBe('06072A8648CE3D0201' + BRAINPOOL_P224R1_OID);
    const [, originalKey] = children(readSingleTlv(cert.spki));
    expect(toHex(key!.raw)).toBe(toHex(originalKey!.raw));
  });

  test('yield a usable KeyObject on brainpoolP224r1', () => {
    const key = publicKeyFromSpki(cert.spki);
    expect(key.asymmetricKeyType).toBe('ec');
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('brainpoolP224r1');
  });

  test('explicit parameters that match no known curve are left for OpenSSL to judge', () => {
    const spki = Uint8Array.from(cert.spki);
    // Change one byte of coefficient b (at a known place: the 2nd OCTET STRING of the curve SEQUENCE).
    const params = children(children(readSingleTlv(spki))[0]!)[1]!;
    expect(namedCurveOfExplicitParameters(params)?.name).toBe('brainpoolP224r1');
    const bAt = Buffer.from(spki).indexOf(Buffer.from('2580F63CCFE4', 'hex'));
    spki[bAt + 3] = spki[bAt + 3]! ^ 0xff;
    expect(namedCurveOfExplicitParameters(children(children(readSingleTlv(spki))[0]!)[1]!)).toBeUndefined();
    expect(toHex(normalizeSpki(spki))).toBe(toHex(spki));
  });
});

describe('explicit parameters of other curves', () => {
  testWithOpenssl('openssl-made explicit P-256 and brainpoolP256r1 keys map to their named forms', () => {
    const dir = tempDir('cardline-ec-');
    for (const [curve, oidHex] of [['prime256v1', P256_OID], ['brainpoolP256r1', '06092B2403030208010107']] as const) {
      const keyFile = path.join(dir, `${curve}.pem`);
      expect(openssl(['ecparam', '-name', curve, '-genkey', '-noout', '-out', keyFile]).status).toBe(0);
      const explicit = openssl(['ec', '-in', keyFile, '-pubout', '-outform', 'DER', '-param_enc', 'explicit', '-out', `${keyFile}.x.der`]);
      const named = openssl(['ec', '-in', keyFile, '-pubout', '-outform', 'DER', '-out', `${keyFile}.n.der`]);
      expect(explicit.status).toBe(0);
      expect(named.status).toBe(0);
      const explicitDer = new Uint8Array(fs.readFileSync(`${keyFile}.x.der`));
      const namedDer = new Uint8Array(fs.readFileSync(`${keyFile}.n.der`));
      expect(explicitDer.length).toBeGreaterThan(namedDer.length + 100);
      expect(toHex(normalizeSpki(explicitDer))).toBe(toHex(namedDer));
      expect(toHex(namedDer)).toContain(oidHex);
    }
  });

  test('named-curve keys pass through unchanged', () => {
    const spki = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' });
    expect(toHex(normalizeSpki(spki))).toBe(toHex(spki));
  });

  test('malformed SubjectPublicKeyInfo gives an LdsError', () => {
    expect(() => publicKeyFromSpki(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x00]))).toThrow(LdsError);
    expect(() => publicKeyFromSpki(Uint8Array.from([0x30, 0x05]))).toThrow(LdsError);
  });
});
