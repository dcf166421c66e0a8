/**
 * The typed failures of the PC/SC transport. They extend `ChipTransportError`, so the card channel passes
 * them through unchanged and the line can treat "no PC/SC at all", "pcscd is down" and "the reader was
 * unplugged" as station faults (call a technician) rather than card faults (reject the card).
 */
import { ChipError, ChipTransportError } from '../errors';

/** What an operator reads when the pcsclite binding cannot be loaded. */
export const PCSC_NOT_INSTALLED_MESSAGE =
  'PC/SC support is not available: pcsclite is not installed or libpcsclite is missing (apt-get install pcscd libpcsclite-dev)';

/** What an operator reads when the PC/SC daemon does not answer. */
export const PCSCD_NOT_RUNNING_MESSAGE = 'pcscd is not running (start it with: pcscd -f -a / systemctl start pcscd)';

/**
 * The `pcsclite` npm package (an optional dependency with a native part built against libpcsclite) could not
 * be loaded: the application still runs and simulates, but cannot drive a real reader.
 */
export class PcscNotInstalledError extends ChipTransportError {
  override name = 'PcscNotInstalledError';
  constructor(options?: { cause?: unknown }) {
    super(PCSC_NOT_INSTALLED_MESSAGE, undefined, options);
  }
}

/** The PC/SC daemon is not running, or stopped while we were using it. */
export class PcscUnavailableError extends ChipTransportError {
  override name = 'PcscUnavailableError';
  constructor(detail?: string, options?: { cause?: unknown }) {
    super(detail === undefined ? PCSCD_NOT_RUNNING_MESSAGE : `${PCSCD_NOT_RUNNING_MESSAGE}: ${detail}`, undefined, options);
  }
}

/** The named reader is not (or no longer) attached to pcscd. */
export class ReaderNotFoundError extends ChipTransportError {
  override name = 'ReaderNotFoundError';
  constructor(
    /** The reader asked for. */
    readonly readerName: string,
    /** The readers pcscd does know, so the operator can correct the name. */
    readonly available: readonly string[],
    waitedMs: number,
  ) {
    super(
      `no PC/SC reader named "${readerName}" appeared within ${waitedMs} ms; ` +
        (available.length === 0 ? 'pcscd reports no reader at all' : `readers present: ${available.map((n) => `"${n}"`).join(', ')}`),
    );
  }
}

/** The reader vanished (unplugged, driver gone) while it was being used. */
export class ReaderGoneError extends ChipTransportError {
  override name = 'ReaderGoneError';
  constructor(
    readonly readerName: string,
    command?: string,
    options?: { cause?: unknown },
  ) {
    super(`the PC/SC reader "${readerName}" is gone (unplugged or its driver stopped)`, command, options);
  }
}

/** Another application holds the card exclusively (PC/SC sharing violation). */
export class ReaderBusyError extends ChipTransportError {
  override name = 'ReaderBusyError';
  constructor(
    readonly readerName: string,
    options?: { cause?: unknown },
  ) {
    super(`the card in "${readerName}" is in use by another application (exclusive access)`, undefined, options);
  }
}

/**
 * The card was reset by another application sharing it (PC/SC "reset card"). The connection has been
 * re-established, but everything the chip held in RAM (selected application, secure messaging session) is
 * lost, so the step that was running must start again.
 */
export class CardResetError extends ChipTransportError {
  override name = 'CardResetError';
}

/** The card was not taken out of the reader in time (a station waiting for the next blank). */
export class CardStillPresentError extends ChipError {
  override name = 'CardStillPresentError';
  constructor(
    readonly readerName: string,
    readonly timeoutMs: number,
  ) {
    super(`${readerName}: the card is still in the reader after ${timeoutMs} ms`);
  }
}
