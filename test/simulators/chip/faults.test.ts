/** Drawing faults by rate from a seeded generator. */
import fc from 'fast-check';
import { createRng } from '../../../src/identity/sample/rng';
import { chipFaultForCard, drawChipFault } from '../../../src/simulators/chip/faults';

describe('drawChipFault', () => {
  test('all rates 0: never a fault', () => {
    const rng = createRng('none');
    for (let i = 0; i < 1000; i++) expect(drawChipFault(rng, { rates: {} })).toBeUndefined();
  });

  test('a rate of 1 always gives that fault, with its parameters in range', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 5000 }), (seed, window) => {
        const rng = createRng(seed);
        const w = drawChipFault(rng, { rates: { writeFailure: 1 }, writeWindowBytes: window });
        expect(w?.kind).toBe('write-failure');
        expect(w?.kind === 'write-failure' && w.atByte >= 0 && w.atByte < window).toBe(true);
        expect(drawChipFault(rng, { rates: { slow: 1 }, slowDelayMs: 1234 })).toEqual({ kind: 'slow', delayMs: 1234 });
        expect(drawChipFault(rng, { rates: { dead: 1 } })).toEqual({ kind: 'dead' });
        expect(drawChipFault(rng, { rates: { alreadyPersonalized: 1 } })).toEqual({ kind: 'already-personalized' });
        expect(drawChipFault(rng, { rates: { tearing: 1 } })?.kind).toBe('tearing');
      }),
      { numRuns: 50 },
    );
  });

  test('frequencies follow the rates (20 000 cards, seeded, binomial 5-sigma bounds)', () => {
    const rng = createRng('rates');
    const counts = new Map<string, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const f = drawChipFault(rng, { rates: { writeFailure: 0.05, tearing: 0.02, dead: 0.01, slow: 0.1 } });
      const k = f?.kind ?? 'none';
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const within = (kind: string, p: number) => {
      const sigma = Math.sqrt(n * p * (1 - p));
      expect(Math.abs((counts.get(kind) ?? 0) - n * p)).toBeLessThan(5 * sigma);
    };
    within('write-failure', 0.05);
    within('tearing', 0.02);
    within('dead', 0.01);
    within('slow', 0.1);
    within('none', 0.82);
    expect(counts.get('already-personalized')).toBeUndefined();
  });

  test('rates outside 0-1 or adding up to more than 1 are refused', () => {
    const rng = createRng(1);
    expect(() => drawChipFault(rng, { rates: { dead: 1.5 } })).toThrow(RangeError);
    expect(() => drawChipFault(rng, { rates: { dead: -0.1 } })).toThrow(RangeError);
    expect(() => drawChipFault(rng, { rates: { dead: 0.6, slow: 0.6 } })).toThrow(/add up/);
  });

  test('a card\'s fault depends only on the seed and its index', () => {
    const options = { rates: { writeFailure: 0.3, tearing: 0.3 } };
    const forward = Array.from({ length: 50 }, (_, i) => chipFaultForCard('run-7', i, options));
    expect(chipFaultForCard('run-7', 42, options)).toEqual(forward[42]);
    expect(forward.some((f) => f !== undefined)).toBe(true);
    expect(forward.some((f) => f === undefined)).toBe(true);
  });
});
