/**
 * The record a station command works on: `chip personalize` and `chip verify` take a file holding one
 * record (or use its first). Problems with it are operator errors (exit 1) in the `row N, field: reason` form.
 */
import { InputError } from '../cli-errors';
import type { ValidRecord } from '../../controller/import';
import { formatIssue, processRecordFile } from '../record-file';

/** The first record of `file`, validated. Throws an InputError listing its problems when it is invalid. */
export async function firstRecordOf(file: string): Promise<ValidRecord & { recordsInFile: number }> {
  let first: ValidRecord | undefined;
  const summary = await processRecordFile(file, {
    onValid: (r) => {
      if (first === undefined) first = r;
    },
  });
  const total = summary.valid + summary.invalid;
  const fileErrors = summary.errors.filter((e) => e.row === 0);
  if (fileErrors.length > 0 && first === undefined) throw new InputError(fileErrors.map((e) => formatIssue(file, e)).join('\n'));
  if (first === undefined || first.row !== 1) {
    const rowOne = summary.errors.filter((e) => e.row === 1);
    if (rowOne.length > 0) throw new InputError(rowOne.map((e) => formatIssue(file, e)).join('\n'));
    if (first === undefined) throw new InputError(`${file}: holds no record`);
  }
  return { ...first, recordsInFile: total };
}

/** A personal ID as logs and station output show it (DESIGN.md principle 7): province code and last two digits. */
export function maskPersonalId(id: string): string {
  return id.length <= 5 ? '*'.repeat(id.length) : `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`;
}
