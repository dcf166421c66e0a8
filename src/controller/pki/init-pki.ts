/**
 * Creates the test PKI of a factory installation: a CSCA and a Document Signer (profile and validity in
 * identity/pki/test-pki.ts), written to a directory as PEM certificates and passphrase-encrypted PKCS#8
 * keys (mode 0600). Refuses to replace an existing PKI unless forced: replacing the Document Signer makes
 * every card signed so far unverifiable against the new files.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { issueTestPki, TEST_PKI_CURVES } from '../../identity/pki/test-pki';
import { DEFAULT_KDF_ITERATIONS, encryptPrivateKey } from './encrypted-key';
import { certificateToPem } from './pem';
import { MIN_PASSPHRASE_LENGTH } from './passphrase';
import { PkiError } from './pki-error';
import { pkiFiles, type PkiFiles } from './pki-files';

/** Options of {@link initPki}. */
export interface InitPkiOptions {
  /** Encrypts both private keys; at least {@link MIN_PASSPHRASE_LENGTH} characters. */
  passphrase: string;
  /** Start of the certificates' validity. */
  now: Date;
  /** Replace an existing PKI in `dir`. */
  force?: boolean;
  /** PBKDF2 iterations for the key files; default {@link DEFAULT_KDF_ITERATIONS}. */
  kdfIterations?: number;
}

/** What {@link initPki} wrote. */
export interface InitPkiResult {
  files: PkiFiles;
  cscaCertificate: Uint8Array;
  documentSignerCertificate: Uint8Array;
}

/** A random positive serial number of 64 bits (RFC 5280 section 4.1.2.2: unique per issuer, at most 20 octets). */
function randomSerial(): bigint {
  const bytes = randomBytes(8);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01; // positive and never zero
  return BigInt(`0x${bytes.toString('hex')}`);
}

/**
 * Writes every file to a temporary name first (with its mode), then renames them all, so a failure while
 * writing leaves no half PKI behind.
 */
function writeAll(entries: readonly { file: string; data: string; mode: number }[]): void {
  const temps: string[] = [];
  try {
    for (const e of entries) {
      const tmp = `${e.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, e.data, { mode: e.mode, flag: 'wx' });
      temps.push(tmp);
      fs.chmodSync(tmp, e.mode);
    }
  } catch (err) {
    for (const t of temps) fs.rmSync(t, { force: true });
    throw err;
  }
  entries.forEach((e, i) => fs.renameSync(temps[i]!, e.file));
}

/**
 * Generates CSCA (P-384) and Document Signer (P-256) keys and certificates and writes them to `dir`
 * (created with mode 0700 when missing). Throws {@link PkiError} when the passphrase is too short or a PKI
 * already exists there and `force` is not set.
 */
export function initPki(dir: string, options: InitPkiOptions): InitPkiResult {
  if (options.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new PkiError(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  const files = pkiFiles(dir);
  const existing = Object.values(files).filter((f) => fs.existsSync(f));
  if (existing.length > 0 && options.force !== true) {
    throw new PkiError(`a PKI already exists in ${path.resolve(dir)} (${existing.map((f) => path.basename(f)).join(', ')}); use force to replace it`);
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  const cscaKey = generateKeyPairSync('ec', { namedCurve: TEST_PKI_CURVES.csca }).privateKey;
  const dsKey = generateKeyPairSync('ec', { namedCurve: TEST_PKI_CURVES.documentSigner }).privateKey;
  const certs = issueTestPki({
    cscaPrivateKey: cscaKey,
    documentSignerPrivateKey: dsKey,
    now: options.now,
    cscaSerial: randomSerial(),
    documentSignerSerial: randomSerial(),
  });
  const iterations = options.kdfIterations ?? DEFAULT_KDF_ITERATIONS;
  writeAll([
    { file: files.cscaKey, data: encryptPrivateKey(cscaKey, options.passphrase, iterations), mode: 0o600 },
    { file: files.documentSignerKey, data: encryptPrivateKey(dsKey, options.passphrase, iterations), mode: 0o600 },
    { file: files.cscaCertificate, data: certificateToPem(certs.csca), mode: 0o644 },
    { file: files.documentSignerCertificate, data: certificateToPem(certs.documentSigner), mode: 0o644 },
  ]);
  return { files, cscaCertificate: certs.csca, documentSignerCertificate: certs.documentSigner };
}
