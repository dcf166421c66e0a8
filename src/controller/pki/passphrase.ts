/**
 * Where the Document Signer passphrase comes from. The CLI reads it from the environment (never from a
 * command-line argument, which other users can see in the process list) and hands it to the PKI functions.
 */
import { PkiError } from './pki-error';

/** Environment variable holding the passphrase of the PKI keys. */
export const PASSPHRASE_ENV = 'CARDLINE_DS_PASSPHRASE';

/** Minimum passphrase length for a new PKI (PCI Card Production: passwords of 12 characters or more). */
export const MIN_PASSPHRASE_LENGTH = 12;

/** The passphrase from `env`; throws {@link PkiError} with a clear message when it is missing or empty. */
export function passphraseFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const value = env[PASSPHRASE_ENV];
  if (value === undefined || value === '') {
    throw new PkiError(`${PASSPHRASE_ENV} is not set: the PKI private keys are encrypted and need their passphrase`);
  }
  return value;
}
