/**
 * The fault model of the simulated scanner, as data: how often a readable code is not read, and how long a read
 * takes. Drawn from a seeded generator, so a simulated shift replays exactly.
 */

/** Faults of one simulated scanner. */
export interface ScannerFaults {
  /**
   * Probability (0-1) that a readable code is not read (glare, a dirty window, a card passing too fast): the
   * scanner then sends nothing, or its no-read message.
   */
  noReadRate?: number;
  /** Seed of the no-read draws (default "scanner"). */
  seed?: string | number;
}

/** Default time from a card arriving (or a trigger) to the scan, on the clock. */
export const DEFAULT_READ_TIME_MS = 150;

/** Throws a RangeError for a rate outside 0-1. */
export function checkScannerFaults(faults: ScannerFaults): void {
  const rate = faults.noReadRate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`noReadRate must be within 0-1, got ${String(faults.noReadRate)}`);
}
