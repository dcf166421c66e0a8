/**
 * The raw record as it arrives (JSON, NDJSON or CSV rows): every field optional text. This layer only
 * checks types and lengths and normalises text; the rules between fields live in validate.ts.
 *
 * Per text field: JSON null, a missing key and '' (after trimming) all mean "absent"; anything else must be a
 * string (a JSON number is an error: an ID number written as a number has lost its leading zeros);
 * surrounding whitespace is trimmed; text is NFC-normalised (Vietnamese typed on some systems arrives
 * decomposed, NFD, and would otherwise compare, measure and render differently); control characters
 * (U+0000-U+001F, U+007F) are errors, since no card face can print a line break or a tab.
 *
 * Lengths are counted in UTF-16 code units of the normalised, trimmed text. A value far beyond its limit is
 * rejected before any normalisation, so a 10 MB field costs one comparison.
 */
import { z } from 'zod';
import { RECORD_FIELDS, type RecordField, type RecordIssue } from './record';
import { toNfcWithoutControlChars } from './nfc';

/** Longest allowed value per field, after trimming and NFC. */
export const FIELD_MAX_LENGTH: Readonly<Record<RecordField, number>> = Object.freeze({
  // Fields with a fixed format get a loose cap; their format check gives the better message.
  personalId: 64,
  oldIdNumber: 64,
  dateOfBirth: 64,
  issueDate: 64,
  sex: 64,
  fullName: 100,
  fatherName: 100,
  motherName: 100,
  spouseName: 100,
  nationality: 100,
  ethnicity: 100,
  religion: 100,
  placeOfOrigin: 250,
  placeOfBirthRegistration: 250,
  placeOfResidence: 250,
  identifyingMarks: 250,
  // A data: URI photo; validate.ts holds a path to PHOTO_PATH_MAX_LENGTH.
  photo: 2_000_000,
});

/** Longest photo value when it is a relative path rather than a data: URI. */
export const PHOTO_PATH_MAX_LENGTH = 500;

/**
 * Decomposed Vietnamese takes at most three code units per letter (base, vowel mark, tone mark), so a raw
 * value longer than three times the limit cannot fit after NFC: reject it unseen.
 */
const RAW_LENGTH_FACTOR = 3;

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  const t = typeof value;
  if (t === 'number') return 'a number (put it in quotes: as a number an ID loses its leading zeros)';
  return t === 'object' ? 'an object' : t === 'boolean' ? 'a boolean' : t;
}

function lengthMessage(length: number, limit: number): string {
  return `is ${length} characters long; the limit is ${limit}`;
}

/**
 * One optional text field: type, length, trim, NFC, control characters; '' (after trimming) means absent.
 * Written as a single zod check that rewrites the value in place rather than a `.transform()`: a transform
 * makes zod build a pipe per field, which cost three quarters of validation time at 17 fields a record.
 */
function textField(limit: number, normalize: boolean) {
  const rawLimit = limit * RAW_LENGTH_FACTOR;
  return z
    .string({ error: (iss) => `must be text, got ${describeType(iss.input)}` })
    .check((ctx) => {
      const value = ctx.value;
      if (value.length > rawLimit) {
        ctx.issues.push({ code: 'custom', message: lengthMessage(value.length, limit), input: value });
        return;
      }
      const trimmed = value.trim();
      if (trimmed === '') {
        ctx.value = '';
        return;
      }
      const text = normalize ? toNfcWithoutControlChars(trimmed) : trimmed;
      if (typeof text === 'number') {
        const at = value.length - value.trimStart().length + text;
        const code = value.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
        ctx.issues.push({
          code: 'custom',
          message: `contains a control character (U+${code}) at position ${at + 1}`,
          input: value,
        });
        return;
      }
      if (text.length > limit) {
        ctx.issues.push({ code: 'custom', message: lengthMessage(text.length, limit), input: value });
        return;
      }
      ctx.value = text;
    })
    .nullish();
}

function buildShape() {
  const shape = {} as Record<RecordField, ReturnType<typeof textField>>;
  // The photo is base64 or a path: NFC would only cost time on up to 2 MB of ASCII.
  for (const field of RECORD_FIELDS) shape[field] = textField(FIELD_MAX_LENGTH[field], field !== 'photo');
  return shape;
}

/**
 * The zod schema of a raw record: an object whose known fields are optional text (see the module comment).
 * Unknown keys are stripped; {@link parseRawRecord} reports them.
 */
export const rawRecordSchema = z.object(buildShape());

/**
 * A raw record after the schema: present fields normalised. A field is absent when it is undefined, null or ''
 * (JSON null passes the schema as null and blank text as ''; copying the object to drop them cost more than the
 * checks).
 */
export type RawRecordFields = Readonly<Partial<Record<RecordField, string | null>>>;

/** The schema's verdict on one raw record. */
export interface RawRecordParse {
  /** Every field that passed, present and normalised; fields with errors are left out. */
  fields: RawRecordFields;
  errors: RecordIssue[];
  warnings: RecordIssue[];
}

const KNOWN_FIELDS: ReadonlySet<string> = new Set(RECORD_FIELDS);
const UNKNOWN_KEYS_LISTED = 5;

function unknownKeysWarning(raw: object, row: number): RecordIssue | null {
  let unknown: string[] | null = null;
  let count = 0;
  for (const key in raw) {
    if (!Object.prototype.hasOwnProperty.call(raw, key) || KNOWN_FIELDS.has(key)) continue;
    count++;
    if (count <= UNKNOWN_KEYS_LISTED) (unknown ??= []).push(JSON.stringify(key.slice(0, 40)));
  }
  if (unknown === null) return null;
  const more = count > UNKNOWN_KEYS_LISTED ? ` and ${count - UNKNOWN_KEYS_LISTED} more` : '';
  return {
    row,
    field: 'record',
    message: `unknown field${count === 1 ? '' : 's'} ignored: ${unknown.join(', ')}${more}`,
  };
}

/**
 * Runs the schema over one raw record (`row` is its 1-based number in its file). Collects every field's
 * error, not the first; unknown keys give one warning listing them.
 */
export function parseRawRecord(raw: unknown, row: number): RawRecordParse {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      fields: {},
      errors: [{ row, field: 'record', message: `must be an object of named fields, got ${describeType(raw)}` }],
      warnings: [],
    };
  }
  const warnings: RecordIssue[] = [];
  const unknown = unknownKeysWarning(raw, row);
  if (unknown !== null) warnings.push(unknown);

  const first = rawRecordSchema.safeParse(raw);
  if (first.success) return { fields: first.data, errors: [], warnings };

  // zod returns no data on failure: drop the failing fields and parse again to keep the good ones, so the
  // cross-field rules can still run and report everything in one pass. Fields are independent, so the
  // second parse succeeds.
  const errors: RecordIssue[] = [];
  const failed = new Set<string>();
  for (const issue of first.error.issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'record';
    if (failed.has(field)) continue;
    failed.add(field);
    errors.push({ row, field, message: issue.message });
  }
  const rest: Record<string, unknown> = {};
  for (const field of RECORD_FIELDS) {
    if (!failed.has(field)) rest[field] = (raw as Record<string, unknown>)[field];
  }
  const second = rawRecordSchema.safeParse(rest);
  return { fields: second.success ? second.data : {}, errors, warnings };
}
