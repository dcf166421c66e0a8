/**
 * Record validation: the schema (schema.ts) and then every rule between fields, collecting all errors of a
 * record in one pass. Pure: "today" comes from the caller.
 *
 * Messages avoid echoing personal data (ID numbers, dates of birth, names): reports and logs carry the
 * row, the field and the reason.
 */
import type { CitizenRecord, RecordField, RecordIssue } from './record';
import { CANCUOC_FIRST_ISSUE_DATE, isProductId, productForIssueDate, type ProductId } from './products';
import { ageOn, compareDates, daysInMonth, formatIsoDate, parseIsoDate, type CalendarDate } from './calendar';
import { checkOldIdNumber, checkPersonalId, type IdRuleIssue } from './id-number';
import { computeExpiryDate } from './expiry';
import { toMrzNameComponents, unmappedCharacters } from './transliterate';
import { QR_FIELD_SEPARATOR } from './qr-payload';
import { PHOTO_PATH_MAX_LENGTH, parseRawRecord } from './schema';
import { indexOfControlChar } from './nfc';

/** Outcome of {@link validateRecord}. `expiryDate` is YYYY-MM-DD, or null for "Không thời hạn". */
export type ValidationResult =
  | { ok: true; record: CitizenRecord; product: ProductId; expiryDate: string | null; warnings: RecordIssue[] }
  | { ok: false; errors: RecordIssue[]; warnings: RecordIssue[] };

/** What the caller decides for a validation run. */
export interface ValidateOptions {
  /** Force a product; by default it follows the issue date ({@link productForIssueDate}). */
  product?: ProductId;
  /** Today, YYYY-MM-DD: no date of the record may be later. */
  today: string;
}

/** Nationality written when the record leaves it out. */
export const DEFAULT_NATIONALITY = 'Việt Nam';

/** Fields every record needs, whatever the product. */
export const ALWAYS_REQUIRED: readonly RecordField[] = Object.freeze([
  'personalId',
  'fullName',
  'dateOfBirth',
  'sex',
  'issueDate',
  'placeOfResidence',
] as const);

/** Minimum age on the issue date for a 2021 chip CCCD (2014 law: citizens from 14). */
export const CCCD_2021_MIN_AGE = 14;

/** Căn cước holders younger than this on the issue date get a card without photo (2023 law). */
export const NO_PHOTO_BELOW_AGE = 6;

const LAST_CCCD_2021_DAY = '2024-06-30';
const WHITESPACE = /\s/;
const ISO_DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATA_URI_IMAGE = /^data:image\/[a-z0-9.+-]+;base64,/i;
const URI_SCHEME = /^[a-z][a-z0-9+.-]+:/i; // two or more letters: "C:" is a drive, handled below
const ABSOLUTE_PATH = /^(?:[\\/]|[a-z]:[\\/]?)/i;
const MAX_LISTED_CHARACTERS = 5;

function parseToday(today: string): CalendarDate {
  const parsed = parseIsoDate(today);
  if (parsed === null) throw new RangeError(`opts.today must be a real calendar date YYYY-MM-DD, got "${today}"`);
  return parsed;
}

/** Collects the issues of one record; knows which fields already failed so rules do not pile up. */
class Issues {
  constructor(
    readonly row: number,
    readonly errors: RecordIssue[],
    readonly warnings: RecordIssue[],
  ) {}

  /** True when `field` has an error already (errors are few: a scan beats building a set per record). */
  failed(field: string): boolean {
    for (const e of this.errors) if (e.field === field) return true;
    return false;
  }

  error(field: string, message: string): void {
    this.errors.push({ row: this.row, field, message });
  }

  warning(field: string, message: string): void {
    this.warnings.push({ row: this.row, field, message });
  }

  fromRule(issue: IdRuleIssue): void {
    if (issue.severity === 'error') this.error(issue.field, issue.message);
    else this.warning(issue.field, issue.message);
  }

