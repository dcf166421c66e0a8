import type { Command } from 'commander';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { parseProduct, positiveInteger } from '../options';
import { processRecordFile, reportIssues } from '../record-file';
import { loadPhoto } from '../../controller/import';
import { createCardRenderer } from '../../controller/render/render-pool';
import { BoundedConcurrency } from '../../controller/workers/bounded-concurrency';
import type { RenderResult } from '../../controller/render/render-task';
import type { ProductId } from '../../identity/products';

interface RenderOptions {
  product?: ProductId;
  out: string;
  raster?: boolean;
  threads: number;
  quiet?: boolean;
}

/** `cardline render`: print-ready PDF proofs (and optionally 300-dpi printer panels) for each valid record. */
export function registerRender(program: Command): void {
  program
    .command('render')
    .description('render each valid record to DIR/<personalId>.pdf (ID-1, front then back); --raster adds PNG panels')
    .argument('<file>', 'record file')
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--product <product>', 'product for every record (default: by issue date)', parseProduct)
    .option('--raster', 'also write 300-dpi 1016x648 panels <personalId>-front.png and -back.png')
    .option('--threads <n>', 'worker threads (default: one per core)', positiveInteger(64), availableParallelism())
    .option('--quiet', 'do not list the files written')
    .action(async (file: string, opts: RenderOptions) => {
      const summary = await renderFile(file, opts);
      reportIssues(file, summary.validation, { warnings: false });
      for (const f of summary.failures) process.stderr.write(`error: ${file}: record ${f.key}: rendering failed: ${f.error.message}\n`);
      if (summary.failures.length > 0) process.exitCode = 1;
      if (!opts.quiet) for (const r of summary.results) process.stdout.write(`${r.files.join('\n')}\n`);
      process.stderr.write(
        `cardline render: ${summary.results.length} cards rendered to ${opts.out}` +
          ` in ${(summary.seconds).toFixed(1)} s (${summary.validation.invalid} invalid records skipped)\n`,
      );
    });
}

/** Renders every valid record of `file`; exported for `npm start` and the benchmarks. */
export async function renderFile(file: string, opts: RenderOptions) {
  const started = process.hrtime.bigint();
  const outDir = resolve(opts.out);
  await mkdir(outDir, { recursive: true });
  const renderer = createCardRenderer(opts.threads);
  const tasks = new BoundedConcurrency<RenderResult>(opts.threads * 4);
  const baseDir = dirname(resolve(file));
  try {
    const validation = await processRecordFile(file, {
      product: opts.product,
      onValid: async ({ record, product, row }) => {
        await tasks.add(`${row}`, async () => {
          const photo = await loadPhoto(record, baseDir);
          return renderer.render({ record, product, photo, outDir, raster: opts.raster === true });
        });
      },
    });
    await tasks.drain();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { validation, results: tasks.results, failures: tasks.failures, seconds };
  } finally {
    await renderer.close();
  }
}
