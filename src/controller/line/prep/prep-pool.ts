import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../../workers/worker-pool';
import { loadDocumentSigner } from '../../pki';
import { prepareCard } from './prepare-card';
import type { PreparedCard, PrepInput, PrepSettings } from './prepared-card';

/** Prepares cards on worker threads (or in this thread, see {@link createPreparer}). */
export interface Preparer {
  prepare(input: PrepInput): Promise<PreparedCard>;
  close(): Promise<void>;
}

/** Where the Document Signer comes from. */
export interface SignerSource {
  pkiDir: string;
  passphrase: string;
}

/**
 * A preparer over `threads` worker threads, each holding its own Document Signer (the key is decrypted once per
 * thread). With `threads` 0, or when the compiled worker script is absent (TypeScript sources under a test
 * runner), cards are prepared in the calling thread.
 */
export function createPreparer(source: SignerSource, settings: PrepSettings, threads = availableParallelism()): Preparer {
  const script = join(__dirname, 'prep-worker.js');
  if (threads <= 0 || !existsSync(script)) {
    const signer = loadDocumentSigner(source.pkiDir, source.passphrase);
    return { prepare: (input) => prepareCard(input, signer, settings), close: async () => {} };
  }
  const pool = new WorkerPool<PrepInput, PreparedCard>(script, threads, 4, { ...source, settings });
  return { prepare: (input) => pool.run(input), close: () => pool.close() };
}
