/**
 * The 12-digit personal identification number (số định danh cá nhân), `PPP G YY RRRRRR`:
 * PPP where the birth was registered (a province code, or 101-295 for a country when registered abroad),
 * G century and sex, YY the last two digits of the birth year, R six random digits.
 *
 * Messages never echo the number or the date of birth: they end up in import reports and logs, and
 * personal data must stay out of those. They name digit positions and expected values instead.
 */
import { parseIsoDate, type CalendarDate } from './calendar';
import { isAbroadRegistrationCode, provinceName } from './provinces';

/** Errors reject the record; warnings are reported and the record still goes through. */
export type IssueSeverity = 'error' | 'warning';

/** One finding of the ID-number rules, before the caller attaches a row number. */
export interface IdRuleIssue {
  severity: IssueSeverity;
  /** The record field at fault. */
  field: 'personalId' | 'oldIdNumber' | 'dateOfBirth';
  message: string;
}

/** Where the birth behind an ID number was registered, as far as the prefix tells. */
export type Registration = 'province' | 'abroad' | 'unknown';

/** The parts of a well-formed 12-digit ID number. */
export interface ParsedPersonalId {
  /** PPP, three digits. */
  provinceCode: string;
  /** The province name when PPP is one of the 63 codes. */
  provinceName?: string;
  /** 'abroad' for 101-295, 'unknown' for a prefix in neither range. */
  registration: Registration;
  /** G, 0-9. */
  centurySexDigit: number;
  /** YY, 0-99. */
  yearOfCentury: number;
  /** RRRRRR. */
  serial: string;
  /** Birth year the number encodes: (19 + floor(G / 2)) * 100 + YY. */
  birthYear: number;
  /** Sex the number encodes: G odd = female. */
  sex: 'M' | 'F';
}

const TWELVE_DIGITS = /^\d{12}$/;
const NINE_DIGITS = /^\d{9}$/;

/** First and last birth year a century/sex digit can encode (G = 0 ... 9 covers 1900-2399). */
export const ENCODABLE_BIRTH_YEARS = { first: 1900, last: 2399 } as const;

/** Splits a 12-digit ID number into its parts; null when `id` is not exactly 12 ASCII digits. */
export function parsePersonalId(id: string): ParsedPersonalId | null {
  if (!TWELVE_DIGITS.test(id)) return null;
  const provinceCode = id.slice(0, 3);
  const centurySexDigit = id.charCodeAt(3) - 48;
  const yearOfCentury = Number(id.slice(4, 6));
  const name = provinceName(provinceCode);
  const registration: Registration =
    name !== undefined ? 'province' : isAbroadRegistrationCode(provinceCode) ? 'abroad' : 'unknown';
  const parsed: ParsedPersonalId = {
    provinceCode,
    registration,
    centurySexDigit,
    yearOfCentury,
    serial: id.slice(6),
    birthYear: (19 + Math.floor(centurySexDigit / 2)) * 100 + yearOfCentury,
    sex: centurySexDigit % 2 === 1 ? 'F' : 'M',
  };
  if (name !== undefined) parsed.provinceName = name;
  return parsed;
}

/**
 * The century/sex digit G a holder born on `dateOfBirth` (YYYY-MM-DD) with sex `sex` must have:
 * 2 * (century - 19) for a man, one more for a woman. Throws a RangeError for an invalid date or a birth
 * year outside 1900-2399, which no digit encodes.
 */
export function expectedCenturySexDigit(dateOfBirth: string, sex: 'M' | 'F'): number {
  const date = parseIsoDate(dateOfBirth);
  if (date === null) throw new RangeError(`dateOfBirth must be a real calendar date YYYY-MM-DD`);
  return centurySexDigitFor(date.y, sex);
}

function centurySexDigitFor(year: number, sex: 'M' | 'F'): number {
  if (year < ENCODABLE_BIRTH_YEARS.first || year > ENCODABLE_BIRTH_YEARS.last) {
    throw new RangeError(
      `birth year ${year} cannot be encoded in a personal ID number (only ${ENCODABLE_BIRTH_YEARS.first}-${ENCODABLE_BIRTH_YEARS.last})`,
    );
  }
  return (Math.floor(year / 100) - 19) * 2 + (sex === 'F' ? 1 : 0);
}

function describeDigit(g: number): string {
  const century = (19 + Math.floor(g / 2)) * 100;
  return `born ${century}-${century + 99}, ${g % 2 === 1 ? 'female' : 'male'}`;
}

/**
 * Checks a 12-digit ID number on its own and, when `dateOfBirth` (YYYY-MM-DD or already parsed) and `sex`
 * are given and valid, against them. Returns every finding: errors for a malformed number, a century/sex digit or birth
 * year digits that contradict the record; a warning for a prefix that is neither one of the 63 province
 * codes nor in the 101-295 abroad range (the table is out of date since the 2025 mergers, so an unknown
 * prefix is suspicious but not proof of a bad number).
 */
export function checkPersonalId(id: string, dateOfBirth?: string | CalendarDate, sex?: 'M' | 'F'): IdRuleIssue[] {
  const parsed = parsePersonalId(id);
  if (parsed === null) {
    return [
      {
        severity: 'error',
        field: 'personalId',
        message: `must be exactly 12 digits 0-9 (got ${id.length} character${id.length === 1 ? '' : 's'}${
          /^\d*$/.test(id) ? '' : ', not all digits'
        })`,
      },
    ];
  }
  const issues: IdRuleIssue[] = [];
  if (parsed.registration === 'unknown') {
    issues.push({
      severity: 'warning',
      field: 'personalId',
      message: `prefix ${parsed.provinceCode} is not one of the 63 province codes nor a country code (101-295)`,
    });
  }
  const birth =
    dateOfBirth === undefined ? null : typeof dateOfBirth === 'string' ? parseIsoDate(dateOfBirth) : dateOfBirth;
  if (birth === null || sex === undefined) return issues;
  if (birth.y < ENCODABLE_BIRTH_YEARS.first || birth.y > ENCODABLE_BIRTH_YEARS.last) {
    issues.push({
      severity: 'error',
      field: 'dateOfBirth',
      message: `birth year ${birth.y} cannot be encoded in a personal ID number (only ${ENCODABLE_BIRTH_YEARS.first}-${ENCODABLE_BIRTH_YEARS.last})`,
    });
    return issues;
  }
  const expectedDigit = centurySexDigitFor(birth.y, sex);
  if (parsed.centurySexDigit !== expectedDigit) {
    issues.push({
      severity: 'error',
      field: 'personalId',
      message: `digit 4 (century and sex) is ${parsed.centurySexDigit}, which means ${describeDigit(
        parsed.centurySexDigit,
      )}; the record's date of birth and sex need ${expectedDigit} (${describeDigit(expectedDigit)})`,
    });
  }
  const expectedYy = birth.y % 100;
  if (parsed.yearOfCentury !== expectedYy) {
    issues.push({
      severity: 'error',
      field: 'personalId',
      message: `digits 5-6 (year of birth) do not match the date of birth: expected ${String(expectedYy).padStart(2, '0')}`,
    });
  }
  return issues;
}

/** Checks the old 9-digit CMND number: exactly nine ASCII digits. */
export function checkOldIdNumber(oldId: string): IdRuleIssue[] {
  if (NINE_DIGITS.test(oldId)) return [];
  return [
    {
      severity: 'error',
      field: 'oldIdNumber',
      message: `must be exactly 9 digits 0-9 (got ${oldId.length} character${oldId.length === 1 ? '' : 's'}${
        /^\d*$/.test(oldId) ? '' : ', not all digits'
      })`,
    },
  ];
}
