import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { parseProduct, positiveInteger } from '../options';
import { reportIssues } from '../record-file';
import { todayIso } from '../today';
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
      // Loaded on use: the renderers pull in pdfkit, fontkit and the canvas, which other commands do not need.
      const { renderRecordFile } = await import('../../controller/render/render-file');
      const summary = await renderRecordFile(file, { ...opts, today: todayIso() });
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
