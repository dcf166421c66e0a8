/**
 * The TD1 machine readable zone (3 lines of 30 characters, ICAO Doc 9303-5) as Vietnamese ID cards use it:
 *
 * ```
 * line 1: ID VNM <last 9 digits of the ID> <check> <full 12-digit ID> << <check over the 12 digits>
 * line 2: <DOB YYMMDD> <check> <sex> <expiry YYMMDD or 991231> <check> VNM <<<<<<<<<<< <composite check>
 * line 3: <name field>
 * ```
 *
 * Name field: the family name (the first word of the Vietnamese full name) is the primary identifier; the
 * other words are secondary identifiers separated by `<`; `<<` between the two; padded with `<` to 30.
 * Names that do not fit are truncated (Doc 9303-3 name truncation), see {@link mrzNameField}.
 */
import type { CitizenRecord } from './record';
import type { ProductId } from './products';
import { checkDigit } from './check-digit';
import { computeExpiry } from './expiry';
import { toMrzNameComponents } from './transliterate';

/** Characters per TD1 line. */
export const MRZ_LINE_LENGTH = 30;

/** The expiry field of a card that never expires. */
export const MRZ_NO_EXPIRY = '991231';

const MRZ_LINE = /^[A-Z0-9<]{30}$/;
const WHITESPACE = /\s+/;
const TWELVE_DIGITS = /^\d{12}$/;
const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + '<'.repeat(width - s.length);
}

/** The result of laying out a name: the padded field and whether anything was cut. */
export interface MrzName {
  /** Exactly `width` characters of [A-Z<]. */
  field: string;
  truncated: boolean;
}

function compose(primary: readonly string[], secondary: readonly string[]): string {
  const p = primary.join('<');
  return secondary.length === 0 ? p : `${p}<<${secondary.join('<')}`;
}

/**
 * Shortens components from the last one backwards, each down to one character, until `excess` characters
 * are gone. Mutates `components`; returns the excess still left.
 */
function shortenFromEnd(components: string[], excess: number): number {
  for (let i = components.length - 1; i >= 0 && excess > 0; i--) {
    const cut = Math.min(excess, components[i]!.length - 1);
    components[i] = components[i]!.slice(0, components[i]!.length - cut);
    excess -= cut;
  }
  return excess;
}

/**
 * Lays out `fullName` as an MRZ name field of `width` characters (30 for TD1).
 *
 * Truncation, applied only as far as needed, one character at a time (after Doc 9303-3's name truncation:
 * secondary identifiers give way before the primary one, no component disappears while it can keep a
 * letter):
 * 1. secondary identifier components, last component first, each down to its first letter;
 * 2. then primary identifier components (a hyphenated family name has several), last first, each down to
 *    its first letter;
 * 3. only if one letter per component still does not fit (a name of 16 or more components): whole
 *    secondary components are dropped from the end, then primary ones.
 * Steps 1 and 2 remove one character at a time, so a truncated field is exactly full and ends with a
 * letter, which is how Doc 9303 signals possible truncation. Step 3 may leave one filler at the end.
 *
 * Throws a RangeError when the family name (first word) has no letter that can be written in the MRZ.
 */
export function mrzNameField(fullName: string, width: number = MRZ_LINE_LENGTH): MrzName {
  const words = fullName.trim().split(WHITESPACE);
  const primary = toMrzNameComponents(words[0] ?? '');
  if (primary.length === 0) {
    throw new RangeError('the family name (first word of the full name) has no letter that can be written in the MRZ');
  }
  const secondary = words.length > 1 ? toMrzNameComponents(words.slice(1).join(' ')) : [];
  let name = compose(primary, secondary);
  if (name.length <= width) return { field: pad(name, width), truncated: false };

  let excess = shortenFromEnd(secondary, name.length - width);
  excess = shortenFromEnd(primary, excess);
  while (excess > 0 && secondary.length > 0) {
    secondary.pop();
    excess = compose(primary, secondary).length - width;
  }
  while (excess > 0 && primary.length > 1) {
    primary.pop();
    excess = compose(primary, secondary).length - width;
  }
  name = compose(primary, secondary);
  // A single one-letter component always fits; this guard only protects against a width below 1.
  return { field: pad(name.slice(0, width), width), truncated: true };
}

/** `YYYY-MM-DD` -> `YYMMDD`. */
function yymmdd(isoDate: string, what: string): string {
  if (!ISO_DATE_SHAPE.test(isoDate)) throw new RangeError(`${what} must be YYYY-MM-DD`);
  return isoDate.slice(2, 4) + isoDate.slice(5, 7) + isoDate.slice(8, 10);
}

/**
 * The three TD1 lines for `record` on a card of `product` (the product fixes the expiry law). The record
 * must be valid (see validate.ts); throws a RangeError otherwise (bad ID, dates or name).
 */
export function buildMrz(record: CitizenRecord, product: ProductId): [string, string, string] {
  const id = record.personalId;
  if (!TWELVE_DIGITS.test(id)) throw new RangeError('personalId must be exactly 12 digits');
  const expiry = computeExpiry(product, record.dateOfBirth, record.issueDate);
  return buildMrzLines(id, record.dateOfBirth, record.sex, expiry, record.fullName);
}

/**
 * The three TD1 lines from the individual values, for callers that already hold the expiry (null = no
 * expiry).
 */
