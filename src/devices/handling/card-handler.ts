/**
 * The card handler: the mechanics that move cards between the stations of a line. On an industrial line it is the
 * PLC driving conveyors, grippers and flippers; on a workstation line it is conveyors or an operator carrying a
 * batch from one desk printer to the next. The line service never moves a card any other way, so every move is a
 * call here, with a time-out, a typed failure, and counters that recovery reads to tell whether a move happened.
 *
 * Stations are named by the ids the line's configuration gives them. Each station has an entry (where the handler
 * puts a card for it: a printer's feeder, an encoder module's contact station) and an exit (where it takes the card
 * from afterwards: a printer's output hopper; for a module, the same contact station).
 *
 * Only a simulated implementation exists today (simulators/line, SimulatedCardHandler). A PLC driver (Modbus/TCP or
 * OPC UA, per vendor) would implement the same interface.
 */

/** A place the handler can sense. */
export type HandlingPosition =
  /** The line's input feeder (blank stock). */
  | { readonly kind: 'input' }
  /** Where the handler puts cards for `station`. */
  | { readonly kind: 'entry'; readonly station: string }
  /** Where the handler takes cards from `station`. */
  | { readonly kind: 'exit'; readonly station: string }
  /** On the handler itself, between two places (a conveyor segment, a gripper). */
  | { readonly kind: 'transit' }
  /** The output stacker. */
  | { readonly kind: 'output' }
  /** The reject box. */
  | { readonly kind: 'reject' };

/** What a sensor at a position reports. */
export type SensedCard = 'card' | 'empty';

/**
 * The handler's counters, kept by the mechanics themselves (a PLC's counters survive a restart of the host): after a
 * crash, a feed whose outcome was never recorded happened if `fed` is above the count the store knows.
 */
export interface HandlingCounters {
  /** Blanks taken from the input feeder. */
  fed: number;
  /** Cards put on the output stacker. */
  stacked: number;
  /** Cards put in the reject box. */
  rejected: number;
}

/** What a feed took from the input feeder. */
export interface FedCard {
  /**
   * The blank's serial number, as the feeder's reader read it (industrial feeders read the pre-printed or chip-coded
   * serial of each blank so the stock ledger can count them).
   */
  readonly cardId: string;
}

/** Options of every handler call. */
export interface HandlingCallOptions {
  /** How long the caller waits for the move to be confirmed. Default: the handler's own (see the implementation). */
  timeoutMs?: number;
  /** Aborts the wait (the move itself may still complete: the mechanics do not stop mid-way). */
  signal?: AbortSignal;
}

/** The card handler of a line; see the module comment. */
export interface CardHandler {
  /** For messages: the handler's name (`simulated handler`, `PLC 10.0.0.5`). */
  readonly name: string;
  /**
   * Takes the next blank from the input feeder to `toStation`'s entry.
   * @throws NoBlankError when the input feeder is empty; HandlingFeedError for a misfeed (nothing moved: retry);
   *   HandlingJamError; HandlingRefusedError (unknown station, entry full); HandlingTimeoutError
   */
  feed(toStation: string, options?: HandlingCallOptions): Promise<FedCard>;
  /**
   * Moves the card at `from`'s exit to `to`'s entry.
   * @throws HandlingRefusedError when there is no card at `from`'s exit or `to`'s entry is full; HandlingJamError;
   *   HandlingTimeoutError
   */
  transfer(from: string, to: string, options?: HandlingCallOptions): Promise<void>;
  /**
   * Puts the card at `from`'s exit on the output stacker, at place `sequence` of the output order (lines that
   * re-sequence their output use it; others pass a running number).
   */
  stack(from: string, sequence: number, options?: HandlingCallOptions): Promise<void>;
  /** Puts the card at `from`'s exit in the reject box, with `reason` on its slip. */
  reject(from: string, reason: string, options?: HandlingCallOptions): Promise<void>;
  /** Whether a sensor sees a card at `position` (for recovery: where did the card go?). */
  sense(position: HandlingPosition, options?: HandlingCallOptions): Promise<SensedCard>;
  /** The mechanics' own counters. */
  counters(options?: HandlingCallOptions): Promise<HandlingCounters>;
}

/** Default time-out of a handler call when neither the call nor the handler sets one. */
export const DEFAULT_HANDLING_TIMEOUT_MS = 15_000;
