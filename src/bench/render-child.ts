/**
 * Benchmark child. `pdf`: renders a sample file's PDF proofs through the CLI's pipeline (validation, photo loading,
 * worker threads) with N threads. `raster`: renders only the 300-dpi panels, in this thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { validateFile, loadPhoto, type ValidRecord } from '../controller/import';
import { toCardView } from '../templates/card-view';
import { renderCardPanels } from '../templates/render-raster';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderRecordFile } from '../controller/render/render-file';
import { reportToParent } from './measure';

async function main(): Promise<void> {
  const [file, mode, threadsArg] = process.argv.slice(2);
  if (!file || (mode !== 'pdf' && mode !== 'raster')) throw new Error('usage: render-child FILE pdf|raster [THREADS]');
  if (mode === 'raster') return rasterOnly(file);
  const out = mkdtempSync(join(tmpdir(), 'cardline-bench-render-'));
  try {
    const summary = await renderRecordFile(file, { out, threads: Number(threadsArg ?? 1), raster: false, today: '2026-06-30' });
    if (summary.failures.length > 0) throw summary.failures[0]!.error;
    const cards = summary.results.length;
    reportToParent({ cards, cardsPerSecond: cards / summary.seconds }, summary.seconds);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function rasterOnly(file: string): Promise<void> {
  const records: ValidRecord[] = [];
  await validateFile(file, { today: '2026-06-30', onValid: (r) => void records.push(r) });
  const photos = await Promise.all(records.map((r) => loadPhoto(r.record, dirname(file))));
  const start = process.hrtime.bigint();
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    await renderCardPanels(toCardView(r.record, r.product, photos[i]));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  reportToParent({ cards: records.length, cardsPerSecond: records.length / seconds }, seconds);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
