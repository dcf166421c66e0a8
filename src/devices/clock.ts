/**
 * The one clock interface of cardline (DESIGN.md principle 5): driver time-outs, simulators and workflows all take
 * a Clock, so the same code runs on the system clock in production and on a virtual clock
 * (simulators/virtual-clock.ts) in tests and simulated shifts.
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
