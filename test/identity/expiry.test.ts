import fc from 'fast-check';
import {
  EXPIRY_MILESTONES,
  NO_EXPIRY_FROM_AGE,
  NO_EXPIRY_TEXT,
  computeExpiry,
  computeExpiryDate,
} from '../../src/identity/expiry';
import type { ProductId } from '../../src/identity/products';
import { epochDayOf, isoOfEpochDay } from './fixtures';

const CCCD: ProductId = 'vn-cccd-2021';
const CANCUOC: ProductId = 'vn-cancuoc-2024';

test('milestones follow the two laws', () => {
  expect(EXPIRY_MILESTONES[CCCD]).toEqual([25, 40, 60]);
  expect(EXPIRY_MILESTONES[CANCUOC]).toEqual([14, 25, 40, 60]);
  expect(NO_EXPIRY_FROM_AGE).toBe(58);
  expect(NO_EXPIRY_TEXT).toBe('Không thời hạn');
});

test('the REFERENCE.md specimen: born 1999-03-15, issued 2021-06-22, expires 2024-03-15', () => {
  expect(computeExpiry(CCCD, '1999-03-15', '2021-06-22')).toBe('2024-03-15');
});

describe('vn-cccd-2021, born 2000-05-10 (hand-computed)', () => {
  test.each([
    ['2014-05-10', '2025-05-10'], // 14: first milestone 25
    ['2023-05-09', '2025-05-10'], // the day before the 2-year window opens
    ['2023-05-10', '2040-05-10'], // boundary day: exactly 2 years before the 25th birthday -> next milestone
    ['2025-05-09', '2040-05-10'], // inside the window
    ['2025-05-10', '2040-05-10'], // on the 25th birthday: milestone reached
    ['2030-01-01', '2040-05-10'],
    ['2038-05-09', '2040-05-10'],
    ['2038-05-10', '2060-05-10'],
    ['2058-05-09', '2060-05-10'], // the day before turning 58
    ['2058-05-10', null], // 58 exactly on the day: no milestone left
    ['2070-01-01', null],
  ])('issued %s -> %s', (issue, expiry) => expect(computeExpiry(CCCD, '2000-05-10', issue)).toBe(expiry));
});

describe('vn-cancuoc-2024 (hand-computed)', () => {
  test.each([
    ['2015-08-20', '2024-08-01', '2029-08-20'], // 8 years old: expires at 14
    ['2012-12-31', '2024-07-01', '2026-12-31'], // 11, window for 14 opens 2024-12-31
    ['2012-07-01', '2024-07-01', '2037-07-01'], // 12 exactly on the day: within 2 years of 14 -> 25
    ['2012-07-02', '2024-07-01', '2026-07-02'], // one day younger: still before the window
    ['2024-07-01', '2024-07-02', '2038-07-01'], // newborn
    ['1966-07-01', '2024-07-01', null], // 58 on the issue day
    ['1966-07-02', '2024-07-01', '2026-07-02'], // 57
  ])('born %s, issued %s -> %s', (birth, issue, expiry) => expect(computeExpiry(CANCUOC, birth, issue)).toBe(expiry));
});

describe('29 February births', () => {
  test.each([
    // born 2000-02-29; the 25th birthday in 2025 (common year) is 28 February
    [CCCD, '2000-02-29', '2023-02-27', '2025-02-28'],
    [CCCD, '2000-02-29', '2023-02-28', '2040-02-29'], // 2 years before = 2023-02-28: boundary -> next
    [CCCD, '2000-02-29', '2038-02-27', '2040-02-29'], // 2040 is a leap year
    [CCCD, '2000-02-29', '2038-02-28', '2060-02-29'],
    [CCCD, '2000-02-29', '2058-02-27', '2060-02-29'],
    [CCCD, '2000-02-29', '2058-02-28', null],
    // The only case where the card lasts exactly two calendar years: the window opens on 29 February of a
    // leap year and the milestone year is a common year.
    [CANCUOC, '2016-02-29', '2028-02-28', '2030-02-28'],
    [CANCUOC, '2016-02-29', '2028-02-29', '2041-02-28'],
  ] as const)('%s born %s, issued %s -> %s', (product, birth, issue, expiry) => {
    expect(computeExpiry(product, birth, issue)).toBe(expiry);
  });
});

test('a holder under 14 gets a 2021 card to 25 (the age rule is validation, not expiry)', () => {
  expect(computeExpiry(CCCD, '2010-01-01', '2021-06-01')).toBe('2035-01-01');
});

test('bad dates and an issue before birth throw', () => {
  expect(() => computeExpiry(CCCD, '2000-02-30', '2021-01-01')).toThrow(/dateOfBirth/);
  expect(() => computeExpiry(CCCD, '2000-02-01', '2021-13-01')).toThrow(/issueDate/);
  expect(() => computeExpiry(CCCD, '2000-02-01', '1999-01-01')).toThrow(RangeError);
  // Issued on the day of birth is allowed here (validation rejects it separately).
  expect(computeExpiry(CANCUOC, '2024-08-01', '2024-08-01')).toBe('2038-08-01');
});

