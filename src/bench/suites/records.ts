import { join } from 'node:path';
import { largeRecordFile } from '../bench-data';
import { runChild, type BenchResult } from '../measure';

const COUNT = Number(process.env.CARDLINE_BENCH_RECORDS ?? 1_000_000);

/** Record validation from NDJSON on one core, against a parse-only baseline of the same file. */
export const recordsBench = {
  name: 'records',
  async run(): Promise<BenchResult[]> {
    const file = await largeRecordFile(COUNT);
    const child = join(__dirname, '..', 'validate-child.js');
    const parse = await runChild(child, [file, 'parse']);
    const validate = await runChild(child, [file, 'validate']);
    const rate = validate.recordsPerSecond!;
    return [
      { name: `parse only (baseline), ${COUNT} NDJSON records`, value: parse.recordsPerSecond!, unit: 'records/s' },
      { name: `validate ${COUNT} NDJSON records, one core`, value: rate, unit: 'records/s', target: '>= 50000', met: rate >= 50_000 },
      {
        name: `validate ${COUNT} records: peak RSS`,
        value: validate.maxRssMb,
        unit: 'MB',
        target: '< 200',
        met: validate.maxRssMb < 200,
      },
      { name: 'validate: CPU seconds / wall seconds', value: validate.cpuSeconds / validate.wallSeconds, unit: 'cores' },
    ];
  },
};
