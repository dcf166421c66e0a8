import { concatBytes, errors, parseBytes, parseText, utf8, values } from './parse-helpers';

const CHUNKINGS = [[1], [2, 5], [4096]];

describe('JSON parser', () => {
  it.each(CHUNKINGS)('reads a top-level array of records, row = element index (chunks %p)', (...chunks) => {
    const text = '[\n  {"a": 1, "b": "Trần Thị Ánh"},\n  {"nested": {"x": [1, "]},{"]}, "q": "say \\"hi\\", ok"}\n]\n';
    expect(parseText('json', text, chunks)).toEqual([
      { row: 1, value: { a: 1, b: 'Trần Thị Ánh' } },
      { row: 2, value: { nested: { x: [1, ']},{'] }, q: 'say "hi", ok' } },
    ]);
  });

  it('reads a single top-level object as row 1', () => {
    expect(parseText('json', ' {"personalId": "001199012345"} \n')).toEqual([{ row: 1, value: { personalId: '001199012345' } }]);
  });

  it('reads an empty array as no rows and no errors', () => {
    expect(parseText('json', '[ ]')).toEqual([]);
  });

  it.each([
    ['42', 'a number'],
    ['"x"', 'a string'],
    ['null', 'null'],
    ['true', 'a boolean'],
    ['-1', 'a number'],
    ['<xml/>', "the character '<'"],
  ])('rejects a top level of %s as one file-level error (row 0, field "file")', (text, what) => {
    expect(parseText('json', text)).toEqual([
      {
        row: 0,
        error: {
          row: 0,
          field: 'file',
          message: `a JSON record file must hold an array of record objects or a single record object, but it starts with ${what} (line 1)`,
        },
      },
    ]);
  });

  it('reports array elements that are not objects for their own row', () => {
    const rows = parseText('json', '[{"a":1}, 7, "s", null, [], {"a":2}]');
    expect(errors(rows).map((e) => [e.row, e.field, e.message.replace(/ \(.*\)$/, '')])).toEqual([
      [2, 'record', 'expected a JSON object, found a number'],
      [3, 'record', 'expected a JSON object, found a string'],
      [4, 'record', 'expected a JSON object, found null'],
      [5, 'record', 'expected a JSON object, found an array'],
    ]);
    expect(values(rows)).toEqual([
      [1, { a: 1 }],
      [6, { a: 2 }],
    ]);
  });

  it('resynchronises after a malformed element whose brackets and quotes balance', () => {
    const text = [
      '[',
      '{"a": 1},',
      '{"a": 2 "b": 3},', // missing comma inside
      '{"a": tru},', // bad literal
      '{"a": 4,},', // trailing comma inside
      '{"a": [5}},', // wrong bracket kind, same count
      '{"a": 6}',
      ']',
    ].join('\n');
    const rows = parseText('json', text, [3]);
    expect(values(rows)).toEqual([
      [1, { a: 1 }],
      [6, { a: 6 }],
    ]);
    expect(errors(rows).map((e) => [e.row, e.field])).toEqual([
      [2, 'record'],
      [3, 'record'],
      [4, 'record'],
      [5, 'record'],
    ]);
    expect(errors(rows)[0]?.message).toMatch(/^invalid JSON: .* \(record starting on line 3\)$/);
  });

  it('ends a string at a raw line break, so a missing closing quote costs only its record', () => {
    const text = '[\n{\n"fullName": "Lê Văn Tám,\n"sex": "M"\n},\n{\n"fullName": "Phạm Thị Hoa"\n}\n]';
    const rows = parseText('json', text, [5]);
    expect(errors(rows)).toEqual([{ row: 1, field: 'record', message: expect.stringMatching(/^invalid JSON: Bad control character.*line 2\)$/) }]);
    expect(values(rows)).toEqual([[2, { fullName: 'Phạm Thị Hoa' }]]);
  });

  it('reports a missing comma between records at file level and keeps both records', () => {
    const rows = parseText('json', '[{"a":1}\n{"a":2}]');
    expect(rows).toEqual([
      { row: 1, value: { a: 1 } },
      { row: 0, error: { row: 0, field: 'file', message: "missing ',' between records 1 and 2 (line 2)" } },
      { row: 2, value: { a: 2 } },
    ]);
  });

  it('reports stray commas at file level without spending row numbers', () => {
    const rows = parseText('json', '[,{"a":1},,{"a":2},]');
    expect(values(rows)).toEqual([
      [1, { a: 1 }],
      [2, { a: 2 }],
    ]);
    expect(errors(rows).map((e) => [e.row, e.field])).toEqual([
      [0, 'file'],
      [0, 'file'],
      [0, 'file'],
    ]);
    expect(errors(rows)[2]?.message).toBe("extra ',' before the closing ']' (line 1)");
  });

  it('keeps complete records of a truncated file and says the array was not closed', () => {
    expect(parseText('json', '[{"a":1},{"a":2}')).toEqual([
      { row: 1, value: { a: 1 } },
      { row: 2, value: { a: 2 } },
      { row: 0, error: { row: 0, field: 'file', message: "the file ends before the closing ']' of the top-level array (truncated file?)" } },
    ]);
    expect(parseText('json', '[{"a":1},')).toEqual([
      { row: 1, value: { a: 1 } },
      { row: 0, error: { row: 0, field: 'file', message: "the file ends before the closing ']' of the top-level array (truncated file?)" } },
    ]);
  });

  it('reports a record cut off by the end of the file for its row', () => {
    expect(errors(parseText('json', '[{"a":1},\n{"a": {"b": 2}'))).toEqual([
      {
        row: 2,
        field: 'record',
        message: 'the record starting on line 2 is not complete at the end of the file (1 bracket(s) not closed; truncated file?)',
      },
    ]);
    expect(errors(parseText('json', '{"a": "open'))[0]?.message).toContain('a string is not closed');
  });

  it('reports content after the top-level value at file level and ignores it', () => {
    const rows = parseText('json', '[{"a":1}] {"a":2}');
    expect(rows).toEqual([
      { row: 1, value: { a: 1 } },
      { row: 0, error: { row: 0, field: 'file', message: "unexpected content after the closing ']' of the top-level array (line 1); it was not read" } },
    ]);
    expect(errors(parseText('json', '{"a":1}\n{"a":2}\n'))[0]?.message).toMatch(/name the file \.ndjson/);
  });

  it('reports invalid UTF-8 in an element with the offset inside that record', () => {
    const bytes = concatBytes(utf8('[{"a":"x"},{"name":"'), new Uint8Array([0xe1, 0xba]), utf8('"},{"a":"y"}]'));
    const rows = parseBytes('json', bytes, [3]);
    expect(errors(rows)).toEqual([
      { row: 2, field: 'name', message: expect.stringContaining('invalid UTF-8 at byte offset 9 of the record') },
    ]);
    expect(values(rows)).toEqual([
      [1, { a: 'x' }],
      [3, { a: 'y' }],
    ]);
  });

  it('skips an element over the size limit without losing its neighbours', () => {
    const big = `{"photo":"${'Q'.repeat(3000)}","nested":[{"x":"]"}]}`;
    for (const chunks of [[16], [1000], [1 << 20]]) {
      const rows = parseText('json', `[{"a":1},${big},{"a":3}]`, chunks, { maxRecordBytes: 500 });
      expect(values(rows)).toEqual([
        [1, { a: 1 }],
        [3, { a: 3 }],
      ]);
      expect(errors(rows)).toEqual([
        {
          row: 2,
          field: 'record',
          message: `record is ${big.length.toLocaleString('en-US')} bytes, over the limit of 500 bytes; skipped without reading it (record starting on line 1)`,
        },
      ]);
    }
  });
});
