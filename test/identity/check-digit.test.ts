import fc from 'fast-check';
import { checkDigit, verifyCheckDigit } from '../../src/identity/check-digit';

describe('checkDigit', () => {
  test.each([
    // Worked by hand: 5*7 + 2*3 + 0*1 + 7*7 + 2*3 + 7*1 = 103 -> 3 (Doc 9303-3's own example)
    ['520727', '3'],
    // A=10, B=11: 70 + 33 + 2 + 7 + 9 + 4 + 0 + 0 + 0 = 125 -> 5 (Doc 9303-3's own example)
    ['AB2134<<<', '5'],
    // ICAO specimens (TD3 L898902C3 / 6; TD1 D23145890 / 7, 740812 / 2, 120415 / 9)
    ['L898902C3', '6'],
    ['D23145890', '7'],
    ['740812', '2'],
    ['120415', '9'],
    // The Vietnamese specimen of REFERENCE.md
    ['199012345', '6'],
    ['001199012345', '7'],
    ['990315', '9'],
    ['240315', '5'],
    // 9*7 + 9*3 + 1 + 2*7 + 3*3 + 1 = 115 -> 5: the "no expiry" field 991231
    ['991231', '5'],
    ['', '0'],
    ['<<<<<<', '0'],
    ['Z', '5'], // 35 * 7 = 245
  ])('%j -> %s', (value, digit) => expect(checkDigit(value)).toBe(digit));

  test.each(['a', ' ', 'É', '1-2', '12\n'])('%j throws, naming the position', (value) => {
    expect(() => checkDigit(value)).toThrow(/character \d+ .* not an MRZ character/);
  });

  test('verifyCheckDigit', () => {
    expect(verifyCheckDigit('520727', '3')).toBe(true);
    expect(verifyCheckDigit('520727', '4')).toBe(false);
    expect(verifyCheckDigit('52a727', '3')).toBe(false);
  });

  const mrzChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<');

  test('agrees with a direct transcription of the rule (property)', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const oracle = (s: string): string =>
      String([...s].reduce((sum, c, i) => sum + (c === '<' ? 0 : alphabet.indexOf(c)) * [7, 3, 1][i % 3]!, 0) % 10);
    fc.assert(fc.property(fc.string({ unit: mrzChar, maxLength: 40 }), (s) => expect(checkDigit(s)).toBe(oracle(s))));
  });

  test('changing any one digit of a digit string changes the check digit (weights 7, 3, 1 are prime to 10)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (digits, at, delta) => {
          const i = at % digits.length;
          const changed = digits.slice(0, i) + String((Number(digits[i]) + delta) % 10) + digits.slice(i + 1);
          expect(checkDigit(changed)).not.toBe(checkDigit(digits));
        },
      ),
    );
  });
});