export function buildMrzLines(
  personalId: string,
  dateOfBirth: string,
  sex: 'M' | 'F',
  expiry: string | null,
  fullName: string,
): [string, string, string] {
  if (!TWELVE_DIGITS.test(personalId)) throw new RangeError('personalId must be exactly 12 digits');
  const documentNumber = personalId.slice(3);
  const line1 =
    'IDVNM' + documentNumber + checkDigit(documentNumber) + personalId + '<<' + checkDigit(personalId);
  const dob = yymmdd(dateOfBirth, 'dateOfBirth');
  const exp = expiry === null ? MRZ_NO_EXPIRY : yymmdd(expiry, 'expiry');
  const line2Start = dob + checkDigit(dob) + sex + exp + checkDigit(exp) + 'VNM' + '<'.repeat(11);
  const line2 = line2Start + checkDigit(compositeInput(line1, line2Start));
  const line3 = mrzNameField(fullName).field;
  return [line1, line2, line3];
}

/** line1[6..30] + line2[1..7] + line2[9..15] + line2[19..29], 1-based (Doc 9303-5 TD1 composite). */
function compositeInput(line1: string, line2: string): string {
  return line1.slice(5, 30) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29);
}

/** The fields of a TD1 MRZ, as read (fillers kept where a field is fixed-width). */
export interface Td1Fields {
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  optionalData1: string;
  /** YYMMDD. */
  dateOfBirth: string;
  sex: string;
  /** YYMMDD; `991231` on Vietnamese cards without expiry. */
  dateOfExpiry: string;
  nationality: string;
  optionalData2: string;
  primaryIdentifier: string;
  secondaryIdentifiers: string[];
}

/** Outcome of {@link checkMrz}. */
export interface MrzCheckResult {
  /** True when there are no errors. */
  valid: boolean;
  /** Each problem, naming line and position (1-based). */
  errors: string[];
  /** Present when the three lines have the right shape, even if check digits fail. */
  fields?: Td1Fields;
}

function checkAt(errors: string[], line: number, pos: number, what: string, value: string, actual: string): void {
  const expected = checkDigit(value);
  if (actual !== expected) {
    errors.push(`line ${line} position ${pos}: ${what} check digit is "${actual}", expected ${expected}`);
  }
}

/**
 * Reads and verifies a TD1 MRZ: three lines of 30 characters [A-Z0-9<], and every check digit (document
 * number, date of birth, expiry, composite). When the issuing state is VNM it also checks the Vietnamese
 * layout: document code ID, optional data 1 = the 12-digit ID + `<<` + its check digit, the document number
 * = the last 9 digits of that ID, nationality VNM, sex M or F. Other TD1 documents (e.g. the ICAO specimen)
 * get the generic checks only.
 */
export function checkMrz(lines: readonly string[]): MrzCheckResult {
  const errors: string[] = [];
  if (lines.length !== 3) {
    return { valid: false, errors: [`a TD1 MRZ has 3 lines, got ${lines.length}`] };
  }
  lines.forEach((line, i) => {
    if (!MRZ_LINE.test(line)) {
      errors.push(
        line.length !== MRZ_LINE_LENGTH
          ? `line ${i + 1}: expected ${MRZ_LINE_LENGTH} characters, got ${line.length}`
          : `line ${i + 1}: only A-Z, 0-9 and < are allowed`,
      );
    }
  });
  if (errors.length > 0) return { valid: false, errors };
  const [l1, l2, l3] = lines as [string, string, string];

  checkAt(errors, 1, 15, 'document number', l1.slice(5, 14), l1[14]!);
  checkAt(errors, 2, 7, 'date of birth', l2.slice(0, 6), l2[6]!);
  checkAt(errors, 2, 15, 'date of expiry', l2.slice(8, 14), l2[14]!);
  checkAt(errors, 2, 30, 'composite', compositeInput(l1, l2), l2[29]!);

  const [primary = '', rest = ''] = splitOnce(l3.replace(/<+$/, ''), '<<');
  const fields: Td1Fields = {
    documentCode: l1.slice(0, 2),
    issuingState: l1.slice(2, 5),
    documentNumber: l1.slice(5, 14),
    optionalData1: l1.slice(15, 30),
    dateOfBirth: l2.slice(0, 6),
    sex: l2[7]!,
    dateOfExpiry: l2.slice(8, 14),
    nationality: l2.slice(15, 18),
    optionalData2: l2.slice(18, 29),
    primaryIdentifier: primary.replace(/</g, ' '),
    secondaryIdentifiers: rest === '' ? [] : rest.split('<').filter((s) => s !== ''),
  };

  if (fields.issuingState === 'VNM') {
    if (fields.documentCode !== 'ID') errors.push(`line 1 positions 1-2: document code is "${fields.documentCode}", expected ID`);
    const id = l1.slice(15, 27);
    if (!TWELVE_DIGITS.test(id) || l1.slice(27, 29) !== '<<') {
      errors.push('line 1 positions 16-29: expected the 12-digit personal ID followed by <<');
    } else {
      checkAt(errors, 1, 30, 'personal ID', id, l1[29]!);
      if (id.slice(3) !== fields.documentNumber) {
        errors.push('line 1 positions 6-14: the document number is not the last 9 digits of the personal ID');
      }
    }
    if (fields.nationality !== 'VNM') errors.push(`line 2 positions 16-18: nationality is "${fields.nationality}", expected VNM`);
    if (fields.sex !== 'M' && fields.sex !== 'F') errors.push(`line 2 position 8: sex is "${fields.sex}", expected M or F`);
  }
  if (fields.primaryIdentifier === '') errors.push('line 3: the primary identifier is empty');
  if (/\d/.test(l3)) errors.push('line 3: a name field holds no digits');
  return { valid: errors.length === 0, errors, fields };
}

function splitOnce(s: string, separator: string): [string, string] {
  const at = s.indexOf(separator);
  return at < 0 ? [s, ''] : [s.slice(0, at), s.slice(at + separator.length)];
}
