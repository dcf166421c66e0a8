import fc from 'fast-check';
import { indexOfControlChar, isTriviallyNfc, toNfc, toNfcWithoutControlChars } from '../../src/identity/nfc';

describe('toNfc', () => {
  test('leaves precomposed Vietnamese alone and composes decomposed input', () => {
    const nfc = 'Nguyễn Thị Mai';
    expect(isTriviallyNfc(nfc)).toBe(true);
    expect(toNfc(nfc)).toBe(nfc);
    const nfd = nfc.normalize('NFD');
    expect(isTriviallyNfc(nfd)).toBe(false);
    expect(toNfc(nfd)).toBe(nfc);
  });

  test('singletons outside the fast range still normalise (Ohm sign -> Omega, Greek oxia -> tonos)', () => {
    expect(toNfc('\u2126')).toBe('\u03a9');
    expect(toNfc('\u1f71')).toBe('\u03ac'); // just past the Latin Extended Additional block
  });

  // Characters around the fast path's edges: Latin-1, Latin Extended, combining marks, the Latin Extended
  // Additional block, Greek (with NFC singletons), Hangul jamo (which compose), astral characters.
  const tricky = fc.string({
    unit: fc.oneof(
      fc.integer({ min: 0x20, max: 0x24f }),
      fc.integer({ min: 0x2b0, max: 0x36f }),
      fc.integer({ min: 0x1dc0, max: 0x1fff }),
      fc.integer({ min: 0x1100, max: 0x11ff }),
      fc.constantFrom(0x1f600, 0x2126, 0x212b, 0x0344, 0x0374, 0x037e),
    ).map((cp) => String.fromCodePoint(cp)),
    maxLength: 20,
  });

  test('always equals String.prototype.normalize("NFC") (property)', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, tricky.map((s) => s.normalize('NFD')), fc.string({ unit: 'binary' })), (s) => {
        expect(toNfc(s)).toBe(s.normalize('NFC'));
        const scanned = toNfcWithoutControlChars(s);
        if (typeof scanned === 'string') expect(scanned).toBe(s.normalize('NFC'));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('control characters', () => {
  test.each([
    ['abc', -1],
    ['a\nb', 1],
    ['\u0000', 0],
    ['ab\u007f', 2],
    ['ab\u0080', -1], // C1 controls are not in the ASCII control range checked here
    ['Việt\tNam', 4],
  ])('%j -> %i', (s, index) => {
    expect(indexOfControlChar(s)).toBe(index);
    const scanned = toNfcWithoutControlChars(s);
    expect(index < 0 ? scanned === s.normalize('NFC') : scanned === index).toBe(true);
  });

  test('the index is found in decomposed input too', () => {
    expect(toNfcWithoutControlChars('e\u0301\n')).toBe(2);
  });
});
