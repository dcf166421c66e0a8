import { stat } from 'node:fs/promises';
import { InputError } from './cli-errors';
import type { FileValidationSummary, ValidRecord } from '../controller/import';
import type { RecordIssue } from '../identity/record';
import type { ProductId } from '../identity/products';
import { todayIso } from './today';

/** Options shared by the commands that read a record file. */
export interface RecordFileOptions {
  product?: ProductId;
  /** Handles each valid record in file order; the file is read no faster than this settles. */
  onValid?: (record: ValidRecord) => void | Promise<void>;
}

/**
 * Streams a record file through validation for a command. A missing or unreadable file is an InputError (exit 1)
 * with the path; record-level problems come back in the summary for the command to print.
 */
export async function processRecordFile(file: string, opts: RecordFileOptions): Promise<FileValidationSummary> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new InputError(`${file}: not a regular file`);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  // Loaded on use: the validator (zod and the rules) is not needed to print help or run device commands.
  const { validateFile } = await import('../controller/import');
  return validateFile(file, { product: opts.product, today: todayIso(), onValid: opts.onValid });
}

/** One issue as a human-readable line: `row 3, dateOfBirth: not a real date` (row 0: the file as a whole). */
export function formatIssue(file: string, issue: RecordIssue): string {
  return issue.row === 0 ? `${file}: ${issue.message}` : `${file}: row ${issue.row}, ${issue.field}: ${issue.message}`;
}

/**
 * Prints a summary's errors and warnings to stderr, one per line, and sets exit code 1 when any record or the file
 * itself was bad: the contract is that good records are still processed and the bad ones reported.
 */
export function reportIssues(file: string, summary: FileValidationSummary, opts: { warnings?: boolean } = {}): void {
  for (const e of summary.errors) process.stderr.write(`error: ${formatIssue(file, e)}\n`);
  if (opts.warnings !== false) for (const w of summary.warnings) process.stderr.write(`warning: ${formatIssue(file, w)}\n`);
  if (summary.invalid > 0 || summary.errors.length > 0) process.exitCode = 1;
}
