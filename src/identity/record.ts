/**
 * A citizen's application record as exported from the population database (DESIGN.md, "Contracts").
 * Dates are ISO `YYYY-MM-DD`; text is NFC-normalised by the schema. Optional fields are absent, never empty
 * strings, once a record has been validated.
 */
export interface CitizenRecord {
  /** 12-digit personal identification number (số định danh cá nhân). */
  personalId: string;
  /** Full name with diacritics, family name first. */
  fullName: string;
  dateOfBirth: string;
  sex: 'M' | 'F';
  /** Defaults to "Việt Nam". */
  nationality: string;
  ethnicity?: string;
  religion?: string;
  /** Quê quán (printed on the 2021 card only). */
  placeOfOrigin?: string;
  /** Nơi đăng ký khai sinh (printed on the 2024 card). */
  placeOfBirthRegistration?: string;
  /** Nơi thường trú / Nơi cư trú. */
  placeOfResidence?: string;
  identifyingMarks?: string;
  issueDate: string;
  /** The old 9-digit CMND number, when the holder had one. */
  oldIdNumber?: string;
  fatherName?: string;
  motherName?: string;
  spouseName?: string;
  /** Path relative to the file the record came from, or a `data:` URI. */
  photo?: string;
}

/** Column names of the record contract, in the order CSV files and exports use. */
export const RECORD_FIELDS = [
  'personalId',
  'fullName',
  'dateOfBirth',
  'sex',
  'nationality',
  'ethnicity',
  'religion',
  'placeOfOrigin',
  'placeOfBirthRegistration',
  'placeOfResidence',
  'identifyingMarks',
  'issueDate',
  'oldIdNumber',
  'fatherName',
  'motherName',
  'spouseName',
  'photo',
] as const satisfies readonly (keyof CitizenRecord)[];

/** Name of one record field. */
export type RecordField = (typeof RECORD_FIELDS)[number];

/** One problem found in one record: `row` is the 1-based record number in its file. */
export interface RecordIssue {
  row: number;
  /** The field at fault, or `"record"` when the problem concerns the record as a whole (e.g. unparseable). */
  field: string;
  message: string;
}
