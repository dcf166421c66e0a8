import fc from 'fast-check';
import { RECORD_FORMATS, type ParsedRow } from '../../../src/identity/parse';
import { errors, parseBytes, parseText, toCsv, utf8, values } from './parse-helpers';

/** Characters that stress each format: separators, quotes, line ends, escapes, Vietnamese, astral. */
const TRICKY = [',', '"', '\n', '\r\n', '\r', '\\', ' ', '\t', '{', '}', '[', ']', 'Đ', 'ệ', 'ữ', 'Ờ', '😀', 'a', '0', "'"];
const trickyString = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 3 })), { maxLength: 8 }).map((parts) => parts.join(''));
const columnName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/);
const chunkSizes = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 });

const csvTable = fc.uniqueArray(columnName, { minLength: 2, maxLength: 6 }).chain((columns) =>
  fc.record({
    columns: fc.constant(columns),
    records: fc.array(fc.record(Object.fromEntries(columns.map((c) => [c, trickyString])) as Record<string, fc.Arbitrary<string>>), { maxLength: 12 }),
  }),
);

describe('round trips', () => {
  it('CSV: any records written as CSV read back as the same strings, in any chunking', () => {
    fc.assert(
      fc.property(csvTable, fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), fc.boolean(), chunkSizes, ({ columns, records }, eol, quoteAll, bom, lastEol, chunks) => {
        const csv = toCsv(columns, records, eol, quoteAll);
        const text = (bom ? '\uFEFF' : '') + (lastEol ? csv : csv.slice(0, -eol.length));
        const rows = parseText('csv', text, chunks);
        expect(errors(rows)).toEqual([]);
        expect(values(rows)).toEqual(records.map((r, k) => [k + 1, r]));
      }),
      { numRuns: 300 },
    );
  });

  it('NDJSON: any objects, one per line with blank lines between, read back equal with consecutive rows', () => {
    const line = fc.dictionary(fc.oneof(columnName, trickyString), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });
    const blank = fc.constantFrom('', ' ', '\t ', '\r');
    fc.assert(
      fc.property(fc.array(fc.tuple(line, blank, fc.boolean()), { maxLength: 10 }), fc.constantFrom('\n', '\r\n'), chunkSizes, (items, eol, chunks) => {
        const text = items.map(([obj, gap, withGap]) => JSON.stringify(obj) + eol + (withGap ? gap + eol : '')).join('');
        const rows = parseText('ndjson', text, chunks);
        if (items.length === 0) {
          expect(rows).toEqual([{ row: 0, error: { row: 0, field: 'file', message: 'file is empty' } }]);
          return;
        }
        expect(errors(rows)).toEqual([]);
        // JSON.parse(JSON.stringify(x)) is the reference: -0 and the like normalise the same way.
        expect(values(rows)).toEqual(items.map(([obj], k) => [k + 1, JSON.parse(JSON.stringify(obj))]));
      }),
      { numRuns: 300 },
    );
  });

  it('JSON: any array of objects, in any layout, reads back equal', () => {
    const obj = fc.dictionary(fc.oneof(columnName, trickyString), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    fc.assert(
      fc.property(fc.array(obj, { maxLength: 8 }), fc.constantFrom(undefined, 0, 2, '\t'), chunkSizes, (records, indent, chunks) => {
        const rows = parseText('json', JSON.stringify(records, null, indent), chunks);
        expect(rows).toEqual(records.map((r, k) => ({ row: k + 1, value: JSON.parse(JSON.stringify(r)) })));
      }),
      { numRuns: 300 },
    );
  });
});

/** Invariants every parse must keep, whatever the input. */
function checkInvariants(rows: ParsedRow[]): void {
  let last = 0;
  for (const r of rows) {
    if ('error' in r) {
      expect(r.error.row).toBe(r.row);
      expect(r.error.field).not.toBe('');
      expect(r.error.message).not.toBe('');
    } else {
      expect(typeof r.value).toBe('object');
      expect(Array.isArray(r.value)).toBe(false);
    }
    if (r.row !== 0) {
      expect(r.row).toBeGreaterThan(last);
      last = r.row;
    }
  }
}

