import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { sampleFileWithPhotos } from '../bench-data';
import { runChild, type BenchResult } from '../measure';

const CARDS = Number(process.env.CARDLINE_BENCH_CARDS ?? 400);

/** PDF proofs on one thread (baseline) and on every core; raster panels on one thread. */
export const facesBench = {
  name: 'faces',
  async run(): Promise<BenchResult[]> {
    const file = await sampleFileWithPhotos(CARDS);
    const child = join(__dirname, '..', 'render-child.js');
    const cores = availableParallelism();
    const one = await runChild(child, [file, 'pdf', '1']);
    const all = await runChild(child, [file, 'pdf', String(cores)]);
    const raster = await runChild(child, [file, 'raster']);
    return [
      { name: `PDF proofs, ${CARDS} cards, 1 thread (baseline)`, value: one.cardsPerSecond!, unit: 'cards/s' },
      {
        name: `PDF proofs, ${CARDS} cards, ${cores} threads`,
        value: all.cardsPerSecond!,
        unit: 'cards/s',
        target: '>= 100',
        met: all.cardsPerSecond! >= 100,
        note: `scaling x${(all.cardsPerSecond! / one.cardsPerSecond!).toFixed(2)}`,
      },
      { name: `raster panels (front+back PNG), ${CARDS} cards, 1 thread`, value: raster.cardsPerSecond!, unit: 'cards/s' },
    ];
  },
};
