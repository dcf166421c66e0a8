/**
 * A keyed permutation of 0 ... 999,999, used for the six "random" digits of generated ID numbers: record i
 * gets serial permute(i), so the first million records of a run have pairwise different serials and
 * therefore different ID numbers, with no set of issued numbers held in memory, while the digits still look
 * random. A four-round balanced Feistel network over two base-1000 halves: a bijection for any keys.
 */
import type { Rng } from './rng';

const HALF = 1000;
/** Size of the permuted domain. */
export const SERIAL_SPACE = HALF * HALF;

/** Round function: any mixing of (half, key) into 0 ... 999 keeps the network a bijection. */
function round(half: number, key: number): number {
  let x = Math.imul(half ^ key, 0x9e3779b1);
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca77);
  x ^= x >>> 13;
  return (x >>> 0) % HALF;
}

/** A permutation of [0, {@link SERIAL_SPACE}) keyed from `rng` (four keys drawn once). */
export function createSerialPermutation(rng: Rng): (index: number) => number {
  const keys = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
  return (index: number): number => {
    const i = ((index % SERIAL_SPACE) + SERIAL_SPACE) % SERIAL_SPACE;
    let left = Math.floor(i / HALF);
    let right = i % HALF;
    for (const key of keys) {
      const next = (left + round(right, key)) % HALF;
      left = right;
      right = next;
    }
    return left * HALF + right;
  };
}
