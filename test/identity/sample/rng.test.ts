import fc from 'fast-check';
import { createRng, weightedPicker } from '../../../src/identity/sample';

/**
 * The published reference code of cyrb128 + sfc32 (bryc, "PRNGs" gist), transcribed independently, to pin
 * the stream: sample files and simulations must come out the same after any refactoring.
 */
function referenceStream(seed: string, skip: number, take: number): number[] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0, k; i < seed.length; i++) {
    k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  let a = h1 >>> 0, b = h2 >>> 0, c = h3 >>> 0, d = h4 >>> 0;
  const sfc32 = (): number => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < skip; i++) sfc32();
  return Array.from({ length: take }, sfc32);
}

describe('createRng', () => {
  it('is cyrb128-seeded sfc32 with the first 15 outputs discarded', () => {
    for (const seed of ['', 'cardline', 'Nguyễn', '42']) {
      const rng = createRng(seed);
      expect(Array.from({ length: 8 }, () => rng.nextUint32())).toEqual(referenceStream(seed, 15, 8));
    }
  });

  it('gives the same stream for the same seed, and a number seed equals its text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), (seed) => {
        const a = createRng(seed);
        const b = createRng(String(seed));
        for (let i = 0; i < 20; i++) expect(a.next()).toBe(b.next());
      }),
    );
  });

  it('gives different streams for different seeds', () => {
    const first = (seed: string) => createRng(seed).nextUint32();
    const values = new Set(Array.from({ length: 1000 }, (_, k) => first(`seed-${k}`)));
    expect(values.size).toBeGreaterThan(995);
  });

  it('keeps next() in [0, 1) and int() within its inclusive bounds, reaching both ends', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 5 }), (seed, min, span) => {
        const rng = createRng(seed);
        const seen = new Set<number>();
        for (let i = 0; i < 200; i++) {
          const x = rng.next();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          const n = rng.int(min, min + span);
          expect(Number.isInteger(n)).toBe(true);
          seen.add(n);
        }
        expect(Math.min(...seen)).toBe(min);
        expect(Math.max(...seen)).toBe(min + span);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects bad arguments', () => {
    const rng = createRng(1);
    expect(() => rng.int(5, 4)).toThrow(RangeError);
    expect(() => rng.int(0.5, 4)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.weighted([['a', 0]])).toThrow(RangeError);
    expect(() => rng.weighted([['a', -1], ['b', 2]])).toThrow(RangeError);
    expect(() => weightedPicker([['a', Number.NaN]])).toThrow(RangeError);
  });

  it('draws chance(), pick(), weighted() and weightedPicker() with the right frequencies', () => {
    const rng = createRng('frequencies');
    const n = 40000;
    const tally = (draw: () => string): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const k = draw();
        counts[k] = (counts[k] ?? 0) + 1;
      }
      return counts;
    };
    const items = [['a', 1], ['never', 0], ['b', 3], ['c', 6]] as const;
    const picker = weightedPicker(items);
    for (const counts of [tally(() => rng.weighted(items)), tally(() => picker.pick(rng))]) {
      expect(counts.never).toBeUndefined();
      expect((counts.a ?? 0) / n).toBeCloseTo(0.1, 1);
      expect((counts.b ?? 0) / n).toBeCloseTo(0.3, 1);
      expect((counts.c ?? 0) / n).toBeCloseTo(0.6, 1);
    }
    const picks = tally(() => rng.pick(['x', 'y', 'z', 'w']));
    for (const k of ['x', 'y', 'z', 'w']) expect((picks[k] ?? 0) / n).toBeCloseTo(0.25, 1);
    const heads = tally(() => (rng.chance(0.2) ? 'h' : 't'));
    expect((heads.h ?? 0) / n).toBeCloseTo(0.2, 1);
  });
});
