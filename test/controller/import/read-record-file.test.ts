import { readRecordFile, type ParsedRow } from '../../../src/controller/import';
import { csvOf, makeWorkspace, record } from './import-fixtures';
import { join } from 'node:path';

async function collect(rows: AsyncIterable<ParsedRow>): Promise<ParsedRow[]> {
  const out: ParsedRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

const ws = makeWorkspace();
afterAll(() => ws.cleanup());

describe('readRecordFile', () => {
  it('reads JSON, NDJSON and CSV files by extension', async () => {
    const recs = [record(), record({ personalId: '001199012346' })];
    const json = ws.write('a.json', JSON.stringify(recs, null, 2));
    const ndjson = ws.write('a.ndjson', recs.map((r) => JSON.stringify(r)).join('\r\n'));
    const csv = ws.write('a.csv', csvOf(Object.keys(record()), recs, '\r\n'));
    for (const path of [json, ndjson, csv]) {
      expect(await collect(readRecordFile(path))).toEqual(recs.map((value, k) => ({ row: k + 1, value })));
    }
  });

  it('sniffs the format when the extension says nothing', async () => {
    expect(await collect(readRecordFile(ws.write('x.txt', '{"a":"1"}\n{"a":"2"}\n')))).toHaveLength(2);
    expect(await collect(readRecordFile(ws.write('y.txt', 'a,b\n1,2\n')))).toEqual([{ row: 1, value: { a: '1', b: '2' } }]);
  });

  it('lets the caller force the format', async () => {
    expect(await collect(readRecordFile(ws.write('z.txt', 'a\n1\n'), { format: 'csv' }))).toEqual([{ row: 1, value: { a: '1' } }]);
  });

  it('reads multi-byte text split across 64 KiB chunk boundaries', async () => {
    const recs = Array.from({ length: 3000 }, (_, k) => ({ n: String(k), fullName: `Đặng Thị Ngọc Ánh ${'ữ'.repeat(k % 7)}` }));
    const path = ws.write('big.ndjson', recs.map((r) => JSON.stringify(r)).join('\n'));
    const rows = await collect(readRecordFile(path));
    expect(rows).toEqual(recs.map((value, k) => ({ row: k + 1, value })));
  });

  it.each([
    ['missing.ndjson', 'cannot read missing.ndjson: no such file (ENOENT)'],
    ['photos', 'cannot read photos: it is a directory (EISDIR)'],
  ])('reports %s as one file-level error', async (name, message) => {
    expect(await collect(readRecordFile(join(ws.dir, name)))).toEqual([{ row: 0, error: { row: 0, field: 'file', message } }]);
  });

  it('reports a file whose format cannot be told', async () => {
    expect(await collect(readRecordFile(ws.write('notes', 'hello there\n')))).toEqual([
      { row: 0, error: { row: 0, field: 'file', message: 'cannot tell the format of notes: name it .json, .ndjson (or .jsonl) or .csv' } },
    ]);
  });

  it.each(['empty.csv', 'empty', 'empty.json'])('reports an empty file (%s)', async (name) => {
    for (const content of ['', '\uFEFF\n  \n']) {
      expect(await collect(readRecordFile(ws.write(name, content)))).toEqual([
        { row: 0, error: { row: 0, field: 'file', message: 'file is empty' } },
      ]);
    }
  });
});
