/**
 * Protection of personal data at rest (DESIGN.md principle 7): AES-256-GCM sealing bound to the owning row,
 * a keyed hash of the personal ID for lookups, the data key's sources, and ID masking for logs and screens.
 */
export { DataKeyError, SealError } from './errors';
export { DATA_KEY_BYTES, parseDataKey } from './key-material';
export { SEAL_FORMAT_VERSION, SEAL_OVERHEAD_BYTES, sealBytes, openBytes, sealedHeader } from './seal';
export { DataKeyring } from './keyring';
export { readKeyFile, createKeyFile, readOrCreateKeyFile } from './key-file';
export {
  DATA_KEY_ENV,
  DATA_KEY_FILE_NAME,
  INITIAL_KEY_ID,
  dataKeyFileFor,
  loadDataKey,
  type LoadedDataKey,
} from './load-data-key';
export { maskPersonalId, maskPersonalIdsInText } from './mask';
export { scrubPersonalData, REMOVED } from './scrub';
