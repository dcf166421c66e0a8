/**
 * Maps a pcsclite failure to the chip station's typed errors, from its PC/SC result code and what the driver
 * knows about the reader at that moment. Codes alone are not enough: when a card leaves in the middle of a
 * command, readers answer "transaction failed" or "communication error" as often as "card removed", so
 * those ambiguous codes are judged by the reader state the status watcher reports.
 */
import { ChipError, ChipTransportError, NoAtrError, NoCardError } from '../errors';
import { PcscUnavailableError, ReaderBusyError, ReaderGoneError } from './pcsc-errors';
import { SCARD, errorMessage, pcscResultCode, pcscResultHex } from './pcsc-result-codes';

/** What the driver knows when an operation fails. */
export interface PcscFailureContext {
  readerName: string;
  /** The PC/SC operation, for the message: "connect", "transmit", "disconnect". */
  operation: string;
  /** CLA INS P1 P2 in hex of the command being transmitted, if any. */
  command?: string;
  /** The reader disappeared (its status watcher ended or reported it unknown). */
  readerGone: boolean;
  /** The daemon failed (the context reported an error). */
  daemonDown: boolean;
  /** The last state reported a card; undefined when no state has been reported yet. */
  cardPresent: boolean | undefined;
  /** The last state reported the card mute (no answer to reset). */
  cardMute: boolean;
}


/** The typed error for `error`, a failure of a pcsclite call. ChipErrors pass through unchanged. */
export function translatePcscError(error: unknown, ctx: PcscFailureContext): ChipError {
  if (error instanceof ChipError) return error;
  const code = pcscResultCode(error);
  const cause = { cause: error };
  const where = `${ctx.operation} on "${ctx.readerName}"`;
  if (ctx.daemonDown || code === SCARD.E_NO_SERVICE || code === SCARD.E_SERVICE_STOPPED) {
    return new PcscUnavailableError(`${where} failed (${errorMessage(error)})`, cause);
  }
  if (ctx.readerGone || code === SCARD.E_UNKNOWN_READER || code === SCARD.E_NO_READERS_AVAILABLE) {
    return new ReaderGoneError(ctx.readerName, ctx.command, cause);
  }
  switch (code) {
    case SCARD.W_REMOVED_CARD:
    case SCARD.E_NO_SMARTCARD:
      return new NoCardError(`${where}: no card in the reader (it was removed)`, ctx.command, cause);
    case SCARD.W_UNRESPONSIVE_CARD:
    case SCARD.W_UNPOWERED_CARD:
    case SCARD.W_UNSUPPORTED_CARD:
      return new NoAtrError(`${where}: the card gives no usable answer to reset (dead chip?)`, ctx.command, cause);
    case SCARD.E_PROTO_MISMATCH:
      // pcscd answers "protocol mismatch" when the ATR it got was garbage: the card is mute.
      if (ctx.cardMute || ctx.operation === 'connect') {
        return new NoAtrError(`${where}: the card gives no usable answer to reset (dead chip?)`, ctx.command, cause);
      }
      break;
    case SCARD.E_SHARING_VIOLATION:
      return new ReaderBusyError(ctx.readerName, cause);
    case SCARD.E_NOT_TRANSACTED:
    case SCARD.F_COMM_ERROR:
    case SCARD.E_READER_UNAVAILABLE:
    case SCARD.E_NOT_READY:
    case SCARD.E_INVALID_HANDLE:
      if (ctx.cardPresent === false) {
        return new NoCardError(`${where}: the card left the reader during the command`, ctx.command, cause);
      }
      break;
    default:
      break;
  }
  const codeText = code === undefined ? '' : ` [${pcscResultHex(code)}]`;
  return new ChipTransportError(`${where} failed: ${errorMessage(error)}${codeText}`, ctx.command, cause);
}
