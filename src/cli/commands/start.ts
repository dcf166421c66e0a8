import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { writeText } from '../output';
import { positiveInteger } from '../options';
import { todayIso } from '../today';
import { sampleAsOf } from './sample';
import { formatIssue } from '../record-file';

/**
 * `cardline start` (what `npm start` runs): the main job at this stage of the project. Generates a sample batch of
 * synthetic records, validates them, and renders their cards (PDF proofs and printer panels) to var/out/.
 */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('generate a sample batch, validate it and render its cards to var/out/ (what `npm start` runs)')
    .option('--count <n>', 'records in the sample batch', positiveInteger(100_000), 20)
    .option('--seed <seed>', 'sample seed', 'cardline')
    .option('--out <dir>', 'output folder', 'var/out')
    .action(async (opts: { count: number; seed: string; out: string }) => {
      const outDir = resolve(opts.out);
      const shown = relative(process.cwd(), outDir) || '.';
      await mkdir(outDir, { recursive: true });
      const sampleFile = join(outDir, 'sample.ndjson');
      const { writeSampleFile } = await import('../../controller/sample/write-sample');
      const { renderRecordFile } = await import('../../controller/render/render-file');
      const stream = createWriteStream(sampleFile);
      await writeSampleFile(
        { count: opts.count, seed: opts.seed, today: sampleAsOf(), photos: true, format: 'ndjson' },
        (text) => writeText(stream, text),
      );
      await new Promise<void>((ok, fail) => stream.end((err?: Error | null) => (err ? fail(err) : ok())));
      process.stdout.write(`1. generated ${opts.count} synthetic records (seed "${opts.seed}") -> ${join(shown, 'sample.ndjson')}\n`);

      const summary = await renderRecordFile(sampleFile, { out: outDir, raster: true, threads: availableParallelism(), today: todayIso() });
      const v = summary.validation;
      process.stdout.write(`2. validated them: ${v.valid} valid, ${v.invalid} invalid, ${v.warnings.length} warnings\n`);
      for (const e of v.errors) process.stdout.write(`   error: ${formatIssue(sampleFile, e)}\n`);
      process.stdout.write(
        `3. rendered ${summary.results.length} cards in ${summary.seconds.toFixed(1)} s -> ${shown}/` +
          `<personalId>.pdf (ID-1 proof, front and back) and <personalId>-front.png / -back.png (300-dpi printer panels)\n`,
      );
      const first = summary.results[0];
      if (first) process.stdout.write(`   for example: ${relative(process.cwd(), first.files[0]!)}\n`);
      if (summary.failures.length > 0 || v.invalid > 0) process.exitCode = 1;
      process.stdout.write(`Next: cardline --help (or node dist/cli/main.js --help) lists every command.\n`);
    });
}
