/** The resumable generator: the same numbers as the plain one, and a restored one continues the sequence. */
import fc from 'fast-check';
import { createRng } from '../../../src/identity/sample/rng';
import { createResumableRng } from '../../../src/simulators/plant/resumable-rng';

test('draws the same sequence as createRng, through every method', () => {
  const plain = createRng('s');
  const resumable = createResumableRng('s');
  for (let i = 0; i < 50; i++) {
    expect(resumable.int(0, 99)).toBe(plain.int(0, 99));
    expect(resumable.chance(0.3)).toBe(plain.chance(0.3));
    expect(resumable.pick(['a', 'b', 'c'])).toBe(plain.pick(['a', 'b', 'c']));
    expect(resumable.nextUint32()).toBe(plain.nextUint32());
  }
  expect(resumable.draws).toBe(200);
});

test('a generator skipped to a saved position draws what the original draws next', () => {
  fc.assert(
    fc.property(fc.string(), fc.integer({ min: 0, max: 300 }), (seed, n) => {
      const original = createResumableRng(seed);
      for (let i = 0; i < n; i++) original.next();
      const restored = createResumableRng(seed);
      restored.skipTo(original.draws);
      expect([restored.next(), restored.int(1, 6)]).toEqual([original.next(), original.int(1, 6)]);
    }),
    { numRuns: 50 },
  );
});
