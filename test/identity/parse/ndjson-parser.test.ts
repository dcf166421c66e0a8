import { concatBytes, errors, parseBytes, parseText, utf8, values } from './parse-helpers';

describe('NDJSON parser', () => {
  it('reads one object per line, numbering rows by non-blank line', () => {
    const rows = parseText('ndjson', '{"a":1}\n\n   \n{"b":"Nguyễn"}\n');
    expect(rows).toEqual([
      { row: 1, value: { a: 1 } },
      { row: 2, value: { b: 'Nguyễn' } },
    ]);
  });

  it('accepts CRLF line ends and a last line without a line end', () => {
    expect(values(parseText('ndjson', '{"a":"x"}\r\n{"a":"y"}'))).toEqual([
      [1, { a: 'x' }],
      [2, { a: 'y' }],
    ]);
  });

  it('reports a line that is not JSON with the parse reason and the physical line, then goes on', () => {
    const rows = parseText('ndjson', '{"a":1}\n\n{"a":2,,}\n{"a":3}\n');
    expect(errors(rows)).toEqual([
      { row: 2, field: 'record', message: expect.stringMatching(/^invalid JSON: .*double-quoted property name.*line 3/) },
    ]);
    expect(values(rows)).toEqual([
      [1, { a: 1 }],
      [3, { a: 3 }],
    ]);
  });

  it('never quotes the record text in a syntax error (personal data stays out of reports)', () => {
    const [issue] = errors(parseText('ndjson', 'personalId 001199012345 Nguyen\n'));
    expect(issue?.message).toMatch(/^invalid JSON/);
    expect(issue?.message).not.toContain('001199012345');
  });

  it.each([
    ['[1,2]', 'an array'],
    ['"x"', 'a string'],
    ['42', 'a number'],
    ['null', 'null'],
    ['true', 'a boolean'],
  ])('rejects %s on a line with "expected a JSON object"', (line, what) => {
    expect(errors(parseText('ndjson', `${line}\n{"ok":1}\n`))).toEqual([
      { row: 1, field: 'record', message: `expected a JSON object, found ${what} (line 1)` },
    ]);
  });

  it('reports invalid UTF-8 with its byte offset in the line, naming the field when it can', () => {
    const bad = concatBytes(utf8('{"fullName":"Ng'), new Uint8Array([0xc3, 0x28]), utf8('n"}\n{"ok":1}\n'));
    const rows = parseBytes('ndjson', bad);
    expect(errors(rows)).toEqual([
      { row: 1, field: 'fullName', message: expect.stringContaining('invalid UTF-8 at byte offset 15 of the line') },
    ]);
    expect(values(rows)).toEqual([[2, { ok: 1 }]]);
  });

  it('falls back to field "record" when bad bytes sit outside any string value', () => {
    const bad = concatBytes(utf8('{"a":1}'), new Uint8Array([0xff]), utf8('\n'));
    expect(errors(parseBytes('ndjson', bad))).toEqual([
      { row: 1, field: 'record', message: expect.stringContaining('invalid UTF-8 at byte offset 7') },
    ]);
  });

  it('skips a line over the size limit, stating its size and the limit, and reads the next one', () => {
    const big = `{"photo":"${'A'.repeat(5000)}"}`;
    for (const chunks of [[7], [64], [100000]]) {
      const rows = parseText('ndjson', `{"a":1}\n${big}\n{"a":3}\n`, chunks, { maxRecordBytes: 1000 });
      expect(rows).toEqual([
        { row: 1, value: { a: 1 } },
        {
          row: 2,
          error: { row: 2, field: 'record', message: `record is ${big.length.toLocaleString('en-US')} bytes, over the limit of 1,000 bytes; skipped without reading it (line 2)` },
        },
        { row: 3, value: { a: 3 } },
      ]);
    }
  });

  it('accepts a line of exactly the limit', () => {
    const line = `{"x":"${'b'.repeat(92)}"}`; // 100 bytes
    expect(line.length).toBe(100);
    expect(values(parseText('ndjson', `${line}\r\n`, [3], { maxRecordBytes: 100 }))).toHaveLength(1);
    expect(errors(parseText('ndjson', `${line} \n`, [3], { maxRecordBytes: 100 }))).toHaveLength(1);
  });
});
