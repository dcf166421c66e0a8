import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { ActiveAuthKeyError, signActiveAuthChallenge, verifyActiveAuthSignature } from '../../../src/identity/lds/active-auth';
import { buildDg15, parseDg15 } from '../../../src/identity/lds/dg15';

const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pkcs8 = new Uint8Array(pair.privateKey.export({ type: 'pkcs8', format: 'der' }));
const challenge = Uint8Array.from([0x46, 0x08, 0xf9, 0x19, 0x88, 0x70, 0x22, 0x12]);

describe('Active Authentication (ECDSA, plain r||s over SHA-256)', () => {
  test('the chip side signs in TR-03111 plain format that node verifies independently', () => {
    const sig = signActiveAuthChallenge(pkcs8, challenge);
    expect(sig.length).toBe(64);
    expect(verify('sha256', challenge, { key: pair.publicKey, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
  });

  test('the terminal side accepts a plain signature made independently, with the key from DG15', () => {
    const sig = sign('sha256', challenge, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' });
    const dg15 = parseDg15(buildDg15(pair.publicKey));
    expect(verifyActiveAuthSignature(dg15.publicKey, challenge, sig)).toBe(true);
    expect(verifyActiveAuthSignature(dg15.spki, challenge, sig)).toBe(true);
  });

  test('round trip, and rejections: another challenge, a flipped bit, DER encoding, SHA-1, another key', () => {
    const sig = signActiveAuthChallenge(pkcs8, challenge);
    expect(verifyActiveAuthSignature(pair.publicKey, challenge, sig)).toBe(true);
    expect(verifyActiveAuthSignature(pair.publicKey, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), sig)).toBe(false);
    const flipped = Uint8Array.from(sig);
    flipped[10] = flipped[10]! ^ 0x01;
    expect(verifyActiveAuthSignature(pair.publicKey, challenge, flipped)).toBe(false);
    const der = sign('sha256', challenge, { key: pair.privateKey, dsaEncoding: 'der' });
    expect(verifyActiveAuthSignature(pair.publicKey, challenge, der)).toBe(false);
    const sha1 = sign('sha1', challenge, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verifyActiveAuthSignature(pair.publicKey, challenge, sha1)).toBe(false);
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
    expect(verifyActiveAuthSignature(other, challenge, sig)).toBe(false);
    expect(verifyActiveAuthSignature(pair.publicKey, challenge, new Uint8Array(3))).toBe(false);
  });

  test('RSA keys are refused with a typed error', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signActiveAuthChallenge(new Uint8Array(rsa.privateKey.export({ type: 'pkcs8', format: 'der' })), challenge)).toThrow(ActiveAuthKeyError);
    expect(() => verifyActiveAuthSignature(createPublicKey(rsa.privateKey), challenge, new Uint8Array(128))).toThrow(ActiveAuthKeyError);
  });
});
