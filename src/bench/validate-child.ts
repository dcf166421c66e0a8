/**
 * Benchmark child: streams a record file either through the parser only (the baseline: reading and splitting
 * the file) or through parsing and full validation, and reports records/s and peak RSS.
 */
import { readRecordBatches, validateFile } from '../controller/import';
import { reportToParent, secondsSince } from './measure';
import { BENCH_TODAY } from './bench-data';

async function main(): Promise<void> {
  const [file, mode] = process.argv.slice(2);
  if (!file || (mode !== 'parse' && mode !== 'validate')) throw new Error('usage: validate-child FILE parse|validate');
  const start = process.hrtime.bigint();
  let records = 0;
  if (mode === 'parse') {
    for await (const batch of readRecordBatches(file)) records += batch.length;
  } else {
    const summary = await validateFile(file, { today: BENCH_TODAY });
    records = summary.valid + summary.invalid;
    if (summary.invalid > 0) throw new Error(`${summary.invalid} benchmark records are invalid: ${JSON.stringify(summary.errors[0])}`);
  }
  const seconds = secondsSince(start);
  reportToParent({ records, recordsPerSecond: records / seconds }, seconds);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
