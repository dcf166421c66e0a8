/**
 * Fractions as the report stores them: rounded to 4 decimals so `--json` shows 0.8889 rather than
 * 0.8888888888888888, and null when the denominator is 0 (a yield of nothing is undefined, not 0 %).
 */

/** `part / whole` rounded to 4 decimals, or null when `whole` is 0. */
export function fraction(part: number, whole: number): number | null {
  return whole === 0 ? null : round4(part / whole);
}

/** Rounds to 4 decimals (fractions in the report data). */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
