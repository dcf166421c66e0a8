/**
 * The clock that times chip commands. Same shape as the project-wide `Clock` of DESIGN.md (now, setTimeout,
 * clearTimeout) so a virtual clock can drive time-outs and simulated slow chips in tests and simulated shifts.
 */

/** A source of time and timers. */
export interface Clock {
  /** Milliseconds, monotonic for the clock's own purposes. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** The real clock of the process. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as NodeJS.Timeout),
};
