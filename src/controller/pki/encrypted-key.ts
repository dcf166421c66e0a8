/**
 * Passphrase-encrypted PKCS#8 (RFC 5958 EncryptedPrivateKeyInfo) with PBES2 (RFC 8018 section 6.2):
 * PBKDF2-HMAC-SHA256 key derivation and AES-256-CBC encryption.
 *
 * Why not `KeyObject.export({ cipher, passphrase })`: node (OpenSSL 3 defaults) derives the key with only
 * 2048 PBKDF2 iterations and offers no way to raise it. A stolen key file should resist guessing far longer,
 * so cardline writes the same standard structure with a chosen iteration count (600,000 by default, the
 * OWASP 2023 figure for PBKDF2-HMAC-SHA256). OpenSSL and `createPrivateKey` read it like any other
 * encrypted PKCS#8 file.
 */
import { createCipheriv, pbkdf2Sync, randomBytes, type KeyObject } from 'node:crypto';
import { derInteger, derNull, derOctetString, derOid, derSequence } from '../../identity/lds/der';

/** Default PBKDF2 iteration count. */
export const DEFAULT_KDF_ITERATIONS = 600_000;

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_PBKDF2 = '1.2.840.113549.1.5.12';
const OID_HMAC_SHA256 = '1.2.840.113549.2.9';
const OID_AES256_CBC = '2.16.840.1.101.3.4.1.42';

/** PEM `ENCRYPTED PRIVATE KEY` of `key` under `passphrase`, with `iterations` PBKDF2 rounds. */
export function encryptPrivateKey(key: KeyObject, passphrase: string, iterations: number = DEFAULT_KDF_ITERATIONS): string {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError('iterations must be a positive integer');
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const derived = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', derived, iv);
  const plain = key.export({ type: 'pkcs8', format: 'der' });
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  derived.fill(0);
  const info = derSequence([
    derSequence([
      derOid(OID_PBES2),
      derSequence([
        derSequence([
          derOid(OID_PBKDF2),
          derSequence([derOctetString(salt), derInteger(iterations), derSequence([derOid(OID_HMAC_SHA256), derNull()])]),
        ]),
        derSequence([derOid(OID_AES256_CBC), derOctetString(iv)]),
      ]),
    ]),
    derOctetString(encrypted),
  ]);
  const lines = Buffer.from(info).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${lines.join('\n')}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
}
