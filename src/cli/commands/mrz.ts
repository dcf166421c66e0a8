import type { Command } from 'commander';
import { parseProduct } from '../options';
import { processRecordFile, reportIssues } from '../record-file';
import { JsonArrayWriter, writeText } from '../output';
import { buildMrz } from '../../identity/mrz';
import type { ProductId } from '../../identity/products';

/** `cardline mrz`: the TD1 machine-readable zone of each valid record. */
export function registerMrz(program: Command): void {
  program
    .command('mrz')
    .description("print each valid record's 3-line TD1 MRZ; invalid records are reported on stderr (exit 1)")
    .argument('<file>', 'record file')
    .option('--product <product>', 'product for every record (default: by issue date)', parseProduct)
    .option('--json', 'print [{"personalId", "product", "expiryDate", "mrz": [l1, l2, l3]}]')
    .action(async (file: string, opts: { product?: ProductId; json?: boolean }) => {
      const json = opts.json ? new JsonArrayWriter(process.stdout) : undefined;
      const summary = await processRecordFile(file, {
        product: opts.product,
        onValid: async ({ record, product, expiryDate }) => {
          const mrz = buildMrz(record, product);
          if (json) await json.push({ personalId: record.personalId, product, expiryDate, mrz });
          else await writeText(process.stdout, `${mrz.join('\n')}\n\n`);
        },
      });
      await json?.end();
      reportIssues(file, summary, { warnings: false });
    });
}
