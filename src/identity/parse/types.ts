import type { RecordIssue } from '../record';

/** The record file formats cardline reads (DESIGN.md, "Contracts": JSON, NDJSON or CSV). */
export const RECORD_FORMATS = ['json', 'ndjson', 'csv'] as const;

/** One of {@link RECORD_FORMATS}. */
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/**
 * One record as the parser saw it: either the raw field values, still unvalidated (the validator decides
 * what they mean), or the reason the record could not be read. `row` is the 1-based record number in its
 * file; 0 stands for the file as a whole (an empty file, a bad CSV header, a JSON top level that is not an
 * array or object, ...). See index.ts for how each format numbers its rows.
 */
export type ParsedRow = { row: number; value: Record<string, unknown> } | { row: number; error: RecordIssue };

/**
 * An incremental parser for one file. Feed it the file's bytes in chunks of any size with {@link push}, then
 * call {@link end} once. Each call returns the rows completed by that call, in file order. Neither method
 * throws on bad input: every problem comes back as a row with an `error`.
 */
export interface RecordParser {
  /** Consumes the next bytes of the file. The parser does not keep a reference to `chunk` after it returns. */
  push(chunk: Uint8Array): ParsedRow[];
  /** Signals the end of the file and returns whatever the last bytes completed. */
  end(): ParsedRow[];
}

/** Tuning for {@link RecordParser}s. */
export interface RecordParserOptions {
  /**
   * Largest record, in bytes, that the parser buffers. A bigger record is reported as an error and skipped
   * without being held in memory. Default {@link DEFAULT_MAX_RECORD_BYTES}.
   */
  maxRecordBytes?: number;
}

/**
 * 16 MiB. A record with an embedded photo as a data: URI is a few hundred kilobytes at most; anything near
 * this size is a broken file (a quote that never closes, a missing line break), and holding it whole would
 * defeat the parser's bounded memory.
 */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
