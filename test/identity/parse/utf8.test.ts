import fc from 'fast-check';
import { decodeUtf8, findInvalidUtf8 } from '../../../src/identity/parse/utf8';

describe('findInvalidUtf8', () => {
  it.each([
    [[0x41, 0x80], 1, 'stray continuation byte'],
    [[0xc0, 0x80], 0, 'overlong 2-byte form'],
    [[0xc1, 0xbf], 0, 'overlong 2-byte form'],
    [[0xe0, 0x80, 0x80], 0, 'overlong 3-byte form'],
    [[0xed, 0xa0, 0x80], 0, 'UTF-16 surrogate'],
    [[0xf0, 0x80, 0x80, 0x80], 0, 'overlong 4-byte form'],
    [[0xf4, 0x90, 0x80, 0x80], 0, 'above U+10FFFF'],
    [[0xf5, 0x80, 0x80, 0x80], 0, 'bad lead byte'],
    [[0x41, 0x42, 0xe1, 0xba], 2, 'cut short at the end'],
    [[0xe1, 0xba, 0x41], 0, 'cut short by ASCII'],
    [[0xff], 0, 'never valid'],
  ])('finds %p at %d (%s)', (bytes, offset) => {
    expect(findInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
    expect(decodeUtf8(Uint8Array.from(bytes))).toEqual({ ok: false, offset });
  });

  it('accepts every string encoded by TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const bytes = new TextEncoder().encode(s);
        expect(findInvalidUtf8(bytes)).toBe(-1);
        expect(decodeUtf8(bytes)).toEqual({ ok: true, text: s });
      }),
    );
  });

  it('agrees with the fatal TextDecoder on arbitrary bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        expect(findInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 5000 },
    );
  });
});
