/**
 * The fault model of the virtual chip: what can go wrong with a real card in a personalization module, as
 * data, so that a fault plan can be written down, drawn from a seeded RNG and replayed.
 *
 * Byte positions (`atByte`) count the data bytes UPDATE BINARY has delivered to the chip since it was made,
 * across all files, starting at 0: "the 1500th byte written" is a position in the personalization stream,
 * whatever files the image has.
 */
import { createRng, type Rng } from '../../identity/sample/rng';

/** One fault a virtual chip carries. */
export type ChipFault =
  /**
   * A defective EEPROM cell: the UPDATE BINARY whose chunk covers byte `atByte` answers 6581 (memory
   * failure) and stores nothing; every later write over the same file offset fails the same way.
   */
  | { kind: 'write-failure'; atByte: number }
  /**
   * Tearing: the card leaves the field while writing byte `atByte`. The chunk is stored up to (not
   * including) that byte, the command gets no answer, and the card is gone until re-inserted.
   */
  | { kind: 'tearing'; atByte: number }
  /** A dead chip: no answer to reset, so connecting fails. */
  | { kind: 'dead' }
  /** A slow chip: every answer comes `delayMs` late by the chip's clock (the command itself is executed). */
  | { kind: 'slow'; delayMs: number }
  /** The chip was already personalized and locked with another person's data. */
  | { kind: 'already-personalized' };

/** Probability per card of each fault (each 0-1; their sum at most 1: a card gets at most one fault). */
export interface ChipFaultRates {
  writeFailure?: number;
  tearing?: number;
  dead?: number;
  slow?: number;
  alreadyPersonalized?: number;
}

/** Options of {@link drawChipFault}. */
export interface ChipFaultDrawOptions {
  rates: ChipFaultRates;
  /**
   * Upper bound (exclusive) for the `atByte` of drawn write faults. Choose it at most the size of the
   * smallest image the line writes, so every drawn write fault actually fires. Default 1500.
   */
  writeWindowBytes?: number;
  /** Delay of a drawn slow chip. Default 10000 ms. */
  slowDelayMs?: number;
}

/** Default of {@link ChipFaultDrawOptions.writeWindowBytes}. */
export const DEFAULT_WRITE_WINDOW_BYTES = 1500;
/** Default of {@link ChipFaultDrawOptions.slowDelayMs}. */
export const DEFAULT_SLOW_DELAY_MS = 10_000;

/**
 * Draws at most one fault for one card. Throws a RangeError when a rate is outside 0-1 or the rates add up
 * to more than 1.
 */
export function drawChipFault(rng: Rng, options: ChipFaultDrawOptions): ChipFault | undefined {
  const r = options.rates;
  const entries: [keyof ChipFaultRates, number][] = [
    ['writeFailure', r.writeFailure ?? 0],
    ['tearing', r.tearing ?? 0],
    ['dead', r.dead ?? 0],
    ['slow', r.slow ?? 0],
    ['alreadyPersonalized', r.alreadyPersonalized ?? 0],
  ];
  let sum = 0;
  for (const [name, p] of entries) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`fault rate ${name} must be between 0 and 1, got ${p}`);
    sum += p;
  }
  if (sum > 1 + 1e-12) throw new RangeError(`fault rates add up to ${sum}, more than 1`);
  const window = options.writeWindowBytes ?? DEFAULT_WRITE_WINDOW_BYTES;
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`writeWindowBytes must be a positive integer, got ${window}`);
  const x = rng.next();
  let bound = 0;
  for (const [name, p] of entries) {
    bound += p;
    if (x >= bound) continue;
    switch (name) {
      case 'writeFailure':
        return { kind: 'write-failure', atByte: rng.int(0, window - 1) };
      case 'tearing':
        return { kind: 'tearing', atByte: rng.int(0, window - 1) };
      case 'dead':
        return { kind: 'dead' };
      case 'slow':
        return { kind: 'slow', delayMs: options.slowDelayMs ?? DEFAULT_SLOW_DELAY_MS };
      case 'alreadyPersonalized':
        return { kind: 'already-personalized' };
    }
  }
  return undefined;
}

/**
 * The fault of card number `cardIndex` in a run with `seed`: each card has its own generator, so a card's
 * fault does not depend on how many cards were drawn before it (replaying card 812 alone gives card 812's
 * fault).
 */
export function chipFaultForCard(seed: string | number, cardIndex: number, options: ChipFaultDrawOptions): ChipFault | undefined {
  return drawChipFault(createRng(`${seed}/chip-fault/${cardIndex}`), options);
}
