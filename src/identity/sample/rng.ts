/**
 * A small seeded pseudo-random generator for synthetic data and simulations: the same seed gives the same
 * sequence on every machine and Node version, which `Math.random` cannot (it is unseedable). Not for
 * anything secret.
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 128-bit state, passes PractRand),
 * seeded by cyrb128, a 128-bit string hash, so any string or number is a usable seed.
 */

/** A seeded random source. All methods advance the same stream. */
export interface Rng {
  /** A float in [0, 1) with 32 random bits. */
  next(): number;
  /** An unsigned 32-bit integer. */
  nextUint32(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /**
   * One element chosen by weight; weights are finite, non-negative and not all zero. O(n) a pick: for big
   * constant tables see {@link weightedPicker}.
   */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
}

/** cyrb128 (bryc, public domain): four 32-bit hashes of a string, used as the generator's state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function checkWeight(w: number): number {
  if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and >= 0, got ${w}`);
  return w;
}

/** A fixed weighted list, prepared once for many picks (binary search over running totals). */
export interface WeightedPicker<T> {
  pick(rng: Rng): T;
}

/**
 * Prepares `items` ([value, weight] pairs; weights finite, >= 0, not all 0) for repeated weighted picks:
 * O(log n) a pick instead of {@link Rng.weighted}'s O(n), for big constant tables drawn from millions of
 * times. Picks the same items with the same probabilities as {@link Rng.weighted} (not the same sequence).
 */
export function weightedPicker<T>(items: ReadonlyArray<readonly [T, number]>): WeightedPicker<T> {
  const values: T[] = [];
  const bounds: number[] = [];
  let total = 0;
  for (const [value, w] of items) {
    if (checkWeight(w) === 0) continue;
    total += w;
    values.push(value);
    bounds.push(total);
  }
  if (!(total > 0)) throw new RangeError('weightedPicker() needs at least one positive weight');
  return {
    pick(rng) {
      const x = rng.next() * total;
      let lo = 0;
      let hi = bounds.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (x < (bounds[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      return values[lo] as T;
    },
  };
}

/**
 * A generator for `seed`. Numbers and strings are both hashed as their text, so `createRng(42)` and
 * `createRng('42')` give the same stream.
 */
export function createRng(seed: string | number): Rng {
  let [a, b, c, d] = cyrb128(String(seed));
  const nextUint32 = (): number => {
    // sfc32
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    // tmp = a + b + counter++ (the counter d is added before it is incremented)
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs still show the structure of the seed hash: discard them, as sfc32's author advises.
  for (let i = 0; i < 15; i++) nextUint32();
  const next = (): number => nextUint32() / 4294967296;
  return {
    next,
    nextUint32,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(min, max) needs integers with min <= max, got ${min}, ${max}`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(items) {
      let total = 0;
      for (const [, w] of items) total += checkWeight(w);
      if (!(total > 0)) throw new RangeError('weighted() needs at least one positive weight');
      let x = next() * total;
      let last = -1;
      for (let i = 0; i < items.length; i++) {
        const [item, w] = items[i] as (typeof items)[number];
        if (w === 0) continue;
        if (x < w) return item;
        x -= w;
        last = i;
      }
      // Rounding can leave x a hair above the last weight.
      return (items[last] as (typeof items)[number])[0];
    },
  };
}
