import type { Command } from 'commander';
import { parseProduct } from '../options';
import { processRecordFile, reportIssues } from '../record-file';
import { JsonArrayWriter, writeText } from '../output';
import { buildQrPayload } from '../../identity/qr-payload';
import type { ProductId } from '../../identity/products';

/** `cardline qr`: the QR payload printed on each valid record's card. */
export function registerQr(program: Command): void {
  program
    .command('qr')
    .description("print each valid record's QR payload, one per line; invalid records are reported on stderr (exit 1)")
    .argument('<file>', 'record file')
    .option('--product <product>', 'product for every record (default: by issue date)', parseProduct)
    .option('--json', 'print [{"personalId", "product", "payload"}]')
    .action(async (file: string, opts: { product?: ProductId; json?: boolean }) => {
      const json = opts.json ? new JsonArrayWriter(process.stdout) : undefined;
      const summary = await processRecordFile(file, {
        product: opts.product,
        onValid: async ({ record, product }) => {
          const payload = buildQrPayload(record, product);
          if (json) await json.push({ personalId: record.personalId, product, payload });
          else await writeText(process.stdout, `${payload}\n`);
        },
      });
      await json?.end();
      reportIssues(file, summary, { warnings: false });
    });
}
