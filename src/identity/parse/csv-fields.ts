/**
 * Splitting one complete CSV record (RFC 4180) into its fields. The record boundary is found first by the
 * streaming byte scanner in csv-parser.ts; here the whole record is in memory, so the split can be strict and
 * report exactly what is wrong.
 */

/** What can be wrong with the quoting of one record. */
export type CsvQuotingProblem = 'unterminated' | 'text-after-quote' | 'quote-in-unquoted';

/** The field values (quotes removed, doubled quotes collapsed), or the first problem and its column. */
export type CsvSplit = { ok: true; fields: string[] } | { ok: false; column: number; problem: CsvQuotingProblem };

/**
 * Splits one decoded record (no line terminator) into fields. Works on the decoded text rather than the
 * bytes: one UTF-8 decode per record instead of one per field is what makes CSV as fast as NDJSON, and since
 * quote, comma and line feed are ASCII, which never occurs inside a UTF-8 multi-byte sequence, the split is
 * the same. Column numbers in problems are 0-based.
 */
export function splitCsvRecord(record: string): CsvSplit {
  const fields: string[] = [];
  const n = record.length;
  let i = 0;
  // Position of the next quote at or after `i`, cached so a long unquoted record is scanned once, not once
  // per field.
  let nextQuote = record.indexOf('"');
  for (;;) {
    const column = fields.length;
    if (i < n && record.charCodeAt(i) === 0x22) {
      let segmentStart = i + 1;
      let value = '';
      for (;;) {
        const q = record.indexOf('"', segmentStart);
        if (q === -1) return { ok: false, column, problem: 'unterminated' };
        if (record.charCodeAt(q + 1) === 0x22) {
          // A doubled quote stands for one quote character: keep the first, skip the second.
          value += record.slice(segmentStart, q + 1);
          segmentStart = q + 2;
          continue;
        }
        fields.push(value + record.slice(segmentStart, q));
        i = q + 1;
        break;
      }
      if (i === n) return { ok: true, fields };
      if (record.charCodeAt(i) !== 0x2c) return { ok: false, column, problem: 'text-after-quote' };
      i++;
      if (nextQuote !== -1 && nextQuote < i) nextQuote = record.indexOf('"', i);
    } else {
      const comma = record.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      if (nextQuote !== -1 && nextQuote < i) nextQuote = record.indexOf('"', i);
      if (nextQuote !== -1 && nextQuote < end) return { ok: false, column, problem: 'quote-in-unquoted' };
      fields.push(record.slice(i, end));
      if (comma === -1) return { ok: true, fields };
      i = comma + 1;
    }
  }
}

/**
 * The 0-based column that byte `offset` of a raw record falls in, counting commas outside quotes. Used to
 * name the column of an invalid UTF-8 byte, before the record could be decoded and split properly; on a
 * record whose quoting is also broken the answer is a best guess.
 */
export function columnAtByteOffset(record: Uint8Array, offset: number): number {
  let column = 0;
  let quoted = false;
  for (let i = 0; i < offset && i < record.length; i++) {
    const b = record[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x2c && !quoted) column++;
  }
  return column;
}

/** How each problem reads in an error message. */
export function describeQuotingProblem(problem: CsvQuotingProblem): string {
  switch (problem) {
    case 'unterminated':
      return 'a quoted field is not closed: the closing quote is missing';
    case 'text-after-quote':
      return 'text after the closing quote of a quoted field (a quote inside a quoted field must be doubled: "")';
    case 'quote-in-unquoted':
      return 'a quote inside an unquoted field (a field holding quotes must itself be quoted, with each quote doubled)';
  }
}
