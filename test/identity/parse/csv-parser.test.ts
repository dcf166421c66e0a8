import { concatBytes, errors, parseBytes, parseText, utf8, values } from './parse-helpers';

const HEADER = 'personalId,fullName,placeOfResidence\n';

describe('CSV parser', () => {
  it.each([[[1]], [[3, 7]], [[65536]]])('reads rows by header names, header excluded from row numbers (chunks %p)', (chunks) => {
    const text =
      HEADER +
      '001199012345,Nguyễn Thị Mai,"Số 12, Phố Huế, Hà Nội"\r\n' +
      '\r\n' +
      '079201000001,"Trần ""Tí"" Văn","Ấp 3,\r\nXã Tân Thông Hội"\r\n' +
      '002300000002,,\n';
    expect(parseText('csv', text, chunks)).toEqual([
      { row: 1, value: { personalId: '001199012345', fullName: 'Nguyễn Thị Mai', placeOfResidence: 'Số 12, Phố Huế, Hà Nội' } },
      { row: 2, value: { personalId: '079201000001', fullName: 'Trần "Tí" Văn', placeOfResidence: 'Ấp 3,\r\nXã Tân Thông Hội' } },
      { row: 3, value: { personalId: '002300000002', fullName: '', placeOfResidence: '' } },
    ]);
  });

  it('keeps cells exactly as written (no trimming) and trims header names', () => {
    expect(parseText('csv', ' a , b\n x ,"  y "\n')).toEqual([{ row: 1, value: { a: ' x ', b: '  y ' } }]);
  });

  it('passes unknown columns through to the validator', () => {
    expect(values(parseText('csv', 'personalId,favouriteColour\n1,blue\n'))).toEqual([[1, { personalId: '1', favouriteColour: 'blue' }]]);
  });

  it('stores a column named __proto__ as data, not as the prototype', () => {
    const [[, value]] = values(parseText('csv', '__proto__,a\nx,y\n')) as [[number, Record<string, unknown>]];
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
  });

  it('reports a quote inside an unquoted field for its column and goes on', () => {
    const rows = parseText('csv', `${HEADER}1,Lê "Tèo",x\n2,ok,y\n`);
    expect(errors(rows)).toEqual([{ row: 1, field: 'fullName', message: expect.stringMatching(/^a quote inside an unquoted field .*\(line 2\)$/) }]);
    expect(values(rows)).toEqual([[2, { personalId: '2', fullName: 'ok', placeOfResidence: 'y' }]]);
  });

  it('reports text after a closing quote for its column and goes on', () => {
    const rows = parseText('csv', `${HEADER}1,"Lê" Tèo,x\n2,ok,y\n`);
    expect(errors(rows)).toEqual([{ row: 1, field: 'fullName', message: expect.stringMatching(/^text after the closing quote .*\(line 2\)$/) }]);
    expect(values(rows)).toHaveLength(1);
  });

  it.each([
    ['1,a\n', 2],
    ['1,a,b,c\n', 4],
  ])('reports a row with the wrong number of fields (%j)', (line, count) => {
    const rows = parseText('csv', `${HEADER}${line}2,ok,y\n`);
    expect(errors(rows)).toEqual([{ row: 1, field: 'record', message: `the row has ${count} fields but the header has 3 columns (line 2)` }]);
    expect(values(rows)).toEqual([[2, { personalId: '2', fullName: 'ok', placeOfResidence: 'y' }]]);
  });

  it('recovers from an unterminated quote: reports the row where it started, resumes at the next line', () => {
    const text = `${HEADER}1,"Nguyễn Văn A,x\n2,"Lê Văn B",y\n3,"C",z\n`;
    const rows = parseText('csv', text, [4]);
    expect(errors(rows)).toEqual([
      {
        row: 1,
        field: 'fullName',
        message: expect.stringMatching(/^text after the closing quote .*\(lines 2-3\); .*reading resumes at line 3$/),
      },
    ]);
    expect(values(rows)).toEqual([
      [2, { personalId: '2', fullName: 'Lê Văn B', placeOfResidence: 'y' }],
      [3, { personalId: '3', fullName: 'C', placeOfResidence: 'z' }],
    ]);
  });

  it('recovers from a quote left open to the end of the file', () => {
    const rows = parseText('csv', `${HEADER}1,ok,a\n2,"never closed,b\n3,x,c\n4,y,d`, [2]);
    expect(errors(rows)).toEqual([
      { row: 2, field: 'fullName', message: expect.stringMatching(/^a quoted field is not closed.*\(lines 3-5\).*resumes at line 4$/) },
    ]);
    expect(values(rows).map(([row, v]) => [row, v.personalId])).toEqual([
      [1, '1'],
      [3, '3'],
      [4, '4'],
    ]);
  });

  it('reports an unterminated quote on the last line without anything to recover', () => {
    expect(errors(parseText('csv', `${HEADER}1,"open,x`))).toEqual([
      { row: 1, field: 'fullName', message: 'a quoted field is not closed: the closing quote is missing (line 2)' },
    ]);
  });

  it('treats a quoted field that crosses a line and outgrows the limit as an unbalanced quote', () => {
    const filler = Array.from({ length: 50 }, (_, k) => `${k + 10},name ${k},addr`).join('\n');
    const text = `${HEADER}1,"open,x\n${filler}\n`;
    const rows = parseText('csv', text, [64], { maxRecordBytes: 300 });
    const errs = errors(rows);
    expect(errs[0]).toEqual({ row: 1, field: 'record', message: expect.stringMatching(/starts on line 2 is still open after .* over the limit of 300 bytes: probably a missing closing quote; reading resumes at line 3$/) });
    expect(errs).toHaveLength(1);
    expect(values(rows).map(([row, v]) => [row, v.personalId])).toEqual(Array.from({ length: 50 }, (_, k) => [k + 2, String(k + 10)]));
  });

  it('skips a one-line record over the limit and reads the next', () => {
    const big = 'Z'.repeat(2000);
    for (const chunks of [[50], [100000]]) {
      const rows = parseText('csv', `${HEADER}1,"${big}",x\n2,ok,y\n`, chunks, { maxRecordBytes: 500 });
      expect(errors(rows)).toEqual([
        { row: 1, field: 'record', message: `record is ${`1,"${big}",x`.length.toLocaleString('en-US')} bytes, over the limit of 500 bytes; skipped without reading it (line 2)` },
      ]);
      expect(values(rows)).toEqual([[2, { personalId: '2', fullName: 'ok', placeOfResidence: 'y' }]]);
    }
  });

  it('keeps line numbers right after skipping an oversized record that spans lines', () => {
    const text = `${HEADER}1,"${'A'.repeat(600)}\nB\nC",x\n2,ok,y\n3,"bad"x,z\n`;
    for (const chunks of [[64], [100000]]) {
      const rows = parseText('csv', text, chunks, { maxRecordBytes: 300 });
      expect(errors(rows)).toEqual([
        { row: 1, field: 'record', message: expect.stringMatching(/^record is 6\d\d bytes, over the limit of 300 bytes; skipped without reading it \(line 2\)$/) },
        { row: 3, field: 'fullName', message: expect.stringMatching(/\(line 6\)$/) },
      ]);
      expect(values(rows)).toEqual([[2, { personalId: '2', fullName: 'ok', placeOfResidence: 'y' }]]);
    }
  });

  it('reports invalid UTF-8 for its column with the offset in the record', () => {
    const bytes = concatBytes(utf8(`${HEADER}1,Ph`), new Uint8Array([0x80]), utf8('m,x\n2,ok,y\n'));
    const rows = parseBytes('csv', bytes, [5]);
    expect(errors(rows)).toEqual([{ row: 1, field: 'fullName', message: expect.stringContaining('invalid UTF-8 at byte offset 4 of the record') }]);
    expect(values(rows)).toHaveLength(1);
  });

  describe('header', () => {
    it.each([
      ['a,,b\n1,2,3\n', 'bad header (line 1): column 2 has no name'],
      ['a, \n1,2\n', 'bad header (line 1): column 2 has no name'],
      [',\n1,2\n', 'bad header (line 1): column 1 has no name'],
      ['a,b,a\n1,2,3\n', 'bad header (line 1): column name "a" appears twice (columns 1 and 3)'],
      ['a,"b\n', 'bad header (lines 1-2), column 2: a quoted field is not closed: the closing quote is missing'],
    ])('rejects %j as one file-level error and reads nothing more', (text, message) => {
      expect(parseText('csv', text)).toEqual([{ row: 0, error: { row: 0, field: 'header', message } }]);
    });

    it('skips blank lines before the header', () => {
      expect(values(parseText('csv', '\n\r\na,b\n1,2\n'))).toEqual([[1, { a: '1', b: '2' }]]);
    });

    it('gives a header-only file no rows and no errors', () => {
      expect(parseText('csv', 'a,b\r\n')).toEqual([]);
    });
  });
});
