/**
 * The factory's PKI directory: initialisation, loading the Document Signer and the CSCA trust anchors.
 */
export { DEFAULT_KDF_ITERATIONS, encryptPrivateKey } from './encrypted-key';
export { initPki, type InitPkiOptions, type InitPkiResult } from './init-pki';
export { loadCscaCertificates, loadDocumentSigner } from './load-pki';
export { MIN_PASSPHRASE_LENGTH, PASSPHRASE_ENV, passphraseFromEnv } from './passphrase';
export { PkiError } from './pki-error';
export { PKI_FILE_NAMES, pkiFiles, type PkiFiles } from './pki-files';