// --- Properties -----------------------------------------------------------------------------------------

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** The birthday in `year` as an ISO string, 29 February -> 28 February in common years. */
function birthdayIso(birth: string, year: number): string {
  const md = birth.slice(5) === '02-29' && !isLeap(year) ? '02-28' : birth.slice(5);
  return `${String(year).padStart(4, '0')}-${md}`;
}

/** Completed years on `on`, by ISO string comparison (independent of calendar.ts). */
function age(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on >= birthdayIso(birth, Number(on.slice(0, 4))) ? years : years - 1;
}

const arbProduct = fc.constantFrom<ProductId>(CCCD, CANCUOC);
const arbCase = fc
  .record({
    product: arbProduct,
    birthDay: fc.integer({ min: epochDayOf('1900-01-01'), max: epochDayOf('2300-12-31') }),
    ageDays: fc.integer({ min: 0, max: 100 * 366 }),
  })
  .map(({ product, birthDay, ageDays }) => ({
    product,
    birth: isoOfEpochDay(birthDay),
    issue: isoOfEpochDay(birthDay + ageDays),
  }));
// 29 February births and issue dates near birthdays are the interesting cases: bias towards them.
const arbLeapCase = fc
  .record({
    product: arbProduct,
    leapYear: fc.integer({ min: 475, max: 575 }).map((n) => n * 4).filter(isLeap),
    age: fc.integer({ min: 0, max: 70 }),
    shift: fc.integer({ min: -3, max: 3 }),
  })
  .map(({ product, leapYear, age: years, shift }) => {
    const birth = `${leapYear}-02-29`;
    const nearBirthday = epochDayOf(birthdayIso(birth, leapYear + years)) + shift;
    return { product, birth, issue: isoOfEpochDay(Math.max(epochDayOf(birth), nearBirthday)) };
  });
const arbAnyCase = fc.oneof(arbCase, arbLeapCase);

describe('properties', () => {
  test('null exactly when the holder is 58 or older on the issue date', () => {
    fc.assert(
      fc.property(arbAnyCase, ({ product, birth, issue }) => {
        expect(computeExpiry(product, birth, issue) === null).toBe(age(birth, issue) >= 58);
      }),
      { numRuns: 3000 },
    );
  });

  test('an expiry is a birthday at a milestone age, strictly after issue, more than 730 days later', () => {
    fc.assert(
      fc.property(arbAnyCase, ({ product, birth, issue }) => {
        const expiry = computeExpiry(product, birth, issue);
        if (expiry === null) return;
        const years = Number(expiry.slice(0, 4)) - Number(birth.slice(0, 4));
        expect(EXPIRY_MILESTONES[product]).toContain(years);
        expect(expiry).toBe(birthdayIso(birth, Number(expiry.slice(0, 4))));
        if (birth.endsWith('-02-29')) expect(expiry.slice(5)).toBe(isLeap(Number(expiry.slice(0, 4))) ? '02-29' : '02-28');
        else expect(expiry.slice(5)).toBe(birth.slice(5));
        expect(expiry > issue).toBe(true);
        // Derived in expiry.ts: the issue date is before the birthday two years ahead of the expiry, and
        // two consecutive birthdays are >= 365 days apart, so the card lasts at least 731 days.
        expect(epochDayOf(expiry) - epochDayOf(issue)).toBeGreaterThanOrEqual(731);
      }),
      { numRuns: 3000 },
    );
  });

  test('the card lasts at least two calendar years: the same day two years on is not after the expiry', () => {
    fc.assert(
      fc.property(arbAnyCase, ({ product, birth, issue }) => {
        const expiry = computeExpiry(product, birth, issue);
        if (expiry === null) return;
        const y = Number(issue.slice(0, 4)) + 2;
        const md = issue.slice(5) === '02-29' && !isLeap(y) ? '02-28' : issue.slice(5);
        expect(`${y}-${md}` <= expiry).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test('the milestone is the first whose 2-year window has not opened on the issue date (oracle)', () => {
    fc.assert(
      fc.property(arbAnyCase, ({ product, birth, issue }) => {
        const by = Number(birth.slice(0, 4));
        const milestone = EXPIRY_MILESTONES[product].find((m) => issue < birthdayIso(birth, by + m - 2));
        const expected = milestone === undefined ? null : birthdayIso(birth, by + milestone);
        expect(computeExpiry(product, birth, issue)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  test('a later issue date never gives an earlier expiry', () => {
    fc.assert(
      fc.property(arbCase, fc.integer({ min: 0, max: 3000 }), ({ product, birth, issue }, later) => {
        const a = computeExpiry(product, birth, issue);
        const b = computeExpiry(product, birth, isoOfEpochDay(epochDayOf(issue) + later));
        if (a === null) expect(b).toBeNull();
        else if (b !== null) expect(b >= a).toBe(true);
      }),
    );
  });

  test('computeExpiryDate agrees with computeExpiry', () => {
    expect(computeExpiryDate(CCCD, { y: 1999, m: 3, d: 15 }, { y: 2021, m: 6, d: 22 })).toEqual({ y: 2024, m: 3, d: 15 });
    expect(computeExpiryDate(CCCD, { y: 1950, m: 3, d: 15 }, { y: 2021, m: 6, d: 22 })).toBeNull();
  });
});
