/** Worker-thread entry of the data preparation pool: loads the Document Signer once, then prepares cards. */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../../workers/serve-tasks';
import { loadDocumentSigner } from '../../pki';
import { prepareCard, preparedCardBuffers } from './prepare-card';
import type { PreparedCard, PrepInput, PrepSettings } from './prepared-card';

const { pkiDir, passphrase, settings } = workerData as { pkiDir: string; passphrase: string; settings: PrepSettings };
const signer = loadDocumentSigner(pkiDir, passphrase);

serveTasks<PrepInput, PreparedCard>((input) => prepareCard(input, signer, settings), preparedCardBuffers);
