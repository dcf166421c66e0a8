import fc from 'fast-check';
import {
  addDays,
  addYears,
  ageOn,
  birthdayInYear,
  compareDates,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isLeapYear,
  parseIsoDate,
  requireIsoDate,
  toDayNumber,
  type CalendarDate,
} from '../../src/identity/calendar';
import { epochDayOf, isoOfEpochDay } from './fixtures';

const d = (s: string): CalendarDate => {
  const parsed = parseIsoDate(s);
  if (parsed === null) throw new Error(`bad test date ${s}`);
  return parsed;
};

describe('isLeapYear', () => {
  test.each([
    [2024, true],
    [2023, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
    [1996, true],
  ])('%i -> %s', (year, leap) => expect(isLeapYear(year)).toBe(leap));
});

describe('daysInMonth', () => {
  test.each([
    [2023, 1, 31],
    [2023, 2, 28],
    [2024, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2023, 4, 30],
    [2023, 6, 30],
    [2023, 9, 30],
    [2023, 11, 30],
    [2023, 12, 31],
  ])('%i-%i has %i days', (y, m, n) => expect(daysInMonth(y, m)).toBe(n));
});

describe('parseIsoDate', () => {
  test.each([
    ['1999-03-15', { y: 1999, m: 3, d: 15 }],
    ['2024-02-29', { y: 2024, m: 2, d: 29 }],
    ['2000-02-29', { y: 2000, m: 2, d: 29 }],
    ['0001-01-01', { y: 1, m: 1, d: 1 }],
    ['9999-12-31', { y: 9999, m: 12, d: 31 }],
  ])('accepts %s', (s, expected) => expect(parseIsoDate(s)).toEqual(expected));

  test.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '2023-02-31',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-01-32',
    '0000-01-01',
    '2023-1-05',
    '2023-01-5',
    '23-01-05',
    '2023/01/05',
    '2023-01-05T00:00',
    ' 2023-01-05',
    '2023-01-05 ',
    '+2023-01-05',
    '12023-01-05',
    '２０２３-01-05', // full-width digits
    '2023-0a-05',
    '2023--1-05',
    '',
  ])('rejects %j', (s) => expect(parseIsoDate(s)).toBeNull());

  test('agrees with Date for every y/m/d combination (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, day) => {
        const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        // Oracle: Date rolls invalid days over; a real date survives the round trip unchanged.
        const probe = new Date(0);
        probe.setUTCFullYear(y, m - 1, day);
        const real = m >= 1 && m <= 12 && probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === day;
        expect(parseIsoDate(s) !== null).toBe(real);
      }),
      { numRuns: 3000 },
    );
  });

  test('formatIsoDate is its inverse (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: epochDayOf('0001-01-01'), max: epochDayOf('9999-12-31') }), (day) => {
        const iso = isoOfEpochDay(day);
        expect(formatIsoDate(d(iso))).toBe(iso);
      }),
    );
  });
});

test('requireIsoDate names the value in its error', () => {
  expect(() => requireIsoDate('2023-02-29', 'issueDate')).toThrow(/issueDate.*2023-02-29/);
  expect(requireIsoDate('2023-02-28', 'x')).toEqual({ y: 2023, m: 2, d: 28 });
});

