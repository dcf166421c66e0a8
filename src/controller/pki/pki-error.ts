/**
 * A problem with the PKI directory: missing or existing files, a wrong passphrase, a key that does not fit its
 * certificate. The message says what and which file, and never contains key material or the passphrase.
 */
export class PkiError extends Error {
  override readonly name = 'PkiError';
}
