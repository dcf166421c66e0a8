import { createRecordParser, type ParsedRow, type RecordFormat, type RecordParserOptions } from '../../../src/identity/parse';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Feeds `bytes` to a fresh parser in chunks of the given sizes (cycled), then ends it. */
export function parseBytes(
  format: RecordFormat,
  bytes: Uint8Array,
  chunkSizes: readonly number[] = [bytes.length || 1],
  options?: RecordParserOptions,
): ParsedRow[] {
  const parser = createRecordParser(format, options);
  const rows: ParsedRow[] = [];
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length] as number);
    // A fresh copy per chunk, then scribbled over after the push: the parser must not keep references.
    const chunk = bytes.slice(at, at + size);
    rows.push(...parser.push(chunk));
    chunk.fill(0x21);
    at += size;
  }
  rows.push(...parser.end());
  return rows;
}

/** Same as {@link parseBytes} for text. */
export function parseText(
  format: RecordFormat,
  text: string,
  chunkSizes?: readonly number[],
  options?: RecordParserOptions,
): ParsedRow[] {
  return parseBytes(format, utf8(text), chunkSizes, options);
}

/** The rows that carry values, as [row, value]. */
export function values(rows: ParsedRow[]): Array<[number, Record<string, unknown>]> {
  return rows.flatMap((r) => ('value' in r ? [[r.row, r.value] as [number, Record<string, unknown>]] : []));
}

/** The rows that carry errors, as the issues. */
export function errors(rows: ParsedRow[]): Array<{ row: number; field: string; message: string }> {
  return rows.flatMap((r) => ('error' in r ? [r.error] : []));
}

/** Joins byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A CSV writer written for the tests, independent of the parser: quotes a value when it contains a comma,
 * quote, CR or LF (or always, when `quoteAll`), doubling inner quotes.
 */
export function toCsv(columns: readonly string[], records: ReadonlyArray<Record<string, string>>, eol = '\n', quoteAll = false): string {
  const cell = (v: string): string => (quoteAll || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [columns.map(cell).join(','), ...records.map((r) => columns.map((c) => cell(r[c] ?? '')).join(','))];
  return lines.join(eol) + eol;
}
