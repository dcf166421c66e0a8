/**
 * The PKI material the chip commands need, with failures as operator errors (exit 1): the Document Signer
 * (its key decrypted with the passphrase from CARDLINE_DS_PASSPHRASE) and the CSCA certificates QC trusts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadDocumentSigner, passphraseFromEnv, PkiError, PASSPHRASE_ENV } from '../../controller/pki';
import { certificatesFromPem } from '../../controller/pki/pem';
import type { DocumentSigner } from '../../identity/pki/document-signer';
import { InputError } from '../cli-errors';

/** Default PKI directory of the CLI, relative to the working directory. */
export const DEFAULT_PKI_DIR = 'var/pki';

/** Rethrows a PKI problem as an InputError; anything else unchanged. */
function asInputError(e: unknown): never {
  if (e instanceof PkiError) throw new InputError(e.message);
  throw e;
}

/** The passphrase of the PKI keys from the environment; a clear InputError naming the variable when missing. */
export function passphraseOrExplain(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return passphraseFromEnv(env);
  } catch (e) {
    if (e instanceof PkiError) throw new InputError(`${e.message} (export ${PASSPHRASE_ENV}=... before running this command)`);
    throw e;
  }
}

/** The Document Signer of the PKI in `dir`. */
export function documentSignerFor(dir: string, env: NodeJS.ProcessEnv = process.env): DocumentSigner {
  const passphrase = passphraseOrExplain(env);
  try {
    return loadDocumentSigner(dir, passphrase);
  } catch (e) {
    return asInputError(e);
  }
}

/** The CSCA certificates (DER) in the PEM file `file`. */
export function cscaCertificatesFrom(file: string): Uint8Array[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'latin1');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `${path.resolve(file)} does not exist (run "cardline pki init" or pass --csca)` : `cannot read ${file}: ${code ?? String(e)}`,
    );
  }
  try {
    return certificatesFromPem(text, file);
  } catch (e) {
    return asInputError(e);
  }
}
