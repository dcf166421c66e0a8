import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  initPki,
  loadCscaCertificates,
  loadDocumentSigner,
  passphraseFromEnv,
  PkiError,
  PASSPHRASE_ENV,
} from '../../../src/controller/pki';
import { buildSod } from '../../../src/identity/lds/sod';
import { encodeTlv } from '../../../src/identity/lds/tlv';
import { verifyPassiveAuthentication } from '../../../src/identity/passive-auth';
import { epochSeconds, openssl, tempDir, testWithOpenssl } from '../../identity/pki/pki-fixture';

const PASSPHRASE = 'correct horse battery staple';
const NOW = new Date('2025-05-01T00:00:00Z');
/** Fewer PBKDF2 rounds for the throw-away PKIs of the error tests; the main one uses the default. */
const FAST = { kdfIterations: 1000 };

describe('initPki', () => {
  const dir = path.join(tempDir('cardline-pki-'), 'pki');
  const result = initPki(dir, { passphrase: PASSPHRASE, now: NOW });

  test('writes the four files; keys are encrypted PKCS#8 with mode 0600', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(['csca.key.pem', 'csca.pem', 'ds.key.pem', 'ds.pem']);
    for (const key of [result.files.cscaKey, result.files.documentSignerKey]) {
      const text = fs.readFileSync(key, 'latin1');
      expect(text.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----')).toBe(true);
      expect(text).not.toMatch(/BEGIN (EC )?PRIVATE KEY/);
      expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    }
    expect(fs.readFileSync(result.files.cscaCertificate, 'latin1')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  test('refuses to overwrite an existing PKI unless forced', () => {
    const before = fs.readFileSync(result.files.documentSignerKey, 'latin1');
    expect(() => initPki(dir, { passphrase: PASSPHRASE, now: NOW })).toThrow(PkiError);
    expect(() => initPki(dir, { passphrase: PASSPHRASE, now: NOW })).toThrow(/already exists/);
    expect(fs.readFileSync(result.files.documentSignerKey, 'latin1')).toBe(before);
    const other = path.join(tempDir('cardline-pki-'), 'pki');
    initPki(other, { passphrase: PASSPHRASE, now: NOW, ...FAST });
    const forced = initPki(other, { passphrase: PASSPHRASE, now: NOW, force: true, ...FAST });
    expect(fs.readFileSync(forced.files.cscaCertificate, 'latin1')).toContain('BEGIN CERTIFICATE');
    expect(fs.readdirSync(other).sort()).toEqual(['csca.key.pem', 'csca.pem', 'ds.key.pem', 'ds.pem']);
  });

  test('refuses a passphrase shorter than 12 characters', () => {
    expect(() => initPki(path.join(tempDir('cardline-pki-'), 'p'), { passphrase: 'short', now: NOW })).toThrow(/12 characters/);
  });

  testWithOpenssl('openssl verify -CAfile csca.pem ds.pem passes', () => {
    const r = openssl(['verify', '-attime', epochSeconds(new Date('2025-06-01T00:00:00Z')), '-CAfile', result.files.cscaCertificate, result.files.documentSignerCertificate]);
    expect(r.out).toMatch(/ds\.pem: OK/);
    expect(r.status).toBe(0);
  });

  testWithOpenssl('the key files are PBES2 with PBKDF2-HMAC-SHA256 at 600,000 iterations and AES-256-CBC', () => {
    const r = openssl(['asn1parse', '-in', result.files.documentSignerKey]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/:PBES2/);
    expect(r.out).toMatch(/:PBKDF2/);
    expect(r.out).toMatch(/INTEGER\s+:0927C0\n/); // 600000
    expect(r.out).toMatch(/:hmacWithSHA256/);
    expect(r.out).toMatch(/:aes-256-cbc/);
  });

  testWithOpenssl('openssl opens the keys with the passphrase and not without it', () => {
    const good = openssl(['pkey', '-in', result.files.documentSignerKey, '-passin', `pass:${PASSPHRASE}`, '-noout']);
    expect(good.status).toBe(0);
    const bad = openssl(['pkey', '-in', result.files.documentSignerKey, '-passin', 'pass:wrong passphrase!', '-noout']);
    expect(bad.status).not.toBe(0);
  });

  test('loadDocumentSigner works with the right passphrase only; the signer signs a SOD that verifies', async () => {
    expect(() => loadDocumentSigner(dir, 'wrong passphrase!')).toThrow(/wrong passphrase/);
    expect(() => loadDocumentSigner(dir, '')).toThrow(PkiError);
    const signer = loadDocumentSigner(dir, PASSPHRASE);
    expect(signer.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    expect(Buffer.from(signer.certificateDer).equals(Buffer.from(result.documentSignerCertificate))).toBe(true);
    const groups = new Map([
      [1, encodeTlv(0x61, Buffer.from('a'))],
      [2, encodeTlv(0x75, Buffer.from('b'))],
    ]);
    const sod = await buildSod({ dataGroups: groups, signer });
    const report = verifyPassiveAuthentication({ sod, dataGroups: groups, cscaCertificates: loadCscaCertificates(dir), at: new Date('2025-06-01T00:00:00Z') });
    expect(report.ok).toBe(true);
  });

  test('a missing directory or a key stored in clear is a PkiError naming the file', () => {
    expect(() => loadDocumentSigner(path.join(dir, 'nope'), PASSPHRASE)).toThrow(/ds\.pem does not exist/);
    const clear = path.join(tempDir('cardline-pki-'), 'pki');
    const r = initPki(clear, { passphrase: PASSPHRASE, now: NOW, ...FAST });
    const key = createPrivateKey({ key: fs.readFileSync(r.files.documentSignerKey, 'latin1'), format: 'pem', passphrase: PASSPHRASE });
    fs.writeFileSync(r.files.documentSignerKey, key.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadDocumentSigner(clear, PASSPHRASE)).toThrow(/in clear/);
  });
});

describe('passphraseFromEnv', () => {
  test(`reads ${PASSPHRASE_ENV}; missing or empty is a clear PkiError`, () => {
    expect(passphraseFromEnv({ [PASSPHRASE_ENV]: PASSPHRASE })).toBe(PASSPHRASE);
    expect(() => passphraseFromEnv({})).toThrow(/CARDLINE_DS_PASSPHRASE is not set/);
    expect(() => passphraseFromEnv({ [PASSPHRASE_ENV]: '' })).toThrow(PkiError);
  });
});
