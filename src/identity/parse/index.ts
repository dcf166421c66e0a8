/**
 * Streaming parsers for record files (JSON, NDJSON, CSV): bytes in, raw record objects or per-record errors
 * out. Pure: no I/O; the caller reads the file and pushes chunks of any size (src/controller/import does it
 * with 64 KiB chunks). Memory is bounded by the largest record (and at most `maxRecordBytes`, 16 MiB by
 * default), never by the file.
 *
 * ## Row numbers
 * `row` is the 1-based number of the record in its file, the same number the validator and every report
 * use. Row 0 means the file as a whole (field "file", or "header" for a CSV header).
 * - JSON: the index of the element in the top-level array, from 1; a single top-level object is row 1.
 *   Stray commas are file-level errors and do not take a row number.
 * - NDJSON: the count of non-blank lines; blank (whitespace-only) lines are skipped and not counted.
 * - CSV: the data record number, header excluded; blank lines are skipped and not counted; a record whose
 *   quoted field spans lines is one row.
 * Parse errors also name the physical line, which differs from the row when there are blank lines,
 * multi-line records or a header.
 *
 * ## Errors and recovery
 * Nothing throws on bad input: each problem is a row with an `error` {row, field, message}, and parsing
 * goes on with the next record so the good records of a damaged file still come through. Messages name
 * positions, never record content (personal data stays out of reports).
 * - Empty file (0 bytes, or only whitespace and a BOM): one error, row 0, field "file", "file is empty".
 * - A UTF-8 BOM at the start is skipped; LF and CRLF line ends are both accepted.
 * - Invalid UTF-8: an error for that record (NDJSON/JSON: the field when it can be told, else "record";
 *   CSV: the column), giving the byte offset of the first bad byte in the line/record.
 * - Records over the size limit: an error stating the size and the limit; the record is skipped without
 *   being held in memory.
 * - NDJSON: a line that is not JSON gets the JSON syntax error; JSON that is not an object gets "expected a
 *   JSON object".
 * - JSON: see json-parser.ts for how malformed elements are resynchronised; a top level that is not an
 *   array or object is one file-level error.
 * - CSV: see csv-parser.ts for quoting errors, header errors and the unbalanced-quote recovery (the row
 *   where a broken multi-line record started is reported, and reading resumes at the next physical line).
 */
export { createRecordParser } from './create-record-parser';
export { detectFormat } from './detect-format';
export {
  DEFAULT_MAX_RECORD_BYTES,
  RECORD_FORMATS,
  type ParsedRow,
  type RecordFormat,
  type RecordParser,
  type RecordParserOptions,
} from './types';
