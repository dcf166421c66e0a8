/**
 * `cardline pki init`: creates the factory's test PKI (a CSCA and a Document Signer) with the keys encrypted
 * under the passphrase in CARDLINE_DS_PASSPHRASE (never a command-line argument: other users can read the
 * process list).
 */
import type { Command } from 'commander';
import { initPki, PkiError } from '../../controller/pki';
import { InputError } from '../cli-errors';
import { DEFAULT_PKI_DIR, passphraseOrExplain } from './chip-pki';

interface InitOptions {
  dir: string;
  force?: boolean;
  json?: boolean;
}

/** Registers `cardline pki` and `pki init`. */
export function registerPki(program: Command): void {
  const pki = program.command('pki').description('the test PKI: CSCA and Document Signer');
  pki
    .command('init')
    .description('create a CSCA and a Document Signer (keys encrypted with CARDLINE_DS_PASSPHRASE)')
    .option('--dir <dir>', 'PKI directory', DEFAULT_PKI_DIR)
    .option('--force', 'replace an existing PKI (cards signed by the old Document Signer no longer verify against the new files)')
    .option('--json', 'print the files written as JSON')
    .action((opts: InitOptions) => {
      const passphrase = passphraseOrExplain();
      let result;
      try {
        result = initPki(opts.dir, { passphrase, now: new Date(), ...(opts.force ? { force: true } : {}) });
      } catch (e) {
        if (e instanceof PkiError) throw new InputError(e.message.replace('use force to replace it', 'use --force to replace it'));
        throw e;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ dir: opts.dir, files: result.files }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `created the test PKI in ${opts.dir}:\n` +
          `  CSCA certificate            ${result.files.cscaCertificate}\n` +
          `  Document Signer certificate ${result.files.documentSignerCertificate}\n` +
          `  keys (encrypted, mode 0600) ${result.files.cscaKey}, ${result.files.documentSignerKey}\n`,
      );
    });
  for (const sub of pki.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
}
