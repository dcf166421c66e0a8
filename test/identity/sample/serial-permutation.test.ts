import fc from 'fast-check';
import { createRng } from '../../../src/identity/sample';
import { SERIAL_SPACE, createSerialPermutation } from '../../../src/identity/sample/serial-permutation';

describe('createSerialPermutation', () => {
  it.each(['cardline'])('maps 0..999,999 one-to-one onto itself (seed %s)', (seed) => {
    const permute = createSerialPermutation(createRng(seed));
    const seen = new Uint8Array(SERIAL_SPACE);
    let outOfRange = 0;
    // Plain checks in the loop: a million expect() calls take minutes.
    for (let i = 0; i < SERIAL_SPACE; i++) {
      const s = permute(i);
      if (s >= 0 && s < SERIAL_SPACE && Number.isInteger(s)) seen[s] = 1;
      else outOfRange++;
    }
    expect(outOfRange).toBe(0);
    expect(seen.indexOf(0)).toBe(-1);
  });

  it('is one-to-one for any seed (sampled)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: SERIAL_SPACE - 5000 }), (seed, from) => {
        const permute = createSerialPermutation(createRng(seed));
        const values = new Set<number>();
        for (let i = from; i < from + 5000; i++) values.add(permute(i));
        expect(values.size).toBe(5000);
      }),
      { numRuns: 20 },
    );
  });

  it('does not look sequential: consecutive indices land far apart', () => {
    const permute = createSerialPermutation(createRng('spread'));
    let close = 0;
    for (let i = 0; i < 1000; i++) if (Math.abs(permute(i + 1) - permute(i)) < 1000) close++;
    expect(close).toBeLessThan(20);
  });
});
