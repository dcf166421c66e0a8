/**
 * Proleptic Gregorian calendar dates as plain integers. No `Date` objects: a `Date` carries a time zone and a
 * time of day, and "1999-03-15" parsed by `new Date()` is midnight UTC, which is the 14th in the Americas.
 * Card dates are calendar days in Vietnam; integer arithmetic keeps them exact everywhere.
 */

/** A calendar day. `m` is 1-12, `d` is 1-31; years are 1-9999 (four digits in ISO form). */
export interface CalendarDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/**
 * What "the same day N years later" means for 29 February when the target year is not a leap year:
 * `'feb28'` stays in February (28 February), `'mar1'` rolls over to 1 March.
 */
export type Feb29Policy = 'feb28' | 'mar1';

/** True for Gregorian leap years (divisible by 4, except centuries not divisible by 400). */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1-12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  switch (m) {
    case 2:
      return isLeapYear(y) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/** True when `y`, `m`, `d` are integers naming a real day between 0001-01-01 and 9999-12-31. */
export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/**
 * Parses a strict ISO 8601 calendar date `YYYY-MM-DD` (zero-padded, no time, no sign, no spaces).
 * Returns null for anything else, including dates that do not exist (2023-02-29, 2023-04-31, month 13,
 * year 0000).
 */
export function parseIsoDate(s: string): CalendarDate | null {
  // Char codes rather than a regex: validation parses several dates per record, tens of thousands of
  // records a second.
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  return y >= 0 && m >= 0 && d >= 0 && isValidDate(y, m, d) ? { y, m, d } : null;
}

/** The decimal value of s[from..to) when all are ASCII digits, else -1. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Like {@link parseIsoDate} but throws a RangeError naming `what` when `s` is not a real date. For callers
 * whose input was validated already, where a bad date is a programming error.
 */
export function requireIsoDate(s: string, what: string): CalendarDate {
  const date = parseIsoDate(s);
  if (date === null) throw new RangeError(`${what} must be a real calendar date YYYY-MM-DD, got "${s}"`);
  return date;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats a date as `YYYY-MM-DD`. */
export function formatIsoDate(date: CalendarDate): string {
  return `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}`;
}

/** Compares two dates: negative when `a` is earlier, 0 when equal, positive when `a` is later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.y !== b.y ? a.y - b.y : a.m !== b.m ? a.m - b.m : a.d - b.d;
}

/**
 * The same day and month `years` years later (or earlier, for negative `years`). Only 29 February can be
 * missing in the target year; `policy` says where it lands. There is deliberately no default: every caller
 * must say which rule it follows.
 */
export function addYears(date: CalendarDate, years: number, policy: Feb29Policy): CalendarDate {
  const y = date.y + years;
  if (date.m === 2 && date.d === 29 && !isLeapYear(y)) {
    return policy === 'feb28' ? { y, m: 2, d: 28 } : { y, m: 3, d: 1 };
  }
  return { y, m: date.m, d: date.d };
}

/**
 * The day someone born on `birth` has their birthday in `year`. A 29 February birthday falls on
 * 28 February in non-leap years: the birthday never leaves the month of birth, which is also the rule the
 * expiry law uses here (see expiry.ts).
 */
export function birthdayInYear(birth: CalendarDate, year: number): CalendarDate {
  return addYears(birth, year - birth.y, 'feb28');
}

/**
 * Age in completed years on day `on`. The birthday counts from its first moment, so on the birthday itself
 * the new age applies. For a 29 February birth the birthday in a non-leap year is 28 February
 * ({@link birthdayInYear}). Negative when `on` precedes `birth`; callers reject that case first.
 */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const years = on.y - birth.y;
  return compareDates(on, birthdayInYear(birth, on.y)) >= 0 ? years : years - 1;
}

/**
 * Days since 0001-01-01 (day 0), proleptic Gregorian. Lets callers measure and shift dates by days without
 * `Date`.
 */
export function toDayNumber(date: CalendarDate): number {
  // Shift the year to start in March so the leap day is the last day of the shifted year.
  const y = date.m <= 2 ? date.y - 1 : date.y;
  const m = date.m <= 2 ? date.m + 9 : date.m - 3; // March = 0 ... February = 11
  const dayOfYear = Math.floor((153 * m + 2) / 5) + date.d - 1;
  const days = 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + dayOfYear;
  // 0001-01-01 in this scheme: y = 0 (shifted), m = 10 (January) -> 306 days after 0000-03-01.
  return days - 306;
}

/** Inverse of {@link toDayNumber}. */
export function fromDayNumber(day: number): CalendarDate {
  const z = day + 306; // days since 0000-03-01
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return { y, m, d };
}

/** Number of days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** The day `days` days after `date` (before, for negative `days`). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}
