import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { randomInt } from 'node:crypto';
import { parseIsoDay, parseProduct, positiveInteger } from '../options';
import { todayIso } from '../today';
import { writeText } from '../output';
import type { ProductId } from '../../identity/products';

/**
 * The day samples are generated "as of" unless --as-of says otherwise: fixed, so that the same seed gives the same
 * records on any day (issue dates are drawn up to this day). Later than the machine's today, today wins.
 */
export const SAMPLE_AS_OF = '2026-06-30';

interface SampleOptions {
  asOf?: string;
  count: number;
  seed?: string;
  product?: ProductId;
  out?: string;
  photos: boolean;
}

/** `cardline sample`: synthetic, valid-by-construction records with drawn photos. */
export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('generate realistic synthetic records (NDJSON by default, CSV when --out ends in .csv)')
    .requiredOption('--count <n>', 'number of records', positiveInteger(10_000_000))
    .option('--seed <seed>', 'seed: the same seed gives the same records (default: random, printed on stderr)')
    .option('--product <product>', 'vn-cccd-2021 or vn-cancuoc-2024 (default: a mix, by issue date)', parseProduct)
    .option('--out <file>', 'write to FILE instead of standard output')
    .option('--no-photos', 'leave the photo field empty (smaller files; such records do not validate)')
    .option('--as-of <date>', `generate as of this day, YYYY-MM-DD (default ${SAMPLE_AS_OF}, or today if earlier)`, parseIsoDay)
    .action(async (opts: SampleOptions) => {
      const seed = opts.seed ?? String(randomInt(1, 2 ** 31));
      if (opts.seed === undefined) process.stderr.write(`cardline sample: seed ${seed}\n`);
      let out: Writable = process.stdout;
      if (opts.out) {
        await mkdir(dirname(opts.out), { recursive: true });
        out = createWriteStream(opts.out);
      }
      const format = opts.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson';
      // Loaded on use: drawing photos pulls in the canvas, which other commands do not need.
      const { writeSampleFile } = await import('../../controller/sample/write-sample');
      await writeSampleFile(
        { count: opts.count, seed, product: opts.product, today: sampleAsOf(opts.asOf), photos: opts.photos, format },
        (text) => writeText(out, text),
      );
      if (out !== process.stdout) {
        await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
        process.stderr.write(`cardline sample: wrote ${opts.count} records to ${opts.out}\n`);
      }
    });
}

/** The "today" a sample is generated for: --as-of, else {@link SAMPLE_AS_OF}, never later than the real today. */
export function sampleAsOf(asOf?: string): string {
  const today = todayIso();
  const chosen = asOf ?? SAMPLE_AS_OF;
  return chosen < today ? chosen : today;
}
