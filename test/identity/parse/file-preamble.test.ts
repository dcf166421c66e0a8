import { RECORD_FORMATS } from '../../../src/identity/parse';
import { concatBytes, parseBytes, parseText, utf8, values } from './parse-helpers';

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const SAMPLE = { json: '[{"a":"1"}]', ndjson: '{"a":"1"}\n', csv: 'a\n1\n' } as const;

describe.each(RECORD_FORMATS)('%s files', (format) => {
  it.each([
    ['0 bytes', new Uint8Array(0)],
    ['only whitespace', utf8(' \r\n\t\n')],
    ['only a BOM', BOM],
    ['a BOM and blank lines', concatBytes(BOM, utf8('\n\n'))],
  ])('reports %s as "file is empty" (row 0, field "file")', (_, bytes) => {
    for (const chunks of [[1], [100]]) {
      expect(parseBytes(format, bytes, chunks)).toEqual([{ row: 0, error: { row: 0, field: 'file', message: 'file is empty' } }]);
    }
  });

  it('skips a UTF-8 BOM at the start, even split across chunks', () => {
    for (const chunks of [[1], [2], [4], [100]]) {
      expect(values(parseBytes(format, concatBytes(BOM, utf8(SAMPLE[format])), chunks))).toEqual([[1, { a: '1' }]]);
    }
  });

  it('treats a partial BOM as content (it is not valid UTF-8)', () => {
    const rows = parseBytes(format, concatBytes(BOM.subarray(0, 2), utf8(SAMPLE[format])), [1]);
    expect(values(rows)).toEqual([]);
    expect(rows.length).toBeGreaterThan(0);
  });
});

it('does not skip a BOM in the middle of a file', () => {
  const rows = parseBytes('ndjson', concatBytes(utf8('{"a":"1"}\n'), BOM, utf8('{"a":"2"}\n')));
  expect(values(rows)).toEqual([[1, { a: '1' }]]);
  expect(rows[1]).toMatchObject({ row: 2, error: { field: 'record' } });
});

it('reads the same record from every format', () => {
  const record = { personalId: '001199012345', fullName: 'Đặng Thị Ngọc Ánh' };
  expect(values(parseText('json', JSON.stringify([record])))).toEqual([[1, record]]);
  expect(values(parseText('ndjson', JSON.stringify(record)))).toEqual([[1, record]]);
  expect(values(parseText('csv', `personalId,fullName\n${record.personalId},${record.fullName}`))).toEqual([[1, record]]);
});
