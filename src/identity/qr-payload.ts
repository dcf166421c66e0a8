/**
 * The text of the card's QR code: fields joined by `|`, no labels, no checksum (the QR is unsigned;
 * authenticity comes from the chip).
 *
 * Fields 1-7, both products:
 *   1 personal ID (12 digits) | 2 old 9-digit CMND number or empty | 3 full name with diacritics |
 *   4 date of birth ddmmyyyy | 5 sex "Nam" or "Nữ" | 6 place of residence | 7 issue date ddmmyyyy
 *
 * `vn-cancuoc-2024` adds four (public samples carry 11 fields, the extra ones empty for adults; Circular
 * 16/2024 names the data, parents and a cancelled number, but no public source fixes their order, so this
 * order is cardline's decision):
 *   8 father's name | 9 mother's name (both only when the holder is under 14 on the issue date, else empty) |
 *   10 the cancelled previous 12-digit number (no record field carries it yet: always empty) |
 *   11 reserved, always empty
 *
 * A `|` inside a value would shift every later field. It is not escaped (readers of real cards split on
 * `|` and know no escape): validation rejects it in {@link QR_TEXT_FIELDS}, and this builder throws.
 */
import type { CitizenRecord, RecordField } from './record';
import type { ProductId } from './products';
import { ageOn, requireIsoDate } from './calendar';

/** The field separator. */
export const QR_FIELD_SEPARATOR = '|';

/** Number of `|`-separated fields per product. */
export const QR_FIELD_COUNT: Readonly<Record<ProductId, number>> = Object.freeze({
  'vn-cccd-2021': 7,
  'vn-cancuoc-2024': 11,
});

/** Holders younger than this on the issue date get their parents' names in fields 8-9 (2024 card). */
export const QR_PARENTS_BELOW_AGE = 14;

/** Record fields whose text goes into the QR payload of some product: none of them may contain `|`. */
export const QR_TEXT_FIELDS: readonly RecordField[] = Object.freeze([
  'personalId',
  'oldIdNumber',
  'fullName',
  'placeOfResidence',
  'fatherName',
  'motherName',
] as const);

function ddmmyyyy(isoDate: string, what: string): string {
  const date = requireIsoDate(isoDate, what);
  return String(date.d).padStart(2, '0') + String(date.m).padStart(2, '0') + String(date.y).padStart(4, '0');
}

/**
 * The QR payload for `record` on a card of `product`. The record must be valid (validate.ts); throws a
 * RangeError naming the field when a value contains `|` or a date is not a real date.
 */
export function buildQrPayload(record: CitizenRecord, product: ProductId): string {
  for (const field of QR_TEXT_FIELDS) {
    const value = record[field];
    if (value !== undefined && value.includes(QR_FIELD_SEPARATOR)) {
      throw new RangeError(`${field} contains "|", the QR field separator`);
    }
  }
  const fields = [
    record.personalId,
    record.oldIdNumber ?? '',
    record.fullName,
    ddmmyyyy(record.dateOfBirth, 'dateOfBirth'),
    record.sex === 'F' ? 'Nữ' : 'Nam',
    record.placeOfResidence ?? '',
    ddmmyyyy(record.issueDate, 'issueDate'),
  ];
  if (product === 'vn-cancuoc-2024') {
    const child =
      ageOn(requireIsoDate(record.dateOfBirth, 'dateOfBirth'), requireIsoDate(record.issueDate, 'issueDate')) <
      QR_PARENTS_BELOW_AGE;
    fields.push(child ? (record.fatherName ?? '') : '', child ? (record.motherName ?? '') : '', '', '');
  }
  return fields.join(QR_FIELD_SEPARATOR);
}

/**
 * Splits a QR payload into its fields and checks the count for `product`; throws a RangeError when the count
 * is wrong. For the QC station, which compares what it scanned with what was printed.
 */
export function splitQrPayload(payload: string, product: ProductId): string[] {
  const fields = payload.split(QR_FIELD_SEPARATOR);
  if (fields.length !== QR_FIELD_COUNT[product]) {
    throw new RangeError(
      `a ${product} QR payload has ${QR_FIELD_COUNT[product]} fields, this one has ${fields.length}`,
    );
  }
  return fields;
}
