import { createWriteStream, existsSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeText } from '../cli/output';
import { photoExpected, writeSampleFile } from '../controller/sample/write-sample';
import { generateSampleRecords } from '../identity/sample';
import { drawSyntheticPhoto } from '../templates/photo';

/** Folder for generated benchmark inputs (git-ignored; reused between runs). */
export const BENCH_DIR = join(process.cwd(), 'var', 'bench');

/** A fixed "today" so the generated inputs, and therefore the figures, do not drift from day to day. */
export const BENCH_TODAY = '2026-06-30';

/** Number of distinct photo files the large record file points at (record i uses photo i mod this). */
const PHOTO_FILES = 1000;

/**
 * An NDJSON file of `count` valid synthetic records whose photos are JPEG files beside it (`photos/<n>.jpg`), the
 * way a population-database export ships them: the validator opens each record's file to check it is a JPEG.
 * A million distinct photos would be millions of files, so records share 1,000 of them. Generated once, reused.
 */
export async function largeRecordFile(count: number): Promise<string> {
  const file = join(BENCH_DIR, `records-${count}.ndjson`);
  if (existsSync(file)) return file;
  await mkdir(join(BENCH_DIR, 'photos'), { recursive: true });
  for (let i = 0; i < PHOTO_FILES; i++) {
    const path = join(BENCH_DIR, 'photos', `${i}.jpg`);
    if (!existsSync(path)) writeFileSync(path, drawSyntheticPhoto(`bench-${i}`));
  }
  const tmp = `${file}.partial`;
  const out = createWriteStream(tmp);
  let batch = '';
  let n = 0;
  for (const r of generateSampleRecords({ count, seed: 'bench', today: BENCH_TODAY })) {
    const photo = photoExpected(r) ? `photos/${n++ % PHOTO_FILES}.jpg` : undefined;
    batch += JSON.stringify({ ...r, photo }) + '\n';
    if (batch.length > 1 << 20) {
      await writeText(out, batch);
      batch = '';
    }
  }
  await writeText(out, batch);
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
  renameSync(tmp, file);
  return file;
}

/** A sample file of `count` records with their own drawn photos, as `cardline sample` writes it. */
export async function sampleFileWithPhotos(count: number): Promise<string> {
  const file = join(BENCH_DIR, `sample-${count}.ndjson`);
  if (existsSync(file)) return file;
  await mkdir(BENCH_DIR, { recursive: true });
  const out = createWriteStream(file);
  await writeSampleFile({ count, seed: 'bench', today: BENCH_TODAY, photos: true, format: 'ndjson' }, (t) => writeText(out, t));
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
  return file;
}
