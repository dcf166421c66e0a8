/**
 * Pure reads of a line snapshot.
 */
import type { LineStateName } from './line-types';

/** The part of a line snapshot the selectors read. */
export interface LineSnapshotLike {
  matches(state: LineStateName): boolean;
}

/**
 * Whether the line feeds new blanks: while running, and while draining (the queue is finished, requeued records
 * included). Pausing, paused and stopped lines feed none; cards already fed continue while pausing.
 */
export function feedsNewBlanks(snapshot: LineSnapshotLike): boolean {
  return snapshot.matches('running') || snapshot.matches('draining');
}
