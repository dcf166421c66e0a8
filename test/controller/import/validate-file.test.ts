import { validateFile, type ValidRecord } from '../../../src/controller/import';
import { JPEG_BYTES, TODAY, csvOf, makeWorkspace, record } from './import-fixtures';

const ws = makeWorkspace();
afterAll(() => ws.cleanup());

const COLUMNS = Object.keys(record());
const ndjson = (...recs: unknown[]): string => recs.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const dataUri = (bytes: Uint8Array, type = 'image/jpeg'): string => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

async function run(name: string, content: string | Uint8Array, extra: Partial<Parameters<typeof validateFile>[1]> = {}) {
  const valid: ValidRecord[] = [];
  const summary = await validateFile(ws.write(name, content), { today: TODAY, onValid: (r) => void valid.push(r), ...extra });
  return { summary, valid };
}

describe('validateFile', () => {
  it('counts valid and invalid records and hands valid ones over in file order', async () => {
    const { summary, valid } = await run(
      'mixed.ndjson',
      ndjson(record(), record({ sex: 'X' }), record({ personalId: '001199012399' }), 'not json', record({ personalId: '001199012347' })),
    );
    expect(summary.valid).toBe(3);
    expect(summary.invalid).toBe(2);
    expect(summary.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'sex'],
      [4, 'record'],
    ]);
    expect(valid.map((v) => [v.row, v.record.personalId, v.product, v.expiryDate])).toEqual([
      [1, '001199012345', 'vn-cccd-2021', '2024-03-15'],
      [3, '001199012399', 'vn-cccd-2021', '2024-03-15'],
      [5, '001199012347', 'vn-cccd-2021', '2024-03-15'],
    ]);
    // JSON-ready: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('rejects a second record with the same personal ID, naming the first row', async () => {
    const { summary, valid } = await run(
      'dupes.ndjson',
      ndjson(record(), record({ personalId: '001199012347' }), record({ fullName: 'Nguyễn Thị Mai Anh' })),
    );
    expect(valid.map((v) => v.row)).toEqual([1, 2]);
    expect(summary.invalid).toBe(1);
    expect(summary.errors).toEqual([
      { row: 3, field: 'personalId', message: 'the same personal ID as row 1: one record per person' },
    ]);
  });

  it('waits for an asynchronous onValid before reading on', async () => {
    const order: string[] = [];
    await validateFile(ws.write('paced.ndjson', ndjson(record(), record({ personalId: '001199012347' }))), {
      today: TODAY,
      onValid: async (r) => {
        order.push(`start ${r.row}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(`end ${r.row}`);
      },
    });
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('validates for a forced product', async () => {
    const { summary } = await run('forced.ndjson', ndjson(record()), { product: 'vn-cancuoc-2024' });
    expect(summary.valid).toBe(0);
    expect(summary.errors.map((e) => e.field)).toContain('issueDate');
  });

  describe('photos', () => {
    it('resolves a relative photo path against the file folder and requires an existing JPEG', async () => {
      const { summary } = await run(
        'photos.ndjson',
        ndjson(record(), record({ photo: 'photos/none.jpg' }), record({ photo: 'photos/not.jpg' }), record({ photo: './photos/../photos/mai.jpg', personalId: '001199012348' })),
      );
      expect(summary.valid).toBe(2);
      expect(summary.errors).toEqual([
        { row: 2, field: 'photo', message: 'the photo file does not exist (paths are relative to the records file)' },
        { row: 3, field: 'photo', message: 'the photo file is not a JPEG image (it must start with FF D8 FF)' },
      ]);
    });

    it('accepts a JPEG data: URI and rejects other images and broken base64', async () => {
      const { summary } = await run(
        'uris.ndjson',
        ndjson(
          record({ photo: dataUri(JPEG_BYTES) }),
          record({ photo: dataUri(Uint8Array.from([1, 2, 3, 4]), 'image/png') }),
          record({ photo: dataUri(Uint8Array.from([1, 2, 3, 4])) }),
          record({ photo: 'data:image/jpeg;base64,/9j/4A*=' }),
        ),
      );
      expect(summary.valid).toBe(1);
      expect(summary.errors.map((e) => [e.row, e.field, e.message])).toEqual([
        [2, 'photo', 'the photo data: URI must hold image/jpeg, not image/png'],
        [3, 'photo', 'the photo data: URI does not hold a JPEG image (it must start with FF D8 FF)'],
        [4, 'photo', 'the photo data: URI body is not valid base64'],
      ]);
    });

    it('can skip the photo file check', async () => {
      const { summary } = await run('nocheck.ndjson', ndjson(record({ photo: 'photos/none.jpg' })), { checkPhotoFiles: false });
      expect(summary).toEqual({ valid: 1, invalid: 0, warnings: [], errors: [] });
    });
  });

  describe('bad input from the parser', () => {
    it('invalid UTF-8 in a record', async () => {
      const bytes = Buffer.concat([Buffer.from(ndjson(record())), Buffer.from('{"fullName":"'), Buffer.from([0xc3]), Buffer.from('"}\n')]);
      const { summary } = await run('utf8.ndjson', bytes);
      expect(summary.valid).toBe(1);
      expect(summary.errors).toEqual([{ row: 2, field: 'fullName', message: expect.stringContaining('invalid UTF-8 at byte offset 13 of the line') }]);
    });

    it('CSV: quote errors, column counts and an unterminated quote, good rows still pass', async () => {
      const good = csvOf(COLUMNS, [record()]).split('\n')[1] as string;
      const text = [
        COLUMNS.join(','),
        good,
        good.replace('"Nguyễn Thị Mai"', 'Nguyễn "Thị" Mai'),
        good.replace('"Nguyễn Thị Mai"', '"Nguyễn" Thị Mai'),
        good.replace(',"photos/mai.jpg"', ''),
        good.replace('"Nguyễn Thị Mai"', '"Nguyễn Thị Mai'),
        // The same person twice would be a duplicate: the last good row is another person.
        good.replace('"001199012345"', '"001199012346"'),
      ].join('\r\n');
      const { summary } = await run('bad.csv', text);
      expect(summary.valid).toBe(2);
      expect(summary.invalid).toBe(4);
      expect(summary.errors.map((e) => [e.row, e.field])).toEqual([
        [2, 'fullName'],
        [3, 'fullName'],
        [4, 'record'],
        [5, 'fullName'],
      ]);
    });

    it('CSV: unknown columns pass through to the validator (a warning), empty cells are absent', async () => {
      const text = csvOf([...COLUMNS, 'religion', 'favouriteColour'], [{ ...record(), religion: '', favouriteColour: 'xanh' }]);
      const { summary, valid } = await run('extra.csv', text);
      expect(summary.valid).toBe(1);
      expect(summary.warnings.map((w) => [w.row, w.field])).toEqual([[1, 'record']]);
      expect(valid[0]?.record.religion).toBeUndefined();
    });

    it('CSV: a duplicated header name is one file-level error', async () => {
      const { summary } = await run('dup.csv', 'personalId,fullName,personalId\n1,2,3\n');
      expect(summary).toEqual({
        valid: 0,
        invalid: 0,
        warnings: [],
        errors: [{ row: 0, field: 'header', message: 'bad header (line 1): column name "personalId" appears twice (columns 1 and 3)' }],
      });
    });

    it('JSON: a top level that is not an array or object', async () => {
      const { summary } = await run('scalar.json', '"x"');
      expect(summary.errors).toEqual([{ row: 0, field: 'file', message: expect.stringContaining('it starts with a string') }]);
      expect(summary.invalid).toBe(0);
    });

    it('JSON: elements that are not objects and a malformed element between good ones', async () => {
      const text = `[${JSON.stringify(record())}, 7, {"personalId": }, ${JSON.stringify(record({ personalId: '001199012346' }))}]`;
      const { summary } = await run('arr.json', text);
      expect(summary.valid).toBe(2);
      expect(summary.errors.map((e) => [e.row, e.field, e.message.slice(0, 24)])).toEqual([
        [2, 'record', 'expected a JSON object, '],
        [3, 'record', 'invalid JSON: Unexpected'],
      ]);
    });

    it('NDJSON: a line that is JSON but not an object', async () => {
      const { summary } = await run('arr.ndjson', ndjson('[1]', record()));
      expect(summary.errors).toEqual([{ row: 1, field: 'record', message: 'expected a JSON object, found an array (line 1)' }]);
      expect(summary.valid).toBe(1);
    });

    it('an empty file', async () => {
      expect((await run('void.ndjson', '\uFEFF  \r\n')).summary).toEqual({
        valid: 0,
        invalid: 0,
        warnings: [],
        errors: [{ row: 0, field: 'file', message: 'file is empty' }],
      });
    });

    it('a BOM and CRLF line ends', async () => {
      const text = '\uFEFF' + csvOf(COLUMNS, [record(), record({ personalId: '001199012346' })], '\r\n');
      expect((await run('bom.csv', text)).summary).toEqual({ valid: 2, invalid: 0, warnings: [], errors: [] });
    });

    it('a record over the size limit is an error for its row; the next record still passes', async () => {
      const huge = record({ identifyingMarks: 'x'.repeat(5000) });
      const { summary } = await run('big.ndjson', ndjson(huge, record()), { maxRecordBytes: 4096 });
      expect(summary.valid).toBe(1);
      expect(summary.errors).toEqual([{ row: 1, field: 'record', message: expect.stringMatching(/^record is [\d,]+ bytes, over the limit of 4,096 bytes/) }]);
    });
  });

  it('caps the listed issues but keeps the counts exact', async () => {
    const recs = Array.from({ length: 30 }, () => record({ sex: 'X' }));
    const { summary } = await run('many.ndjson', ndjson(...recs), { maxListedIssues: 10 });
    expect(summary.invalid).toBe(30);
    expect(summary.errors).toHaveLength(11);
    expect(summary.errors[10]).toEqual({ row: 0, field: 'file', message: '20 more errors not listed (the list stops at 10)' });
  });
});
