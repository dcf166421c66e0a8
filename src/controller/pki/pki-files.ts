/**
 * The files of a PKI directory. Certificates are PEM; private keys are PEM PKCS#8 encrypted with the
 * operator's passphrase (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC), never stored in clear (PCI Card Production logical security:
 * keys never in clear outside a secure device; DESIGN.md principle 7).
 */
import path from 'node:path';

/** File names inside the PKI directory. */
export const PKI_FILE_NAMES = {
  cscaCertificate: 'csca.pem',
  documentSignerCertificate: 'ds.pem',
  cscaKey: 'csca.key.pem',
  documentSignerKey: 'ds.key.pem',
} as const;

/** Absolute paths of the four PKI files. */
export type PkiFiles = { -readonly [K in keyof typeof PKI_FILE_NAMES]: string };

/** The paths of the PKI files in `dir`. */
export function pkiFiles(dir: string): PkiFiles {
  const abs = path.resolve(dir);
  return {
    cscaCertificate: path.join(abs, PKI_FILE_NAMES.cscaCertificate),
    documentSignerCertificate: path.join(abs, PKI_FILE_NAMES.documentSignerCertificate),
    cscaKey: path.join(abs, PKI_FILE_NAMES.cscaKey),
    documentSignerKey: path.join(abs, PKI_FILE_NAMES.documentSignerKey),
  };
}
