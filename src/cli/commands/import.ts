/**
 * `cardline import FILE --order NAME`: validates a record file and imports its good records into an order of
 * the store, personal data sealed. Bad records are reported (row, field, reason) and the command exits 1, but
 * the good ones are imported; a person already in the order is refused, row by row.
 */
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { InputError } from '../cli-errors';
import { parseProduct } from '../options';
import { formatIssue } from '../record-file';
import { todayIso } from '../today';
import type { ProductId } from '../../identity/products';
import type { ImportReport } from '../../controller/store';
import { withStore } from './store-command';

interface ImportCliOptions {
  order: string;
  product?: ProductId;
  json?: boolean;
}

async function requireFile(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new InputError(`${file}: not a regular file`);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

function summaryLine(file: string, r: ImportReport): string {
  const where = r.imported > 0 ? ` (positions ${r.firstSeq}-${r.lastSeq})` : '';
  const created = r.orderCreated ? 'new order' : 'order';
  return `${file}: imported ${r.imported} records into ${created} "${r.order}"${where}; ${r.invalid} bad records\n`;
}

/** Registers `cardline import`. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import the valid records of a file into an order (created if new); exit 1 when any record is bad')
    .argument('<file>', 'record file (JSON array, NDJSON or CSV)')
    .requiredOption('--order <name>', 'the order to import into')
    .option('--product <product>', 'product for every record (default: the order\'s, else by issue date)', parseProduct)
    .option('--json', 'print {"order", "orderCreated", "product", "imported", "invalid", "firstSeq", "lastSeq", "errors", "warnings"}')
    .action(async (file: string, opts: ImportCliOptions, cmd: Command) => {
      await requireFile(file);
      const report = await withStore(cmd, { mustExist: false }, (store) =>
        store.importFile(file, { order: opts.order, today: todayIso(), ...(opts.product ? { product: opts.product } : {}) }),
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        for (const e of report.errors) process.stderr.write(`error: ${formatIssue(file, e)}\n`);
        for (const w of report.warnings) process.stderr.write(`warning: ${formatIssue(file, w)}\n`);
        process.stdout.write(summaryLine(file, report));
      }
      if (report.invalid > 0 || report.errors.length > 0) process.exitCode = 1;
    });
}
