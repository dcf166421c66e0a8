import { RECORD_FIELDS, type CitizenRecord } from './record';

/** Quotes one CSV cell per RFC 4180 when it holds a comma, quote, CR or LF. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV header row of the record contract (column names in contract order), with CRLF. */
export function recordCsvHeader(): string {
  return RECORD_FIELDS.join(',') + '\r\n';
}

/** One record as a CSV data row in contract column order; absent fields are empty cells. */
export function recordToCsvRow(record: CitizenRecord): string {
  return RECORD_FIELDS.map((f) => csvCell(record[f] ?? '')).join(',') + '\r\n';
}
