/**
 * The typed failures of the card handler. The line tells them apart by class: a jam stops the line for a person, a
 * time-out leaves the move in doubt (sense and counters tell), a misfeed is retried, an empty feeder waits for stock.
 */

/** Base class of every handler failure. */
export class HandlingError extends Error {
  override name = 'HandlingError';
  constructor(
    message: string,
    /** The operation that failed: `feed`, `transfer`, `stack`, `reject`, `sense`, `counters`. */
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A card is jammed in the mechanics. The handler stops until a person clears it; `operatorAction` says what to do,
 * in the console's words. The jammed card is spoiled (it never goes back into the line).
 */
export class HandlingJamError extends HandlingError {
  override name = 'HandlingJamError';
  constructor(
    message: string,
    operation: string,
    /** What a person must do, e.g. "clear the jam between enc-1 and printer-1 (take the card out)". */
    readonly operatorAction: string,
    /** The jammed card's id, when the mechanics know it. */
    readonly cardId?: string,
  ) {
    super(message, operation);
  }
}

/**
 * The move was not confirmed in time. It may still have happened, or happen later: the caller treats it as in
 * doubt and asks `sense` and `counters`.
 */
export class HandlingTimeoutError extends HandlingError {
  override name = 'HandlingTimeoutError';
  constructor(
    operation: string,
    readonly timeoutMs: number,
  ) {
    super(`the card handler did not confirm ${operation} within ${timeoutMs} ms`, operation);
  }
}

/** The input feeder is empty: load blanks. Nothing moved. */
export class NoBlankError extends HandlingError {
  override name = 'NoBlankError';
  constructor(message = 'the input feeder is empty: load blanks') {
    super(message, 'feed');
  }
}

/** The feeder did not pick a card although it has blanks (a misfeed). Nothing moved; feeding again may work. */
export class HandlingFeedError extends HandlingError {
  override name = 'HandlingFeedError';
  constructor(message = 'misfeed: the input feeder did not pick a card; nothing moved') {
    super(message, 'feed');
  }
}

/**
 * The mechanics refused the move before anything moved: an unknown station, no card where one should be taken, a
 * full entry, or the handler stopped for an operator.
 */
export class HandlingRefusedError extends HandlingError {
  override name = 'HandlingRefusedError';
  constructor(
    message: string,
    operation: string,
    readonly reason: 'unknown-station' | 'no-card' | 'occupied' | 'stopped' | 'full',
  ) {
    super(message, operation);
  }
}

/** The caller aborted the wait (the move may still complete). */
export class HandlingAbortedError extends HandlingError {
  override name = 'HandlingAbortedError';
  constructor(operation: string) {
    super(`waiting for ${operation} was aborted`, operation);
  }
}
