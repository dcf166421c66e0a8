/**
 * A seeded generator whose position can be saved with the plant and restored: it counts the numbers it drew, and a
 * new generator for the same seed skips that many. A simulator restored after a crash then draws the faults it
 * would have drawn had it never stopped.
 */
import { createRng, type Rng } from '../../identity/sample/rng';

/** A generator that knows how many numbers it drew. */
export interface ResumableRng extends Rng {
  /** Numbers drawn so far (every method draws through one 32-bit number at a time). */
  readonly draws: number;
  /** Draws until `draws` numbers have been drawn (a restored generator catching up; never goes back). */
  skipTo(draws: number): void;
}

/** A resumable generator for `seed`; the same sequence as `createRng(seed)`. */
export function createResumableRng(seed: string | number): ResumableRng {
  const inner = createRng(seed);
  let draws = 0;
  const next = (): number => {
    draws++;
    return inner.next();
  };
  return {
    get draws() {
      return draws;
    },
    skipTo(target: number) {
      while (draws < target) next();
    },
    next,
    nextUint32: () => {
      draws++;
      return inner.nextUint32();
    },
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`int(min, max) needs integers with min <= max, got ${min}, ${max}`);
      return min + Math.floor(next() * (max - min + 1));
    },
    chance: (p) => next() < p,
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(items) {
      // Rare in simulators; drawn through the counted next() by a one-off picker over the same weights.
      let total = 0;
      for (const [, w] of items) total += w;
      let x = next() * total;
      for (const [value, w] of items) {
        if (x < w) return value;
        x -= w;
      }
      return items[items.length - 1]![0];
    },
  };
}
