import { constants, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { verifyRsassaPss } from '../../../src/identity/pki/rsassa-pss';
import { openssl, tempDir, testWithOpenssl } from './pki-fixture';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
// 2049 bits: emLen = ceil(2048/8) = 256 < k = 257, the case with a leading zero octet to drop.
const odd = generateKeyPairSync('rsa', { modulusLength: 2049 });
const message = Buffer.from('LDS security object signed attributes');

function pssSign(hash: string, saltLength: number, key = privateKey): Buffer {
  return sign(hash, message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
}

describe('RSASSA-PSS verification (RFC 8017 9.1.2)', () => {
  test.each([
    ['sha256', 32],
    ['sha256', 0],
    ['sha1', 20],
    ['sha384', 48],
    ['sha512', 64],
  ] as const)('accepts signatures made by OpenSSL (%s, salt %d)', (hash, salt) => {
    expect(verifyRsassaPss(publicKey, message, pssSign(hash, salt), { hash, mgf1Hash: hash, saltLength: salt })).toBe(true);
  });

  test('accepts a 2049-bit key (emLen one octet shorter than the modulus)', () => {
    const sig = pssSign('sha256', 32, odd.privateKey);
    expect(verifyRsassaPss(odd.publicKey, message, sig, { hash: 'sha256', mgf1Hash: 'sha256', saltLength: 32 })).toBe(true);
  });

  test('rejects a flipped bit, a wrong salt length, a wrong hash, another message, a short signature', () => {
    const sig = pssSign('sha256', 32);
    const p = { hash: 'sha256', mgf1Hash: 'sha256', saltLength: 32 } as const;
    const flipped = Buffer.from(sig);
    flipped[100] = flipped[100]! ^ 0x01;
    expect(verifyRsassaPss(publicKey, message, flipped, p)).toBe(false);
    expect(verifyRsassaPss(publicKey, message, sig, { ...p, saltLength: 20 })).toBe(false);
    expect(verifyRsassaPss(publicKey, message, sig, { ...p, hash: 'sha384' })).toBe(false);
    expect(verifyRsassaPss(publicKey, Buffer.from('other'), sig, p)).toBe(false);
    expect(verifyRsassaPss(publicKey, message, sig.subarray(1), p)).toBe(false);
    expect(verifyRsassaPss(publicKey, message, Buffer.alloc(256, 0xff), p)).toBe(false);
  });

  test('rejects a PKCS#1 v1.5 signature', () => {
    const v15 = sign('sha256', message, privateKey);
    expect(verifyRsassaPss(publicKey, message, v15, { hash: 'sha256', mgf1Hash: 'sha256', saltLength: 32 })).toBe(false);
  });

  testWithOpenssl('verifies an openssl signature whose MGF1 hash (SHA-1) differs from the message hash (SHA-256)', () => {
    const dir = tempDir('cardline-pss-');
    const keyFile = path.join(dir, 'k.pem');
    const msgFile = path.join(dir, 'm.bin');
    const sigFile = path.join(dir, 's.bin');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    fs.writeFileSync(msgFile, message);
    const r = openssl([
      'dgst', '-sha256', '-sign', keyFile,
      '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32', '-sigopt', 'rsa_mgf1_md:sha1',
      '-out', sigFile, msgFile,
    ]);
    expect(r.status).toBe(0);
    const sig = fs.readFileSync(sigFile);
    expect(verifyRsassaPss(publicKey, message, sig, { hash: 'sha256', mgf1Hash: 'sha1', saltLength: 32 })).toBe(true);
    expect(verifyRsassaPss(publicKey, message, sig, { hash: 'sha256', mgf1Hash: 'sha256', saltLength: 32 })).toBe(false);
  });

  test('an EC key is simply "does not verify"', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
    expect(verifyRsassaPss(ec, message, pssSign('sha256', 32), { hash: 'sha256', mgf1Hash: 'sha256', saltLength: 32 })).toBe(false);
  });
});
