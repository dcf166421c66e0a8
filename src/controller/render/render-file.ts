import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadPhoto, validateFile } from '../import';
import { BoundedConcurrency } from '../workers/bounded-concurrency';
import { createCardRenderer } from './render-pool';
import type { RenderResult } from './render-task';
import type { ProductId } from '../../identity/products';

/** What to render and where. */
export interface RenderFileOptions {
  product?: ProductId;
  out: string;
  raster?: boolean;
  threads: number;
  /** Today, YYYY-MM-DD, for validation. */
  today: string;
}

/**
 * Renders every valid record of `file` to `opts.out` on `opts.threads` worker threads, with back-pressure from the
 * renderers to the file reader. Invalid records are reported in the validation summary; a card that fails to
 * render is a failure of its own, the others go on.
 */
export async function renderRecordFile(file: string, opts: RenderFileOptions) {
  const started = process.hrtime.bigint();
  const outDir = resolve(opts.out);
  await mkdir(outDir, { recursive: true });
  const renderer = createCardRenderer(opts.threads);
  const tasks = new BoundedConcurrency<RenderResult>(opts.threads * 4);
  const baseDir = dirname(resolve(file));
  try {
    const validation = await validateFile(file, {
      today: opts.today,
      ...(opts.product === undefined ? {} : { product: opts.product }),
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
