import { DEFAULT_MAX_RECORD_BYTES, RECORD_FORMATS, type RecordFormat } from '../../../src/identity/parse';
import { errors, parseText, values } from './parse-helpers';

const CHUNK = 64 * 1024;

function fileWith(format: RecordFormat, photo: string): string {
  switch (format) {
    case 'json':
      return `[{"a":"1"},{"photo":"${photo}"},{"a":"3"}]`;
    case 'ndjson':
      return `{"a":"1"}\n{"photo":"${photo}"}\n{"a":"3"}\n`;
    case 'csv':
      return `a,photo\n1,\n,"${photo}"\n3,\n`;
  }
}

describe.each(RECORD_FORMATS)('%s with huge fields', (format) => {
  it('reads a 10 MB field on one line quickly', () => {
    const photo = `data:image/jpeg;base64,${'A'.repeat(10 * 1024 * 1024)}`;
    const started = process.hrtime.bigint();
    const rows = parseText(format, fileWith(format, photo), [CHUNK]);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(errors(rows)).toEqual([]);
    expect(values(rows).map(([row]) => row)).toEqual([1, 2, 3]);
    expect((values(rows)[1]?.[1].photo as string).length).toBe(photo.length);
    // Generous for slow CI; a quadratic join of 160 chunks would take far longer.
    expect(seconds).toBeLessThan(3);
  });

  it('rejects a record over the default 16 MiB limit with its size and goes on', () => {
    const photo = 'B'.repeat(DEFAULT_MAX_RECORD_BYTES + 1000);
    const rows = parseText(format, fileWith(format, photo), [CHUNK]);
    expect(values(rows).map(([row]) => row)).toEqual([1, 3]);
    expect(errors(rows)).toEqual([
      { row: 2, field: 'record', message: expect.stringMatching(/^record is 16,778,2\d\d bytes \(16\.0 MiB\), over the limit of 16,777,216 bytes \(16\.0 MiB\); skipped/) },
    ]);
  });
});
