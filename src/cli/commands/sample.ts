import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { randomInt } from 'node:crypto';
import { parseProduct, positiveInteger } from '../options';
import { todayIso } from '../today';
import { writeText } from '../output';
import type { ProductId } from '../../identity/products';
import { writeSampleFile } from '../../controller/sample/write-sample';

interface SampleOptions {
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
    .action(async (opts: SampleOptions) => {
      const seed = opts.seed ?? String(randomInt(1, 2 ** 31));
      if (opts.seed === undefined) process.stderr.write(`cardline sample: seed ${seed}\n`);
      let out: Writable = process.stdout;
      if (opts.out) {
        await mkdir(dirname(opts.out), { recursive: true });
        out = createWriteStream(opts.out);
      }
      const format = opts.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson';
      await writeSampleFile(
        { count: opts.count, seed, product: opts.product, today: todayIso(), photos: opts.photos, format },
        (text) => writeText(out, text),
      );
      if (out !== process.stdout) {
        await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
        process.stderr.write(`cardline sample: wrote ${opts.count} records to ${opts.out}\n`);
      }
    });
}