  /** Reports `field` as required when absent, unless the schema already rejected its value. */
  require(field: RecordField, value: string | undefined, message = 'is required'): void {
    if (value === undefined && !this.failed(field)) this.error(field, message);
  }
}

/** Parses a date field; reports format, calendar and future errors. Null when absent or bad. */
function dateField(
  text: string | undefined,
  field: 'dateOfBirth' | 'issueDate',
  today: CalendarDate,
  issues: Issues,
): CalendarDate | null {
  if (text === undefined) return null;
  const date = parseIsoDate(text);
  if (date === null) {
    const shape = ISO_DATE_SHAPE.exec(text);
    if (shape === null) {
      issues.error(field, 'must be a date written YYYY-MM-DD (zero-padded, e.g. 1999-03-05)');
      return null;
    }
    const y = Number(shape[1]);
    const m = Number(shape[2]);
    issues.error(
      field,
      m < 1 || m > 12
        ? `is not a real calendar date: there is no month ${shape[2]}`
        : y < 1
          ? 'is not a real calendar date: there is no year 0000'
          : `is not a real calendar date: month ${shape[2]} of that year has ${daysInMonth(y, m)} days`,
    );
    return null;
  }
  if (compareDates(date, today) > 0) {
    issues.error(field, `is in the future (today is ${formatIsoDate(today)})`);
    return null;
  }
  return date;
}

function checkPhoto(photo: string, issues: Issues): void {
  if (photo.startsWith('data:')) {
    // The base64 body is not scanned here (up to 2 MB a record): decoding the image is the check.
    if (!DATA_URI_IMAGE.test(photo)) {
      issues.error('photo', 'a data: URI must be a base64 image, starting "data:image/<type>;base64,"');
    }
    return;
  }
  const control = indexOfControlChar(photo);
  if (ABSOLUTE_PATH.test(photo)) {
    issues.error('photo', 'must be a path relative to the input file (or a data: URI), not an absolute path');
  } else if (URI_SCHEME.test(photo)) {
    issues.error('photo', 'must be a relative path or a data: URI; other URIs are not fetched');
  } else if (photo.length > PHOTO_PATH_MAX_LENGTH) {
    issues.error('photo', `as a path is ${photo.length} characters long; the limit is ${PHOTO_PATH_MAX_LENGTH}`);
  } else if (control >= 0) {
    issues.error('photo', `contains a control character at position ${control + 1}`);
  }
}

function listCharacters(chars: readonly string[]): string {
  const shown = chars.slice(0, MAX_LISTED_CHARACTERS).map((c) => JSON.stringify(c));
  return shown.join(', ') + (chars.length > MAX_LISTED_CHARACTERS ? ` and ${chars.length - MAX_LISTED_CHARACTERS} more` : '');
}

function checkFullName(fullName: string, issues: Issues): void {
  const space = fullName.search(WHITESPACE);
  const familyName = space < 0 ? fullName : fullName.slice(0, space);
  if (toMrzNameComponents(familyName).length === 0) {
    issues.error('fullName', 'the family name (first word) has no letter that can be written in the MRZ');
    return;
  }
  const lost = unmappedCharacters(fullName);
  if (lost.length > 0) {
    issues.warning('fullName', `characters left out of the MRZ (no Latin transliteration): ${listCharacters(lost)}`);
  }
}

function checkNoSeparator(field: RecordField, value: string | undefined, issues: Issues): void {
  if (value !== undefined && value.includes(QR_FIELD_SEPARATOR)) {
    issues.error(field, 'contains "|", which separates the fields of the QR code');
  }
}

/**
 * Validates one raw record (`row` is its 1-based number in the file) for `opts.product`, or for the product
 * its issue date selects. Returns every error and warning of the record; on success the clean record (text
 * trimmed and NFC, absent optional fields left out, nationality defaulted), its product and its expiry date.
 *
 * Throws a RangeError only for bad options (`today` not a date, unknown product): that is a caller bug, not
 * bad input.
 */
