/**
 * The vocabulary of the line as a whole: whether it feeds blanks, and what it waits for before it stops.
 */

/** The states of the line. */
export type LineStateName = 'stopped' | 'running' | 'pausing' | 'paused' | 'draining';

/** Input of the line machine: the counts the line service knows at creation (both optional). */
export interface LineInput {
  inFlight?: number;
  queued?: number;
}

/** The line's context. */
export interface LineContext {
  /** Cards on the line now (fed and not yet delivered or rejected), as the line service last reported. */
  inFlight: number;
  /** Records waiting for a blank, as last reported; `null` until the first report (a drain waits for one). */
  queued: number | null;
  /** Cards that were in flight at the last `STOP`: they are in doubt until recovery resolves them. */
  interruptedInFlight: number;
  stateName: LineStateName | null;
}

/** The events the line accepts. */
export type LineEvent =
  | { type: 'START' }
  | { type: 'PAUSE' }
  | { type: 'RESUME' }
  | { type: 'DRAIN' }
  | { type: 'STOP' }
  | { type: 'IN_FLIGHT'; count: number }
  | { type: 'QUEUE'; remaining: number };

/** Emitted on every state change. */
export interface LineStateEvent {
  type: 'line.state';
  from: LineStateName | null;
  to: LineStateName;
  inFlight: number;
  queued: number | null;
  /** On entering `stopped` through `STOP`: the cards left in doubt. */
  interruptedInFlight?: number;
}
