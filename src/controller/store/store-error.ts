/**
 * Errors of the store that callers act on. `code` says which kind, so the line service and the CLI can tell
 * "no such card" from "that transition is not allowed" without matching message text. Messages name objects by
 * their public identifiers (order name, card serial, record id, masked personal ID), never personal data.
 */

/** Kinds of {@link StoreError}. */
export type StoreErrorCode =
  /** The file is not a cardline database, or its schema is newer than this code. */
  | 'schema'
  /** The order, record, card, job or step does not exist. */
  | 'not-found'
  /** The object is not in a state that allows the operation (e.g. finishing a job twice). */
  | 'invalid-state'
  /** The operation would break a uniqueness rule (a second good card, a duplicate serial). */
  | 'conflict'
  /** The arguments are wrong (an empty reason, a bad name). */
  | 'invalid-argument';

/** A refused store operation; nothing was written. */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
