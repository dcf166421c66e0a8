import fc from 'fast-check';
import { FirstRowIndex } from '../../../src/controller/import/first-row-index';

describe('FirstRowIndex', () => {
  it('answers like a Map of first rows for any sequence of 12-digit IDs, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 400 }), fc.integer({ min: 0, max: 999_999_999_900 }), (picks, base) => {
        // Few distinct IDs, many repeats: duplicates are what the index is for.
        const index = new FirstRowIndex(16);
        const reference = new Map<number, number>();
        picks.forEach((p, i) => {
          const id = base + p * 7;
          const row = i + 1;
          expect(index.firstRow(id, row)).toBe(reference.get(id));
          if (!reference.has(id)) reference.set(id, row);
        });
        expect(index.count).toBe(reference.size);
      }),
    );
  });

  it('keeps ID 0 and the largest 12-digit ID apart from empty slots', () => {
    const index = new FirstRowIndex();
    expect(index.firstRow(0, 1)).toBeUndefined();
    expect(index.firstRow(999_999_999_999, 2)).toBeUndefined();
    expect(index.firstRow(0, 3)).toBe(1);
    expect(index.firstRow(999_999_999_999, 4)).toBe(2);
  });
});
