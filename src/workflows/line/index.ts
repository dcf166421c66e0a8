/**
 * The line as a whole: running, pausing, draining, stopped.
 */
export { lineMachine } from './machine';
export { feedsNewBlanks } from './selectors';
export type { LineSnapshotLike } from './selectors';
export type { LineContext, LineEvent, LineInput, LineStateEvent, LineStateName } from './line-types';
