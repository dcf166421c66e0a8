/**
 * The typed failures of the card printer. Each says, in words for the person at the station, what is wrong and the
 * operator action that clears it, so the line can stop the station and show the action without parsing messages.
 * The printer's NACK codes (REFERENCE section 7, plus two codes of ours) map onto these in {@link errorForNack}.
 */

/** Base class of every printer failure. */
export class PrinterError extends Error {
  override name = 'PrinterError';
  /**
   * @param message the full message for logs: the command, what happened and the action
   * @param operatorMessage one sentence for the operator console: what is wrong
   * @param operatorAction what clears it, or undefined when no operator action can (a host bug)
   * @param command the command (without binary data) that failed, when there was one
   */
  constructor(
    message: string,
    readonly operatorMessage: string,
    readonly operatorAction: string | undefined,
    readonly command?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What a printer error looks like in a log line: `Sis: the card feeder is empty (ERR;F;FEEDER EMPTY); refill the feeder`. */
function describe(command: string | undefined, what: string, reply: string | undefined, action: string | undefined): string {
  return `${command ? `${command}: ` : ''}${what}${reply ? ` (printer answered ${reply})` : ''}${action ? `; ${action}` : ''}`;
}

/**
 * A condition of the printer that needs a person: the feeder, the ribbon, the cover, a jam, the reject box or the
 * head temperature. Raised from an `ERR` reply or read from the status flags.
 */
export abstract class PrinterConditionError extends PrinterError {
  /** The status flag that reports the same condition, e.g. `ERR_FEEDER_EMPTY`. */
  abstract readonly flag: string;
}

/** What each condition is and the action that clears it, shared by the classes below. */
export const CONDITIONS = {
  feederEmpty: { what: 'the card feeder is empty', action: 'refill the feeder' },
  ribbonEnded: { what: 'the ribbon has ended', action: 'replace the ribbon' },
  cardJam: { what: 'a card is jammed in the printer', action: 'open the cover, remove the card, close the cover' },
  coverOpen: { what: 'the printer cover is open', action: 'close the cover' },
  rejectBoxFull: { what: 'the reject box is full', action: 'empty the reject box' },
  headTemperature: { what: 'the print head is too hot', action: 'wait for the print head to cool down, then go on' },
} as const;

/** The feeder has no card to give (or could not pick one). */
export class FeederEmptyError extends PrinterConditionError {
  override name = 'FeederEmptyError';
  readonly flag = 'ERR_FEEDER_EMPTY';
  constructor(command?: string, reply?: string) {
    const { what, action } = CONDITIONS.feederEmpty;
    super(describe(command, what, reply, action), `${capitalise(what)}.`, action, command);
  }
}

/** The ribbon has no panels left for a card side (or broke). */
export class RibbonEndedError extends PrinterConditionError {
  override name = 'RibbonEndedError';
  readonly flag = 'ERR_RIBBON_ENDED';
  constructor(command?: string, reply?: string) {
    const { what, action } = CONDITIONS.ribbonEnded;
    super(describe(command, what, reply, action), `${capitalise(what)}.`, action, command);
  }
}

/** A card is stuck in the transport or at the print head (the printer's mechanical time-out, NACK `T`). */
export class CardJamError extends PrinterConditionError {
  override name = 'CardJamError';
  readonly flag = 'ERR_CARD_JAM';
  constructor(command?: string, reply?: string) {
    const { what, action } = CONDITIONS.cardJam;
    super(describe(command, what, reply, action), `${capitalise(what)}.`, action, command);
  }
}

/** The cover is open: the printer moves no card until it is closed. */
export class CoverOpenError extends PrinterConditionError {
  override name = 'CoverOpenError';
  readonly flag = 'ERR_COVER_OPEN';
  constructor(command?: string, reply?: string) {
    const { what, action } = CONDITIONS.coverOpen;
    super(describe(command, what, reply, action), `${capitalise(what)}.`, action, command);
  }
}

/** The reject box is full: no card can be rejected, so the printer takes no new card either. */
export class RejectBoxFullError extends PrinterConditionError {
  override name = 'RejectBoxFullError';
  readonly flag = 'ERR_REJECT_BOX_FULL';
  constructor(command?: string, reply?: string) {
    const { what, action } = CONDITIONS.rejectBoxFull;
    super(describe(command, what, reply, action), `${capitalise(what)}.`, action, command);
  }
}

/** The print head is over temperature; printing waits until it cools. */
export class HeadTemperatureError extends PrinterConditionError {
  override name = 'HeadTemperatureError';
  readonly flag = 'ERR_HEAD_TEMPERATURE';
  constructor(command?: string, reply?: string) {
    const { what, action } = CONDITIONS.headTemperature;
    super(describe(command, what, reply, action), `${capitalise(what)}.`, action, command);
  }
}

/**
 * No reply within the command's time-out. For a card move or a print the card's position is now unknown: ask the
 * printer (`Rlr;p`, status) before anything else, never re-send the command blindly.
 */
export class PrinterTimeoutError extends PrinterError {
  override name = 'PrinterTimeoutError';
  constructor(
    command: string,
    readonly timeoutMs: number,
  ) {
    const action = 'check that the printer is on and connected, then ask it where the card is before going on';
    super(describe(command, `the printer did not answer within ${timeoutMs} ms`, undefined, action), 'The printer did not answer.', action, command);
  }
}

/** The link to the printer is gone (port closed, cable pulled) or nothing answers on it. */
export class PrinterOfflineError extends PrinterError {
  override name = 'PrinterOfflineError';
  constructor(detail: string, command?: string, options?: { cause?: unknown }) {
    const action = 'check the cable and the power, then reconnect';
    super(describe(command, `the printer is offline: ${detail}`, undefined, action), 'The printer is offline.', action, command, options);
  }
}

/**
 * Bytes that are not a valid reply: not printable ASCII, longer than a reply can be, empty, or not the kind of
 * reply the command has. `raw` holds the offending bytes exactly as received (a reply's line including its CR).
 */
export class PrinterProtocolError extends PrinterError {
  override name = 'PrinterProtocolError';
  constructor(
    /** What is wrong with the bytes, without them. */
    readonly reason: string,
    readonly raw: Uint8Array,
    command?: string,
  ) {
    const action = 'check the cable and the port settings; if it goes on, restart the printer';
    super(`${command ? `${command}: ` : ''}${reason}; raw bytes ${escapeBytes(raw)}`, 'The printer sent a reply cardline cannot read.', action, command);
  }

  /** The same error, naming the command it answered. */
  forCommand(command: string): PrinterProtocolError {
    return new PrinterProtocolError(this.reason, this.raw, command);
  }
}

/**
 * The printer refused the command (`ERR` with code 1: unknown command, 2: bad parameter, or a code cardline does not
 * know). A host bug or a printer that speaks another dialect: no operator action clears it.
 */
export class PrinterCommandError extends PrinterError {
  override name = 'PrinterCommandError';
  constructor(
    command: string,
    /** The NACK code: `1`, `2`, or another. */
    readonly code: string,
    /** The printer's text after the code. */
    readonly text: string,
    /** The whole reply. */
    readonly reply: string,
  ) {
    const kind = code === '1' ? 'unknown command' : code === '2' ? 'bad parameter' : `error ${code}`;
    super(describe(command, `the printer refused the command: ${kind}${text ? ` (${text})` : ''}`, undefined, undefined), 'The printer refused a command.', undefined, command);
  }
}

/** The card is not where the printer should have put it (e.g. not at the contact station after an insert). */
export class CardPositionError extends PrinterError {
  override name = 'CardPositionError';
  constructor(
    command: string,
    readonly expected: string,
    readonly actual: string,
    withinMs: number,
  ) {
    const action = 'check the card path; ask the printer where the card is and reject it if in doubt';
    super(describe(command, `the card is not at the ${expected} after ${withinMs} ms (printer reports ${actual})`, undefined, action), 'The card is not where it should be.', action, command);
  }
}

/** A print job the driver will not send: the panels have the wrong size, orientation or length. A host bug. */
export class PanelFormatError extends PrinterError {
  override name = 'PanelFormatError';
  constructor(message: string) {
    super(message, 'The card artwork has the wrong format.', undefined);
  }
}

/**
 * The typed error for an `ERR;<code>;<text>` reply. Codes (REFERENCE section 7, serial NACK codes): 1 command,
 * 2 parameter, T time-out/mechanical (a jam), C cover open, F feeder, R ribbon; and two of ours for the
 * conditions that list lacks: B reject box full, H head temperature.
 */
export function errorForNack(command: string, code: string, text: string, reply: string): PrinterError {
  switch (code) {
    case 'F':
      return new FeederEmptyError(command, reply);
    case 'R':
      return new RibbonEndedError(command, reply);
    case 'T':
      return new CardJamError(command, reply);
    case 'C':
      return new CoverOpenError(command, reply);
    case 'B':
      return new RejectBoxFullError(command, reply);
    case 'H':
      return new HeadTemperatureError(command, reply);
    default:
      return new PrinterCommandError(command, code, text, reply);
  }
}

/** Bytes as text for a message: printable ASCII as is, everything else as \xNN (CR as \r), at most 120 bytes shown. */
export function escapeBytes(bytes: Uint8Array, limit = 120): string {
  let out = '';
  for (let i = 0; i < Math.min(bytes.length, limit); i++) {
    const b = bytes[i]!;
    if (b === 0x0d) out += '\\r';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `"${out}"${bytes.length > limit ? ` (+${bytes.length - limit} more bytes)` : ''}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * True for failures after which a card's position is unknown: no reply, an unreadable reply, or a lost link. The
 * host must ask the printer where the card is (`Rlr;p`, status) before doing anything else with that card.
 */
export function leavesCardInDoubt(error: unknown): boolean {
  return error instanceof PrinterTimeoutError || error instanceof PrinterProtocolError || error instanceof PrinterOfflineError;
}