export function validateRecord(raw: unknown, row: number, opts: ValidateOptions): ValidationResult {
  const today = parseToday(opts.today);
  if (opts.product !== undefined && !isProductId(opts.product)) {
    throw new RangeError(`opts.product is not a known product: "${String(opts.product)}"`);
  }
  const parsed = parseRawRecord(raw, row);
  const issues = new Issues(row, parsed.errors, parsed.warnings);
  if (issues.failed('record')) return { ok: false, errors: issues.errors, warnings: issues.warnings };

  // Read every field once: null (JSON null), '' (blank text) and undefined all mean absent from here on.
  const f = parsed.fields;
  const v: Partial<Record<RecordField, string>> = {};
  const personalId = (v.personalId = f.personalId || undefined);
  const fullName = (v.fullName = f.fullName || undefined);
  const dateOfBirth = (v.dateOfBirth = f.dateOfBirth || undefined);
  const sexText = f.sex || undefined;
  const nationality = f.nationality || undefined;
  v.ethnicity = f.ethnicity || undefined;
  v.religion = f.religion || undefined;
  const placeOfOrigin = (v.placeOfOrigin = f.placeOfOrigin || undefined);
  const placeOfBirthRegistration = (v.placeOfBirthRegistration = f.placeOfBirthRegistration || undefined);
  const placeOfResidence = (v.placeOfResidence = f.placeOfResidence || undefined);
  v.identifyingMarks = f.identifyingMarks || undefined;
  const issueDate = (v.issueDate = f.issueDate || undefined);
  const oldIdNumber = (v.oldIdNumber = f.oldIdNumber || undefined);
  const fatherName = (v.fatherName = f.fatherName || undefined);
  const motherName = (v.motherName = f.motherName || undefined);
  v.spouseName = f.spouseName || undefined;
  const photo = (v.photo = f.photo || undefined);

  issues.require('personalId', personalId);
  issues.require('fullName', fullName);
  issues.require('dateOfBirth', dateOfBirth);
  issues.require('sex', sexText);
  issues.require('issueDate', issueDate);
  issues.require('placeOfResidence', placeOfResidence);

  let sex: 'M' | 'F' | undefined;
  if (sexText !== undefined) {
    if (sexText === 'M' || sexText === 'F') sex = sexText;
    else issues.error('sex', 'must be "M" or "F" (M for Nam, F for Nữ)');
  }

  const birth = dateField(dateOfBirth, 'dateOfBirth', today, issues);
  const issue = dateField(issueDate, 'issueDate', today, issues);
  let ageAtIssue: number | undefined;
  if (birth !== null && issue !== null) {
    if (compareDates(issue, birth) <= 0) issues.error('issueDate', 'must be after the date of birth');
    else ageAtIssue = ageOn(birth, issue);
  }

  if (personalId !== undefined) {
    for (const i of checkPersonalId(personalId, birth ?? undefined, sex)) issues.fromRule(i);
  }
  if (oldIdNumber !== undefined) for (const i of checkOldIdNumber(oldIdNumber)) issues.fromRule(i);

  let product: ProductId | undefined = opts.product;
  if (issue !== null) {
    const byDate = productForIssueDate(issueDate!);
    if (product === undefined) product = byDate;
    else if (product !== byDate) {
      issues.error(
        'issueDate',
        product === 'vn-cccd-2021'
          ? `a vn-cccd-2021 card cannot be issued after ${LAST_CCCD_2021_DAY} (the 2023 Law on Identification replaced it)`
          : `a vn-cancuoc-2024 card cannot be issued before ${CANCUOC_FIRST_ISSUE_DATE}`,
      );
    }
  }

  if (product === 'vn-cccd-2021') {
    issues.require('placeOfOrigin', placeOfOrigin, 'is required on a vn-cccd-2021 card (Quê quán)');
    if (ageAtIssue !== undefined && ageAtIssue < CCCD_2021_MIN_AGE) {
      issues.error(
        'dateOfBirth',
        `the holder is ${ageAtIssue} on the issue date; a vn-cccd-2021 card needs ${CCCD_2021_MIN_AGE} or older`,
      );
    }
  } else if (product === 'vn-cancuoc-2024') {
    issues.require(
      'placeOfBirthRegistration',
      placeOfBirthRegistration,
      'is required on a vn-cancuoc-2024 card (Nơi đăng ký khai sinh)',
    );
  }

  const noPhotoCard = product === 'vn-cancuoc-2024' && ageAtIssue !== undefined && ageAtIssue < NO_PHOTO_BELOW_AGE;
  if (photo !== undefined) {
    checkPhoto(photo, issues);
    if (noPhotoCard) {
      issues.warning('photo', `the holder is under ${NO_PHOTO_BELOW_AGE} on the issue date: the card carries no photo`);
    }
  } else if (
    // With the age unknown (bad dates) a Căn cước record might be an under-6 one: do not guess.
    product === 'vn-cccd-2021' ||
    (product === 'vn-cancuoc-2024' && ageAtIssue !== undefined && !noPhotoCard)
  ) {
    issues.require('photo', photo, 'is required (only vn-cancuoc-2024 holders under 6 have no photo)');
  }

  if (fullName !== undefined) checkFullName(fullName, issues);
  // The QR text fields (QR_TEXT_FIELDS), spelled out: named property reads are faster than a keyed loop.
  checkNoSeparator('personalId', personalId, issues);
  checkNoSeparator('oldIdNumber', oldIdNumber, issues);
  checkNoSeparator('fullName', fullName, issues);
  checkNoSeparator('placeOfResidence', placeOfResidence, issues);
  checkNoSeparator('fatherName', fatherName, issues);
  checkNoSeparator('motherName', motherName, issues);
  if (nationality !== undefined && nationality !== DEFAULT_NATIONALITY) {
    issues.warning('nationality', `is not "${DEFAULT_NATIONALITY}": citizen identity cards are for Vietnamese citizens`);
  }

  if (issues.errors.length > 0 || product === undefined || birth === null || issue === null || sex === undefined) {
    return { ok: false, errors: issues.errors, warnings: issues.warnings };
  }
  const expiry = computeExpiryDate(product, birth, issue);
  return {
    ok: true,
    record: toRecord(v, sex, nationality ?? DEFAULT_NATIONALITY),
    product,
    expiryDate: expiry === null ? null : formatIsoDate(expiry),
    warnings: issues.warnings,
  };
}

