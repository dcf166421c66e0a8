/**
 * The PC/SC transport of the chip station: real readers (and virtual chips behind pcscd's vpcd driver)
 * through the optional `pcsclite` binding, loaded only when used. See PCSC.md.
 */
export { callWithTimeout } from './call-with-timeout';
export { listPcscReaders, type PcscReaderInfo } from './list-pcsc-readers';
export { PcscCardReader, DEFAULT_CARD_WAIT_MS, type PcscCardReaderOptions } from './pcsc-card-reader';
export {
  PcscConnection,
  PCSC_CONNECTION_DEFAULTS,
  type PcscCardChannel,
  type PcscConnectionOptions,
  type PcscDisposition,
  type PcscProtocolChoice,
  type PcscShareMode,
} from './pcsc-connection';
export { PcscContext, DEFAULT_CLOSE_TIMEOUT_MS, DEFAULT_READER_DISCOVERY_MS, type PcscContextOptions } from './pcsc-context';
export {
  CardResetError,
  CardStillPresentError,
  PCSC_NOT_INSTALLED_MESSAGE,
  PCSCD_NOT_RUNNING_MESSAGE,
  PcscNotInstalledError,
  PcscUnavailableError,
  ReaderBusyError,
  ReaderGoneError,
  ReaderNotFoundError,
} from './pcsc-errors';
export { SCARD, pcscResultCode, pcscResultHex } from './pcsc-result-codes';
export { loadPcscLite, type PcscLite, type PcscLiteFactory, type PcscLiteReader, type PcscCallback } from './pcsclite-binding';
export { SCARD_STATE, decodeReaderState, type ReaderState } from './reader-state';
export type { PcscCardEvent } from './reader-slot';
export { translatePcscError, type PcscFailureContext } from './translate-pcsc-error';
