import fc from 'fast-check';
import {
  checkOldIdNumber,
  checkPersonalId,
  expectedCenturySexDigit,
  parsePersonalId,
} from '../../src/identity/id-number';
import { CENTURY_SEX_DIGIT, epochDayOf, isoOfEpochDay, makeId } from './fixtures';

describe('parsePersonalId', () => {
  test('splits the specimen 001199012345', () => {
    expect(parsePersonalId('001199012345')).toEqual({
      provinceCode: '001',
      provinceName: 'Hà Nội',
      registration: 'province',
      centurySexDigit: 1,
      yearOfCentury: 99,
      serial: '012345',
      birthYear: 1999,
      sex: 'F',
    });
  });

  test.each([
    ['079204000001', 2004, 'M', 'province'],
    ['101305000001', 2005, 'F', 'abroad'],
    ['999800000001', 2300, 'M', 'unknown'],
    ['001900000000', 2300, 'F', 'province'],
    ['001999000000', 2399, 'F', 'province'],
  ])('%s: born %i, %s, registration %s', (id, year, sex, registration) => {
    const parsed = parsePersonalId(id)!;
    expect(parsed.birthYear).toBe(year);
    expect(parsed.sex).toBe(sex);
    expect(parsed.registration).toBe(registration);
  });

  test.each(['00119901234', '0011990123456', '00119901234a', '001 99012345', '', '００１１９９０１２３４５'])('%j is not an ID', (id) => {
    expect(parsePersonalId(id)).toBeNull();
  });
});

describe('expectedCenturySexDigit', () => {
  test.each([
    ['1900-01-01', 'M', 0],
    ['1999-12-31', 'F', 1],
    ['2000-01-01', 'M', 2],
    ['2099-06-01', 'F', 3],
    ['2100-01-01', 'M', 4],
    ['2150-01-01', 'F', 5],
    ['2200-01-01', 'M', 6],
    ['2250-01-01', 'F', 7],
    ['2300-01-01', 'M', 8],
    ['2399-12-31', 'F', 9],
  ] as const)('born %s, %s -> %i', (dob, sex, digit) => expect(expectedCenturySexDigit(dob, sex)).toBe(digit));

  test('throws outside 1900-2399 and for invalid dates', () => {
    expect(() => expectedCenturySexDigit('1899-12-31', 'M')).toThrow(RangeError);
    expect(() => expectedCenturySexDigit('2400-01-01', 'F')).toThrow(/1900-2399/);
    expect(() => expectedCenturySexDigit('2023-02-29', 'F')).toThrow(RangeError);
  });
});

