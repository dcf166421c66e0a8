/**
 * DG13, the Vietnamese "optional details" data group of the CCCD / Căn cước chip (ICAO 9303-10 section 4.7.13
 * leaves DG13's content to the issuing state). Layout: `6D L` followed by one `SEQUENCE { INTEGER n, value }`
 * per field:
 *
 * | n  | field                       | value type                                   |
 * |----|-----------------------------|----------------------------------------------|
 * | 1  | personal ID (12 digits)     | PrintableString                              |
 * | 2  | full name                   | UTF8String                                   |
 * | 3  | date of birth               | PrintableString dd/mm/yyyy                   |
 * | 4  | sex                         | UTF8String "Nam" / "Nữ"                      |
 * | 5  | nationality                 | UTF8String                                   |
 * | 6  | ethnicity                   | UTF8String                                   |
 * | 7  | religion                    | UTF8String                                   |
 * | 8  | place of origin             | UTF8String                                   |
 * | 9  | place of residence          | UTF8String                                   |
 * | 10 | identifying marks           | UTF8String                                   |
 * | 11 | issue date                  | PrintableString dd/mm/yyyy                   |
 * | 12 | expiry                      | UTF8String dd/mm/yyyy or "Không thời hạn"     |
 * | 13 | father, mother              | SEQUENCE { UTF8String, UTF8String }          |
 * | 14 | spouse                      | SEQUENCE { } when none, SEQUENCE { UTF8String } |
 * | 15 | old 9-digit CMND number     | PrintableString                              |
 *
 * Decisions (see LDS.md): every field 1-15 is always written, in order, so the layout is fixed; an absent
 * optional text field is an empty string of its type, an unknown parent an empty UTF8String, no spouse an
 * empty SEQUENCE. Field 16 (disputed) is not written; the parser ignores fields above 15.
 */
import type { CitizenRecord } from '../record';
import type { ProductId } from '../products';
import { computeExpiry, NO_EXPIRY_TEXT } from '../expiry';
import { parseIsoDate } from '../calendar';
import { dataGroupFile } from './lds-files';
import { LdsFormatError } from './lds-error';
import {
  DER_TAG,
  decodeSmallInteger,
  decodeString,
  derInteger,
  derPrintableString,
  derSequence,
  derUtf8String,
  expectTag,
} from './der';
import { children, encodeTlv, readSingleTlv, tagHex, type Tlv } from './tlv';

const TAG_DG13 = dataGroupFile(13).tag;
const FILE = 'DG13';
const SEX_TEXT = { M: 'Nam', F: 'Nữ' } as const;
/** The highest field number cardline writes and reads (field 16 is disputed, see the module comment). */
export const DG13_LAST_FIELD = 15;

/**
 * DG13's content in record terms: ISO dates, `sex` M/F, `dateOfExpiry` null for "Không thời hạn". Optional
 * fields are absent, never empty strings, so that a parsed DG13 compares equal to {@link dg13FromRecord}.
 */
export interface Dg13Data {
  personalId: string;
  fullName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  sex: 'M' | 'F';
  nationality: string;
  ethnicity?: string;
  religion?: string;
  placeOfOrigin?: string;
  placeOfResidence?: string;
  identifyingMarks?: string;
  /** YYYY-MM-DD. */
  issueDate: string;
  /** YYYY-MM-DD, or null when the card never expires. */
  dateOfExpiry: string | null;
  fatherName?: string;
  motherName?: string;
  spouseName?: string;
  oldIdNumber?: string;
}

/**
 * The DG13 content for `record` on a card of `product` (the product's law fixes the expiry). The record's
 * place of birth registration and photo have no DG13 field and are not carried. Throws a RangeError when
 * the record's dates are invalid.
 */
