/**
 * Randomness for the terminal side of BAC and Active Authentication, injected so tests and simulations are
 * repeatable. Production uses {@link cryptoRandom}.
 */
import { randomBytes } from 'node:crypto';

/** Returns `length` random bytes. */
export type RandomSource = (length: number) => Uint8Array;

/** Cryptographically strong random bytes from the operating system. */
export const cryptoRandom: RandomSource = (length) => new Uint8Array(randomBytes(length));