describe('checkPersonalId', () => {
  test('the specimen agrees with its record', () => {
    expect(checkPersonalId('001199012345', '1999-03-15', 'F')).toEqual([]);
  });

  test('wrong sex in the century/sex digit is an error naming digit 4 and the expected digit', () => {
    const issues = checkPersonalId('001199012345', '1999-03-15', 'M');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', field: 'personalId' });
    expect(issues[0]!.message).toMatch(/digit 4.*\b0\b/);
  });

  test('wrong century is an error', () => {
    // Born 2001, female -> G must be 3; the number says 1 (1900s).
    const issues = checkPersonalId('001101012345', '2001-05-05', 'F');
    expect(issues.map((i) => i.severity)).toEqual(['error']);
    expect(issues[0]!.message).toMatch(/need 3/);
  });

  test('wrong year digits is an error naming the expected year digits', () => {
    const issues = checkPersonalId('001198012345', '1999-03-15', 'F');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/digits 5-6.*expected 99/);
  });

  test('century, sex and year all wrong give two errors', () => {
    expect(checkPersonalId('001080012345', '2001-05-05', 'F').filter((i) => i.severity === 'error')).toHaveLength(2);
  });

  test.each(['101', '200', '295'])('prefix %s (registered abroad) gives no warning', (prefix) => {
    expect(checkPersonalId(`${prefix}199012345`, '1999-03-15', 'F')).toEqual([]);
  });

  test.each(['000', '003', '100', '296', '999'])('prefix %s (unknown) is a warning, not an error', (prefix) => {
    const issues = checkPersonalId(`${prefix}199012345`, '1999-03-15', 'F');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', field: 'personalId' });
    expect(issues[0]!.message).toContain(prefix);
  });

  test.each([
    ['00119901234', /12 digits.*11 characters/],
    ['0011990123456', /13 characters/],
    ['00119901234X', /not all digits/],
  ])('%j is malformed', (id, message) => {
    const issues = checkPersonalId(id, '1999-03-15', 'F');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', field: 'personalId' });
    expect(issues[0]!.message).toMatch(message);
  });

  test('without date of birth or sex only the number itself is checked', () => {
    expect(checkPersonalId('001899012345')).toEqual([]);
    expect(checkPersonalId('001199012345', undefined, 'M')).toEqual([]);
    expect(checkPersonalId('001199012345', 'not a date', 'M')).toEqual([]);
  });

  test('accepts an already parsed date of birth', () => {
    expect(checkPersonalId('001199012345', { y: 1999, m: 3, d: 15 }, 'F')).toEqual([]);
    expect(checkPersonalId('001199012345', { y: 2099, m: 3, d: 15 }, 'F')).toHaveLength(1);
  });

  test('a birth year no digit can encode is an error on dateOfBirth', () => {
    const issues = checkPersonalId('001099012345', '1899-03-15', 'M');
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', field: 'dateOfBirth' })]);
  });

  test('messages never repeat the number or the date of birth', () => {
    for (const i of [
      ...checkPersonalId('001080012345', '2001-05-05', 'F'),
      ...checkPersonalId('00108001234', '2001-05-05', 'F'),
    ]) {
      expect(i.message).not.toContain('001080012345');
      expect(i.message).not.toContain('00108001234');
      expect(i.message).not.toContain('2001-05-05');
    }
  });

  const arbBirth = fc.integer({ min: epochDayOf('1900-01-01'), max: epochDayOf('2399-12-31') }).map(isoOfEpochDay);
  const arbSex = fc.constantFrom<'M' | 'F'>('M', 'F');
  const arbSerial = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));

  test('a number built by the REFERENCE rule passes and parses back (property)', () => {
    fc.assert(
      fc.property(arbBirth, arbSex, arbSerial, (dob, sex, serial) => {
        const id = makeId(dob, sex, '079', serial);
        expect(checkPersonalId(id, dob, sex)).toEqual([]);
        const parsed = parsePersonalId(id)!;
        expect(parsed.birthYear).toBe(Number(dob.slice(0, 4)));
        expect(parsed.sex).toBe(sex);
        expect(expectedCenturySexDigit(dob, sex)).toBe(CENTURY_SEX_DIGIT[Math.floor(parsed.birthYear / 100)]![sex]);
      }),
    );
  });

  test('any other century/sex digit is an error (property)', () => {
    fc.assert(
      fc.property(arbBirth, arbSex, fc.integer({ min: 0, max: 9 }), (dob, sex, g) => {
        const good = makeId(dob, sex);
        fc.pre(Number(good[3]) !== g);
        const bad = good.slice(0, 3) + String(g) + good.slice(4);
        expect(checkPersonalId(bad, dob, sex).some((i) => i.severity === 'error')).toBe(true);
      }),
    );
  });
});

describe('checkOldIdNumber', () => {
  test('nine digits pass', () => expect(checkOldIdNumber('012345678')).toEqual([]));
  test.each(['12345678', '1234567890', '12345678a', '', '１２３４５６７８９', '123 45678'])('%j is an error', (old) => {
    const issues = checkOldIdNumber(old);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', field: 'oldIdNumber' });
    expect(issues[0]!.message).toMatch(/9 digits/);
  });
});