export function dg13FromRecord(record: CitizenRecord, product: ProductId): Dg13Data {
  const data: Dg13Data = {
    personalId: record.personalId,
    fullName: record.fullName,
    dateOfBirth: record.dateOfBirth,
    sex: record.sex,
    nationality: record.nationality,
    issueDate: record.issueDate,
    dateOfExpiry: computeExpiry(product, record.dateOfBirth, record.issueDate),
  };
  const optional = [
    'ethnicity',
    'religion',
    'placeOfOrigin',
    'placeOfResidence',
    'identifyingMarks',
    'fatherName',
    'motherName',
    'spouseName',
    'oldIdNumber',
  ] as const;
  for (const key of optional) {
    const v = record[key];
    if (v !== undefined && v !== '') data[key] = v;
  }
  return data;
}

/** `YYYY-MM-DD` -> `dd/mm/yyyy`; throws a RangeError when the date is not real. */
function toDmy(iso: string, what: string): string {
  if (parseIsoDate(iso) === null) throw new RangeError(`DG13: ${what} "${iso}" is not a YYYY-MM-DD date`);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function field(n: number, value: Uint8Array): Uint8Array {
  return derSequence([derInteger(n), value]);
}

/** Builds DG13 from `data`. Throws a RangeError when a mandatory field is empty or a date is invalid. */
export function buildDg13(data: Dg13Data): Uint8Array {
  for (const key of ['personalId', 'fullName', 'nationality'] as const) {
    if (data[key] === '') throw new RangeError(`DG13: ${key} is mandatory`);
  }
  const text = (s: string | undefined) => derUtf8String(s ?? '');
  const spouse = data.spouseName === undefined ? [] : [derUtf8String(data.spouseName)];
  return encodeTlv(TAG_DG13, [
    field(1, derPrintableString(data.personalId)),
    field(2, derUtf8String(data.fullName)),
    field(3, derPrintableString(toDmy(data.dateOfBirth, 'dateOfBirth'))),
    field(4, derUtf8String(SEX_TEXT[data.sex])),
    field(5, derUtf8String(data.nationality)),
    field(6, text(data.ethnicity)),
    field(7, text(data.religion)),
    field(8, text(data.placeOfOrigin)),
    field(9, text(data.placeOfResidence)),
    field(10, text(data.identifyingMarks)),
    field(11, derPrintableString(toDmy(data.issueDate, 'issueDate'))),
    field(12, derUtf8String(data.dateOfExpiry === null ? NO_EXPIRY_TEXT : toDmy(data.dateOfExpiry, 'dateOfExpiry'))),
    field(13, derSequence([text(data.fatherName), text(data.motherName)])),
    field(14, derSequence(spouse)),
    field(15, derPrintableString(data.oldIdNumber ?? '')),
  ]);
}

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function fromDmy(t: Tlv, path: string, s: string): string {
  const m = DMY.exec(s);
  const iso = m === null ? '' : `${m[3]}-${m[2]}-${m[1]}`;
  if (parseIsoDate(iso) === null) throw new LdsFormatError(FILE, path, `"${s}" is not a dd/mm/yyyy date`, t.valueOffset);
  return iso;
}

/**
 * Parses DG13 back into record terms. Fields may come in any order; a field present twice, a value of the
 * wrong ASN.1 type, a bad date or a missing mandatory field (1, 2, 3, 4, 5, 11, 12) is an
 * {@link LdsFormatError}. Empty optional values and absent fields both come back as absent.
 */
export function parseDg13(bytes: Uint8Array): Dg13Data {
  const outer = readSingleTlv(bytes);
  if (outer.tag !== TAG_DG13) throw new LdsFormatError(FILE, 'outer tag', `expected 6D, found ${tagHex(outer.tag)}`, 0);
  const values = new Map<number, Tlv>();
  for (const seq of children(outer)) {
    expectTag(seq, DER_TAG.SEQUENCE, FILE, 'field');
    const parts = children(seq);
    if (parts.length !== 2) {
      throw new LdsFormatError(FILE, 'field', `expected SEQUENCE { INTEGER, value }, found ${parts.length} elements`, seq.offset);
    }
    const n = decodeSmallInteger(parts[0]!, FILE, 'field number', 1, 0x7fffffff);
    if (values.has(n)) throw new LdsFormatError(FILE, `field ${n}`, 'appears twice', seq.offset);
    values.set(n, parts[1]!);
  }
  const get = (n: number): Tlv | undefined => values.get(n);
  const required = (n: number): Tlv => {
    const t = get(n);
    if (t === undefined) throw new LdsFormatError(FILE, `field ${n}`, 'mandatory field missing', outer.offset);
    return t;
  };
  const str = (n: number, tag: number, t: Tlv) => decodeString(t, tag, FILE, `field ${n}`);
  const requiredText = (n: number, tag: number): string => {
    const s = str(n, tag, required(n));
    if (s === '') throw new LdsFormatError(FILE, `field ${n}`, 'mandatory field is empty', required(n).offset);
    return s;
  };
  const optionalText = (n: number, tag: number = DER_TAG.UTF8_STRING): string | undefined => {
    const t = get(n);
    if (t === undefined) return undefined;
    const s = str(n, tag, t);
    return s === '' ? undefined : s;
  };

  const sexText = requiredText(4, DER_TAG.UTF8_STRING);
  const sex = sexText === SEX_TEXT.M ? 'M' : sexText === SEX_TEXT.F ? 'F' : undefined;
  if (sex === undefined) throw new LdsFormatError(FILE, 'field 4', `sex is "${sexText}", expected Nam or Nữ`, required(4).offset);
  const expiryText = requiredText(12, DER_TAG.UTF8_STRING);

  const data: Dg13Data = {
    personalId: requiredText(1, DER_TAG.PRINTABLE_STRING),
    fullName: requiredText(2, DER_TAG.UTF8_STRING),
    dateOfBirth: fromDmy(required(3), 'field 3', requiredText(3, DER_TAG.PRINTABLE_STRING)),
    sex,
    nationality: requiredText(5, DER_TAG.UTF8_STRING),
    issueDate: fromDmy(required(11), 'field 11', requiredText(11, DER_TAG.PRINTABLE_STRING)),
    dateOfExpiry: expiryText === NO_EXPIRY_TEXT ? null : fromDmy(required(12), 'field 12', expiryText),
  };
  const assign = (key: keyof Dg13Data, v: string | undefined) => {
    if (v !== undefined) (data as unknown as Record<string, string>)[key] = v;
  };
  assign('ethnicity', optionalText(6));
  assign('religion', optionalText(7));
  assign('placeOfOrigin', optionalText(8));
  assign('placeOfResidence', optionalText(9));
  assign('identifyingMarks', optionalText(10));

  const parents = get(13);
  if (parents !== undefined) {
    expectTag(parents, DER_TAG.SEQUENCE, FILE, 'field 13');
    const names = children(parents);
    if (names.length !== 2) {
      throw new LdsFormatError(FILE, 'field 13', `expected father and mother, found ${names.length} names`, parents.offset);
    }
    const [father, mother] = names.map((t, i) => decodeString(t, DER_TAG.UTF8_STRING, FILE, `field 13 name ${i + 1}`));
    assign('fatherName', father === '' ? undefined : father);
    assign('motherName', mother === '' ? undefined : mother);
  }
  const spouse = get(14);
  if (spouse !== undefined) {
    expectTag(spouse, DER_TAG.SEQUENCE, FILE, 'field 14');
    const names = children(spouse);
    if (names.length > 1) throw new LdsFormatError(FILE, 'field 14', `expected at most one name, found ${names.length}`, spouse.offset);
    const name = names.length === 1 ? decodeString(names[0]!, DER_TAG.UTF8_STRING, FILE, 'field 14 name') : '';
    assign('spouseName', name === '' ? undefined : name);
  }
  assign('oldIdNumber', optionalText(15, DER_TAG.PRINTABLE_STRING));
  return data;
}