/**
 * The clean record. Required fields are known present here; optional ones are copied only when present
 * (record.ts: absent, never empty or undefined-valued).
 */
function toRecord(v: Partial<Record<RecordField, string>>, sex: 'M' | 'F', nationality: string): CitizenRecord {
  const record: CitizenRecord = {
    personalId: v.personalId!,
    fullName: v.fullName!,
    dateOfBirth: v.dateOfBirth!,
    sex,
    nationality,
    issueDate: v.issueDate!,
  };
  if (v.ethnicity !== undefined) record.ethnicity = v.ethnicity;
  if (v.religion !== undefined) record.religion = v.religion;
  if (v.placeOfOrigin !== undefined) record.placeOfOrigin = v.placeOfOrigin;
  if (v.placeOfBirthRegistration !== undefined) record.placeOfBirthRegistration = v.placeOfBirthRegistration;
  if (v.placeOfResidence !== undefined) record.placeOfResidence = v.placeOfResidence;
  if (v.identifyingMarks !== undefined) record.identifyingMarks = v.identifyingMarks;
  if (v.oldIdNumber !== undefined) record.oldIdNumber = v.oldIdNumber;
  if (v.fatherName !== undefined) record.fatherName = v.fatherName;
  if (v.motherName !== undefined) record.motherName = v.motherName;
  if (v.spouseName !== undefined) record.spouseName = v.spouseName;
  if (v.photo !== undefined) record.photo = v.photo;
  return record;
}
