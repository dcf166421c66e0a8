import { dirname } from 'node:path';
import type { ProductId } from '../../identity/products';
import type { CitizenRecord, RecordIssue } from '../../identity/record';
import { validateRecord } from '../../identity/validate';
import { parseIsoDate } from '../../identity/calendar';
import { checkPhoto } from './photo';
import { FirstRowIndex } from './first-row-index';
import { readRecordBatches, type ReadRecordFileOptions } from './read-record-file';

/** A record that passed every check, as handed to {@link ValidateFileOptions.onValid}. */
export interface ValidRecord {
  /** 1-based record number in the file. */
  row: number;
  /** The clean record (trimmed, NFC, absent fields left out, nationality defaulted). */
  record: CitizenRecord;
  product: ProductId;
  /** YYYY-MM-DD, or null when the card never expires. */
  expiryDate: string | null;
  warnings: RecordIssue[];
}

/** The outcome of {@link validateFile}: exactly what `cardline validate --json` prints. */
export interface FileValidationSummary {
  /** Records that passed. */
  valid: number;
  /** Records (rows >= 1) with at least one error from the parser, the validator or the photo check. */
  invalid: number;
  warnings: RecordIssue[];
  /** Every error; file-level ones have row 0 and do not count as invalid records. */
  errors: RecordIssue[];
}

/** Options of {@link validateFile}. */
export interface ValidateFileOptions extends ReadRecordFileOptions {
  /** Validate every record for this product; by default each record's issue date picks it. */
  product?: ProductId;
  /** Today, YYYY-MM-DD: no date of a record may be later. */
  today: string;
  /**
   * Called for each valid record, in file order. Records are not kept: this is how to use them. When it returns a
   * promise, reading waits for it, so a slow consumer paces the file instead of queueing it in memory.
   */
  onValid?: (record: ValidRecord) => void | Promise<void>;
  /**
   * Most errors, and most warnings, listed in the summary (default {@link DEFAULT_MAX_LISTED_ISSUES}); the
   * counts stay exact and a last row-0 entry says how many were left out. Bounds memory on a file where
   * every one of a million rows has the same problem.
   */
  maxListedIssues?: number;
  /** Check that photo files exist and are JPEGs (default true). */
  checkPhotoFiles?: boolean;
}

/** Default for {@link ValidateFileOptions.maxListedIssues}. */
export const DEFAULT_MAX_LISTED_ISSUES = 10_000;

/** A list that keeps the first `limit` issues and counts the rest. */
class IssueList {
  readonly items: RecordIssue[] = [];
  private omitted = 0;

  constructor(
    private readonly limit: number,
    private readonly noun: string,
  ) {}

  add(issues: readonly RecordIssue[]): void {
    for (const issue of issues) {
      if (this.items.length < this.limit) this.items.push(issue);
      else this.omitted++;
    }
  }

  finish(): RecordIssue[] {
    if (this.omitted > 0) {
      this.items.push({
        row: 0,
        field: 'file',
        message: `${this.omitted} more ${this.noun} not listed (the list stops at ${this.limit})`,
      });
    }
    return this.items;
  }
}

/**
 * Parses and validates a record file as it streams, without keeping the records: the parser's errors, the
 * validator's errors and warnings (identity/validate.ts), and a check of each photo: a path (relative to
 * the file's folder) must name an existing JPEG file, a data: URI must hold a JPEG. Valid records go to
 * `onValid` in file order. Never throws for bad input; throws a RangeError for bad options (`today`).
 */
export async function validateFile(path: string, opts: ValidateFileOptions): Promise<FileValidationSummary> {
  // Fail on a bad `today` even when the file holds no record to validate.
  if (parseIsoDate(opts.today) === null) {
    throw new RangeError(`opts.today must be a real calendar date YYYY-MM-DD, got "${opts.today}"`);
  }
  const baseDir = dirname(path);
  const checkFiles = opts.checkPhotoFiles ?? true;
  const limit = opts.maxListedIssues ?? DEFAULT_MAX_LISTED_ISSUES;
  const errors = new IssueList(limit, 'errors');
  const warnings = new IssueList(limit, 'warnings');
  const validateOpts = { today: opts.today, ...(opts.product === undefined ? {} : { product: opts.product }) };
  let valid = 0;
  let invalid = 0;
  // First row of each personal ID seen: one record must never become two cards.
  const firstRows = new FirstRowIndex();

  for await (const batch of readRecordBatches(path, opts)) {
    for (const parsed of batch) {
      if ('error' in parsed) {
        errors.add([parsed.error]);
        if (parsed.row > 0) invalid++;
        continue;
      }
      const result = validateRecord(parsed.value, parsed.row, validateOpts);
      warnings.add(result.warnings);
      if (!result.ok) {
        errors.add(result.errors);
        invalid++;
        continue;
      }
      const photo = result.record.photo;
      const skip = photo === undefined || (!checkFiles && !photo.startsWith('data:'));
      const problem = skip ? null : checkPhoto(photo, baseDir);
      if (problem !== null) {
        errors.add([{ row: parsed.row, field: 'photo', message: problem }]);
        invalid++;
        continue;
      }
      const earlier = firstRows.firstRow(Number(result.record.personalId), parsed.row);
      if (earlier !== undefined) {
        errors.add([{ row: parsed.row, field: 'personalId', message: `the same personal ID as row ${earlier}: one record per person` }]);
        invalid++;
        continue;
      }
      valid++;
      const pending = opts.onValid?.({
        row: parsed.row,
        record: result.record,
        product: result.product,
        expiryDate: result.expiryDate,
        warnings: result.warnings,
      });
      if (pending !== undefined) await pending;
    }
  }
  return { valid, invalid, warnings: warnings.finish(), errors: errors.finish() };
}