describe('compareDates', () => {
  test('orders like the ISO strings (property)', () => {
    const arbIso = fc.integer({ min: epochDayOf('0001-01-01'), max: epochDayOf('9999-12-31') }).map(isoOfEpochDay);
    fc.assert(
      fc.property(arbIso, arbIso, (a, b) => {
        expect(Math.sign(compareDates(d(a), d(b)))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});

describe('day numbers', () => {
  test('0001-01-01 is day 0 and 1970-01-01 is day 719162', () => {
    expect(toDayNumber({ y: 1, m: 1, d: 1 })).toBe(0);
    expect(toDayNumber({ y: 1970, m: 1, d: 1 })).toBe(719_162);
    expect(fromDayNumber(719_162)).toEqual({ y: 1970, m: 1, d: 1 });
  });

  test('differences agree with Date and fromDayNumber inverts toDayNumber (property)', () => {
    const arbDay = fc.integer({ min: epochDayOf('0001-01-01'), max: epochDayOf('9999-12-31') });
    fc.assert(
      fc.property(arbDay, arbDay, (a, b) => {
        const da = d(isoOfEpochDay(a));
        const db = d(isoOfEpochDay(b));
        expect(daysBetween(da, db)).toBe(b - a);
        expect(fromDayNumber(toDayNumber(da))).toEqual(da);
      }),
      { numRuns: 2000 },
    );
  });

  test('addDays crosses month, year and leap-day boundaries', () => {
    expect(formatIsoDate(addDays(d('2024-02-28'), 1))).toBe('2024-02-29');
    expect(formatIsoDate(addDays(d('2023-02-28'), 1))).toBe('2023-03-01');
    expect(formatIsoDate(addDays(d('2023-12-31'), 1))).toBe('2024-01-01');
    expect(formatIsoDate(addDays(d('2024-03-01'), -1))).toBe('2024-02-29');
    expect(formatIsoDate(addDays(d('2000-01-01'), 366))).toBe('2001-01-01');
  });
});

describe('addYears', () => {
  test('29 February to a non-leap year follows the policy given', () => {
    expect(addYears(d('2024-02-29'), 1, 'feb28')).toEqual({ y: 2025, m: 2, d: 28 });
    expect(addYears(d('2024-02-29'), 1, 'mar1')).toEqual({ y: 2025, m: 3, d: 1 });
    expect(addYears(d('2024-02-29'), -4, 'mar1')).toEqual({ y: 2020, m: 2, d: 29 });
    expect(addYears(d('2000-02-29'), 100, 'feb28')).toEqual({ y: 2100, m: 2, d: 28 });
  });

  test('every other day keeps its day and month (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: epochDayOf('1800-01-01'), max: epochDayOf('2200-12-31') }),
        fc.integer({ min: -100, max: 100 }),
        (day, years) => {
          const iso = isoOfEpochDay(day);
          fc.pre(!iso.endsWith('-02-29'));
          const shifted = addYears(d(iso), years, 'feb28');
          expect(formatIsoDate(shifted)).toBe(`${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`);
        },
      ),
    );
  });
});

describe('ageOn and birthdayInYear', () => {
  test.each([
    ['2000-03-15', '2014-03-14', 13],
    ['2000-03-15', '2014-03-15', 14], // the birthday itself counts
    ['2000-03-15', '2000-03-15', 0],
    ['2000-03-15', '2001-03-14', 0],
    ['2000-12-31', '2001-01-01', 0],
    ['2004-02-29', '2022-02-27', 17],
    ['2004-02-29', '2022-02-28', 18], // 29 February birthdays fall on 28 February in non-leap years
    ['2004-02-29', '2024-02-28', 19], // ... but on the 29th in leap years
    ['2004-02-29', '2024-02-29', 20],
    ['1966-07-01', '2024-06-30', 57],
    ['1966-07-01', '2024-07-01', 58],
  ])('born %s, on %s: %i', (birth, on, age) => expect(ageOn(d(birth), d(on))).toBe(age));

  test('birthdayInYear keeps 29 February inside February', () => {
    expect(formatIsoDate(birthdayInYear(d('2000-02-29'), 2025))).toBe('2025-02-28');
    expect(formatIsoDate(birthdayInYear(d('2000-02-29'), 2028))).toBe('2028-02-29');
    expect(formatIsoDate(birthdayInYear(d('2000-03-01'), 2025))).toBe('2025-03-01');
  });

  test('age is the number of birthdays reached (property, oracle counts birthdays one by one)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: epochDayOf('1900-01-01'), max: epochDayOf('2100-12-31') }),
        fc.integer({ min: 0, max: 120 * 366 }),
        (birthDay, offset) => {
          const birth = isoOfEpochDay(birthDay);
          const on = isoOfEpochDay(birthDay + offset);
          let birthdays = 0;
          for (let y = Number(birth.slice(0, 4)) + 1; y <= Number(on.slice(0, 4)); y++) {
            // The birthday that year, as an ISO string; 29 February -> 28 February in common years.
            let md = birth.slice(5);
            if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) md = '02-28';
            if (`${String(y).padStart(4, '0')}-${md}` <= on) birthdays++;
          }
          expect(ageOn(d(birth), d(on))).toBe(birthdays);
        },
      ),
    );
  });
});
