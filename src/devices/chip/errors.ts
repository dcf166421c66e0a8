/**
 * The typed failures of chip I/O. Every failure of the chip station is one of these, so the line can tell
 * a defective card (reject it) from a missing one (look for it) from a wrong one (hold it) without parsing
 * messages. None of them carries personal data: only headers, file identifiers, offsets and status words.
 */
import { describeStatusWord, swHex } from './status-words';

/** Base class of every chip failure. */
export class ChipError extends Error {
  override name = 'ChipError';
  /**
   * @param message what happened, for an operator
   * @param command the command header (CLA INS P1 P2 in hex) being executed, when there was one
   */
  constructor(
    message: string,
    readonly command?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No card in the reader, or the card left the field (PC/SC "removed card"). */
export class NoCardError extends ChipError {
  override name = 'NoCardError';
}

/** A card is present but gives no answer to reset: the chip is dead (or not a chip card). */
export class NoAtrError extends ChipError {
  override name = 'NoAtrError';
}

/** The chip did not answer within the time-out. */
export class ChipTimeoutError extends ChipError {
  override name = 'ChipTimeoutError';
  constructor(
    readonly timeoutMs: number,
    command?: string,
  ) {
    super(`the chip did not answer ${command ?? 'the command'} within ${timeoutMs} ms`, command);
  }
}

/** Bytes that are not a valid APDU (too short, lengths that do not add up). */
export class ApduFormatError extends ChipError {
  override name = 'ApduFormatError';
  /**
   * @param offset where in `bytes` the problem was found
   * @param bytes the raw bytes as hex (APDU bytes: headers and lengths, or a chip response)
   */
  constructor(
    message: string,
    readonly offset: number,
    readonly bytes: string,
  ) {
    super(message);
  }
}

/** The chip answered a status word the step did not expect. */
export class ChipStatusError extends ChipError {
  override name = 'ChipStatusError';
  /** Four hex digits of the status word. */
  readonly swHex: string;
  constructor(
    readonly sw: number,
    command: string,
    what?: string,
  ) {
    const info = describeStatusWord(sw);
    super(`${what ?? command}: chip answered ${swHex(sw)} (${info.name}): ${info.meaning}`, command);
    this.swHex = info.hex;
  }
}

/** Personalization found the chip locked: it already holds someone's data. */
export class ChipAlreadyPersonalizedError extends ChipStatusError {
  override name = 'ChipAlreadyPersonalizedError';
}

/** What went wrong with a write. */
export type ChipWriteFailure =
  /** The chip reported a memory failure (6581): the card is defective. */
  | 'memory-failure'
  /** The file or the chip memory is full (6A84). */
  | 'capacity'
  /** The card left the field in the middle of a write. */
  | 'torn'
  /** Another status word. */
  | 'status';

/** A write to the chip failed. Names the file (FID) and the offset of the failed chunk. */
export class ChipWriteError extends ChipError {
  override name = 'ChipWriteError';
  constructor(
    readonly failure: ChipWriteFailure,
    /** File identifier, e.g. 0x0101 for DG1; undefined for key and lock commands. */
    readonly fid: number | undefined,
    /** Offset of the failed chunk in the file. */
    readonly offset: number | undefined,
    message: string,
    command?: string,
    readonly sw?: number,
    options?: { cause?: unknown },
  ) {
    super(message, command, options);
  }
}

/** The card vanished during a write (tearing): the file holds part of the chunk at best. */
export class ChipTornError extends ChipWriteError {
  override name = 'ChipTornError';
}

/** Secure messaging failed (wrong MAC, malformed objects, or the chip dropped the session). */
export class ChipSecureMessagingError extends ChipError {
  override name = 'ChipSecureMessagingError';
  constructor(
    message: string,
    command?: string,
    readonly sw?: number,
    options?: { cause?: unknown },
  ) {
    super(message, command, options);
  }
}

/** Basic Access Control failed: the chip does not answer to the MRZ keys used. */
export class BacFailedError extends ChipError {
  override name = 'BacFailedError';
  constructor(
    message: string,
    /** 6300 when the chip rejected the terminal; undefined when the chip's own answer did not verify. */
    readonly sw?: number,
    options?: { cause?: unknown },
  ) {
    super(message, '0082', options);
  }
}

/** A file read from the chip is not what it should be (wrong outer tag, bad TLV length). */
export class ChipDataError extends ChipError {
  override name = 'ChipDataError';
  constructor(
    message: string,
    readonly fid?: number,
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** The transport under the channel failed in a way that is none of the above. */
export class ChipTransportError extends ChipError {
  override name = 'ChipTransportError';
}

/** Four hex digits of a file identifier, e.g. "0101". */
export function fidHex(fid: number): string {
  return fid.toString(16).toUpperCase().padStart(4, '0');
}
