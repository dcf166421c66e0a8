import { generateSampleRecords } from '../../identity/sample';
import { recordCsvHeader, recordToCsvRow } from '../../identity/record-csv';
import { drawSyntheticPhoto } from '../../templates/photo';
import { ageOn, requireIsoDate } from '../../identity/calendar';
import { NO_PHOTO_BELOW_AGE } from '../../identity/validate';
import { productForIssueDate } from '../../identity/products';
import type { ProductId } from '../../identity/products';
import type { CitizenRecord } from '../../identity/record';

/** What `cardline sample` produces. */
export interface SampleFileOptions {
  count: number;
  seed: string;
  product?: ProductId;
  today: string;
  /** Attach a drawn JPEG portrait as a data: URI (except to 2024 cards of children under 6, who have none). */
  photos: boolean;
  format: 'ndjson' | 'csv';
}

/**
 * Generates synthetic records and hands their serialised text to `write` (which may apply back-pressure).
 * Photos are drawn from the seed and the personal ID, so the same seed yields byte-identical files.
 */
export async function writeSampleFile(
  opts: SampleFileOptions,
  write: (text: string) => Promise<void> | void,
): Promise<void> {
  if (opts.format === 'csv') await write(recordCsvHeader());
  let batch = '';
  for (const record of generateSampleRecords({
    count: opts.count,
    seed: opts.seed,
    product: opts.product,
    today: opts.today,
  })) {
    const withPhoto = opts.photos ? attachPhoto(record, opts.seed) : record;
    batch += opts.format === 'csv' ? recordToCsvRow(withPhoto) : JSON.stringify(withPhoto) + '\n';
    if (batch.length > 256 * 1024) {
      await write(batch);
      batch = '';
    }
  }
  if (batch) await write(batch);
}

/**
 * False for the records whose card carries no photo: the 2023 law takes none of children under 6 (the validator
 * accepts their records without one).
 */
export function photoExpected(record: CitizenRecord): boolean {
  const age = ageOn(requireIsoDate(record.dateOfBirth, 'dateOfBirth'), requireIsoDate(record.issueDate, 'issueDate'));
  return !(productForIssueDate(record.issueDate) === 'vn-cancuoc-2024' && age < NO_PHOTO_BELOW_AGE);
}

function attachPhoto(record: CitizenRecord, seed: string): CitizenRecord {
  if (!photoExpected(record)) return record;
  const jpeg = drawSyntheticPhoto(`${seed}:${record.personalId}`);
  return { ...record, photo: `data:image/jpeg;base64,${jpeg.toString('base64')}` };
}
