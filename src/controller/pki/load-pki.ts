/**
 * Loads what production needs from a PKI directory: the Document Signer (certificate and decrypted key,
 * as a {@link DocumentSigner}) and the CSCA certificates that QC trusts.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { createSoftwareDocumentSigner, type DocumentSigner } from '../../identity/pki/document-signer';
import { certificatesFromPem } from './pem';
import { PkiError } from './pki-error';
import { pkiFiles } from './pki-files';

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PkiError(code === 'ENOENT' ? `${file} does not exist (run the PKI initialisation first)` : `cannot read ${file}: ${code ?? (e as Error).message}`);
  }
}

function decryptKey(file: string, passphrase: string): KeyObject {
  const pem = readText(file);
  if (!pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    throw new PkiError(`${file} is not an encrypted PKCS#8 key; refusing to use a key stored in clear`);
  }
  if (passphrase === '') throw new PkiError(`no passphrase given for ${file}`);
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch {
    throw new PkiError(`cannot decrypt ${file}: wrong passphrase, or the file is damaged`);
  }
}

/** The Document Signer of the PKI in `dir`. Throws {@link PkiError} for missing files or a wrong passphrase. */
export function loadDocumentSigner(dir: string, passphrase: string): DocumentSigner {
  const files = pkiFiles(dir);
  const [certificate] = certificatesFromPem(readText(files.documentSignerCertificate), files.documentSignerCertificate);
  const key = decryptKey(files.documentSignerKey, passphrase);
  try {
    return createSoftwareDocumentSigner(key, certificate!);
  } catch (e) {
    throw new PkiError(`${files.documentSignerKey} does not fit ${files.documentSignerCertificate}: ${(e as Error).message}`);
  }
}

/** The CSCA certificates (DER) of the PKI in `dir`, the trust anchors for passive authentication. */
export function loadCscaCertificates(dir: string): Uint8Array[] {
  const file = pkiFiles(dir).cscaCertificate;
  return certificatesFromPem(readText(file), file);
}
