import { detectFormat } from '../../../src/identity/parse';
import { utf8 } from './parse-helpers';

describe('detectFormat', () => {
  it.each([
    ['records.json', 'json'],
    ['RECORDS.JSON', 'json'],
    ['a/b/x.ndjson', 'ndjson'],
    ['x.JSONL', 'ndjson'],
    ['export.csv', 'csv'],
  ])('goes by the extension of %s, whatever the content', (name, format) => {
    expect(detectFormat(name, utf8('personalId,fullName\n'))).toBe(format);
  });

  it.each([
    ['[{"a":1}]', 'json'],
    ['\uFEFF \n [', 'json'],
    ['{"a":1}\n{"a":2}\n', 'ndjson'],
    ['{"a":1}', 'ndjson'],
    ['{\n  "a": 1\n}\n', 'json'],
    ['{"a": "cut off in the hea', 'json'],
    ['personalId,fullName\r\n1,x', 'csv'],
  ])('sniffs %j', (head, format) => {
    expect(detectFormat('upload.dat', utf8(head))).toBe(format);
  });

  it.each(['', '  \n', 'just some words\n', '\uFEFF'])('cannot tell %j', (head) => {
    expect(detectFormat('upload', utf8(head))).toBeUndefined();
  });
});