describe('garbage in', () => {
  it.each(RECORD_FORMATS)('%s: random bytes never throw, only yield rows with increasing numbers', (format) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), chunkSizes, (bytes, chunks) => {
        checkInvariants(parseBytes(format, bytes, chunks, { maxRecordBytes: 64 }));
      }),
      { numRuns: 1000 },
    );
  });

  it.each(RECORD_FORMATS)('%s: random structural characters never throw', (format) => {
    const soup = fc.array(fc.constantFrom('"', ',', '\n', '\r', '{', '}', '[', ']', ':', '\\', 'a', ' ', '1'), { maxLength: 200 }).map((a) => a.join(''));
    fc.assert(
      fc.property(soup, chunkSizes, (text, chunks) => {
        checkInvariants(parseText(format, text, chunks, { maxRecordBytes: 50 }));
      }),
      { numRuns: 2000 },
    );
  });

  it('CSV: damaging one row with an unterminated quote loses only that row', () => {
    // Other values hold commas and quotes but no line breaks: a value starting with a line break after an
    // opening quote is the one layout the recovery cannot tell from a real multi-line field.
    const plain = fc.array(fc.constantFrom('a', 'Đ', ',', '"', ' ', 'ữ', '1'), { maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(plain, plain), { minLength: 1, maxLength: 10 }),
        fc.nat(),
        fc.constantFrom('\n', '\r\n'),
        chunkSizes,
        (pairs, at, eol, chunks) => {
          const records = pairs.map(([x, y]) => ({ x, y }));
          const k = at % records.length;
          const lines = toCsv(['x', 'y'], records, eol).split(eol);
          lines[k + 1] = `"broken ${k},${lines[k + 1]}`;
          const rows = parseText('csv', lines.join(eol), chunks);
          expect(errors(rows).map((e) => e.row)).toEqual([k + 1]);
          expect(values(rows)).toEqual(records.flatMap((r, j) => (j === k ? [] : [[j + 1, r]])));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('JSON: an element damaged without unbalancing brackets or quotes loses only that element', () => {
    const damage = fc.constantFrom(
      (s: string) => s.replace(':', ''),
      (s: string) => s.replace('{', '{,'),
      (s: string) => s.replace(/}$/, ',}'),
      (s: string) => s.replace(/}$/, ']'),
      (s: string) => s.replace(/^\{/, '{"x" 1,'),
    );
    const record = fc.dictionary(columnName, fc.oneof(trickyString, fc.integer()), { minKeys: 1, maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.nat(), damage, chunkSizes, (records, at, spoil, chunks) => {
        const k = at % records.length;
        const text = `[\n${records.map((r, j) => (j === k ? spoil(JSON.stringify(r)) : JSON.stringify(r))).join(',\n')}\n]`;
        const rows = parseText('json', text, chunks);
        expect(errors(rows).map((e) => [e.row, e.field])).toEqual([[k + 1, 'record']]);
        expect(values(rows)).toEqual(records.flatMap((r, j) => (j === k ? [] : [[j + 1, r]])));
      }),
      { numRuns: 500 },
    );
  });

  it('NDJSON: a damaged line loses only that line', () => {
    const record = fc.dictionary(columnName, fc.oneof(trickyString, fc.integer()), { minKeys: 1, maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), chunkSizes, (records, at, cut, chunks) => {
        const k = at % records.length;
        const lines = records.map((r) => JSON.stringify(r));
        const line = lines[k] as string;
        lines[k] = line.slice(0, 1 + (cut % (line.length - 1))); // truncated, not empty: never valid JSON
        const rows = parseBytes('ndjson', utf8(lines.join('\n')), chunks);
        expect(errors(rows).map((e) => e.row)).toEqual([k + 1]);
        const expectedRows = records.flatMap((r, j) => (j === k ? [] : [r]));
        expect(values(rows).map(([, v]) => v)).toEqual(expectedRows);
      }),
      { numRuns: 500 },
    );
  });
});
