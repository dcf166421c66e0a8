/**
 * The printer status: information, warnings and errors at once, as the `Rst` reply lists them (`;`-separated flag
 * names, or `OK` when no flag is set), folded into one major state for the line. See PROTOCOL.md for the flags.
 */
import {
  CardJamError,
  CoverOpenError,
  FeederEmptyError,
  HeadTemperatureError,
  type PrinterConditionError,
  PrinterProtocolError,
  RejectBoxFullError,
  RibbonEndedError,
} from './errors';

/** What a flag means, for documentation and the operator console. */
export const STATUS_FLAGS = {
  INF_CARD_FEEDER: 'cards are in the feeder',
  INF_CARD_SMART_STATION: 'a card is at the contact (smart card) station',
  INF_CARD_CONTACTLESS_STATION: 'a card is at the contactless station',
  INF_CARD_PRINT_HEAD: 'a card is at the print head',
  WAR_FEEDER_NEAR_EMPTY: 'the feeder holds 10 cards or fewer',
  WAR_RIBBON_LOW: 'the ribbon has 50 panels or fewer left',
  WAR_REJECT_BOX_NEAR_FULL: 'the reject box has room for 5 cards or fewer',
  WAR_CLEANING_DUE: 'the printer is due for cleaning',
  ERR_FEEDER_EMPTY: 'the feeder is empty or could not pick a card',
  ERR_RIBBON_ENDED: 'the ribbon has ended',
  ERR_COVER_OPEN: 'the cover is open',
  ERR_CARD_JAM: 'a card is jammed',
  ERR_REJECT_BOX_FULL: 'the reject box is full',
  ERR_HEAD_TEMPERATURE: 'the print head is over temperature',
} as const;

/** A flag cardline knows. */
export type StatusFlag = keyof typeof STATUS_FLAGS;

/** The major state: ready (nothing to say), warning (works, someone should look), error (stopped), offline. */
export type PrinterState = 'ready' | 'warning' | 'error' | 'offline';

/** A status read. */
export interface PrinterStatus {
  state: PrinterState;
  /** `INF_` flags. */
  information: string[];
  /** `WAR_` flags. */
  warnings: string[];
  /** `ERR_` flags. */
  errors: string[];
  /** Well-formed flags cardline does not know (kept in their category too, so an unknown ERR_ still means error). */
  unknown: string[];
  /** For each known ERR_ flag, the typed error with its operator message and action. */
  problems: PrinterConditionError[];
  /** Why the printer is offline, when it is. */
  detail?: string;
}

const FLAG = /^(INF|WAR|ERR)_[A-Z0-9_]+$/;

/** The typed error for an `ERR_` flag, or undefined for a flag without one. */
export function errorForStatusFlag(flag: string): PrinterConditionError | undefined {
  switch (flag) {
    case 'ERR_FEEDER_EMPTY':
      return new FeederEmptyError();
    case 'ERR_RIBBON_ENDED':
      return new RibbonEndedError();
    case 'ERR_COVER_OPEN':
      return new CoverOpenError();
    case 'ERR_CARD_JAM':
      return new CardJamError();
    case 'ERR_REJECT_BOX_FULL':
      return new RejectBoxFullError();
    case 'ERR_HEAD_TEMPERATURE':
      return new HeadTemperatureError();
    default:
      return undefined;
  }
}

/**
 * Parses an `Rst` reply.
 * @throws PrinterProtocolError when an item is not a flag name (`raw` is the reply text)
 */
export function parseStatusReply(text: string): PrinterStatus {
  const status: PrinterStatus = { state: 'ready', information: [], warnings: [], errors: [], unknown: [], problems: [] };
  if (text === 'OK') return status;
  for (const flag of text.split(';')) {
    if (!FLAG.test(flag)) throw new PrinterProtocolError(`status item "${flag}" is not a flag name`, new TextEncoder().encode(text), 'Rst');
    if (!(flag in STATUS_FLAGS)) status.unknown.push(flag);
    if (flag.startsWith('INF_')) status.information.push(flag);
    else if (flag.startsWith('WAR_')) status.warnings.push(flag);
    else {
      status.errors.push(flag);
      const problem = errorForStatusFlag(flag);
      if (problem !== undefined) status.problems.push(problem);
    }
  }
  status.state = status.errors.length > 0 ? 'error' : status.warnings.length > 0 ? 'warning' : 'ready';
  return status;
}

/** The status of a printer that does not answer. */
export function offlineStatus(detail: string): PrinterStatus {
  return { state: 'offline', information: [], warnings: [], errors: [], unknown: [], problems: [], detail };
}

/** Builds an `Rst` reply from flags (the printer side). */
export function statusReplyText(flags: readonly string[]): string {
  return flags.length === 0 ? 'OK' : flags.join(';');
}
