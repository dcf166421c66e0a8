import type { Command } from 'commander';
import { parseProduct } from '../options';
import { processRecordFile, reportIssues } from '../record-file';
import type { ProductId } from '../../identity/products';

/** `cardline validate`: checks every record of a file against the schema, the ID rules and the law. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('validate a record file (JSON array, NDJSON or CSV); exit 1 when any record is invalid')
    .argument('<file>', 'record file')
    .option('--product <product>', 'validate every record for this product (default: by issue date)', parseProduct)
    .option('--json', 'print {"valid", "invalid", "warnings", "errors"} as JSON')
    .action(async (file: string, opts: { product?: ProductId; json?: boolean }) => {
      const summary = await processRecordFile(file, { product: opts.product });
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        if (summary.invalid > 0 || summary.errors.length > 0) process.exitCode = 1;
        return;
      }
      reportIssues(file, summary);
      process.stdout.write(
        `${file}: ${summary.valid} valid, ${summary.invalid} invalid, ${summary.warnings.length} warnings\n`,
      );
    });
}
