import { CsvParser } from './csv-parser';
import { JsonParser } from './json-parser';
import { NdjsonParser, isJsonWhitespace } from './ndjson-parser';
import type { ParsedRow, RecordFormat, RecordParser, RecordParserOptions } from './types';

const BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * A streaming parser for record files of `format`. Whatever the format, a UTF-8 byte order mark at the start
 * of the file is skipped, and a file with no content (0 bytes, or only whitespace and a BOM) yields one
 * error: row 0, field "file", "file is empty".
 */
export function createRecordParser(format: RecordFormat, options: RecordParserOptions = {}): RecordParser {
  switch (format) {
    case 'json':
      return new FilePreamble(new JsonParser(options));
    case 'ndjson':
      return new FilePreamble(new NdjsonParser(options));
    case 'csv':
      return new FilePreamble(new CsvParser(options));
  }
}

/**
 * What every format shares about the start of a file: the BOM (which may arrive split across chunks) and
 * the empty-file check. Everything else passes straight through to the format's parser.
 */
class FilePreamble implements RecordParser {
  /** Bytes of a possible BOM seen so far; null once the start of the file is settled. */
  private head: number[] | null = [];
  private sawContent = false;

  constructor(private readonly inner: RecordParser) {}

  push(chunk: Uint8Array): ParsedRow[] {
    let bytes = chunk;
    if (this.head !== null) {
      let i = 0;
      while (i < bytes.length && this.head.length < BOM.length && bytes[i] === BOM[this.head.length]) {
        this.head.push(bytes[i] as number);
        i++;
      }
      if (this.head.length === BOM.length) {
        this.head = null; // a complete BOM: drop it
        bytes = bytes.subarray(i);
      } else if (i < bytes.length) {
        // Not a BOM after all: give back the bytes held as a possible BOM start.
        const held = Uint8Array.from(this.head);
        this.head = null;
        return [...this.feed(held), ...this.feed(bytes.subarray(i))];
      } else {
        return []; // the chunk ended inside what may still be a BOM
      }
    }
    return this.feed(bytes);
  }

  end(): ParsedRow[] {
    const rows: ParsedRow[] = [];
    if (this.head !== null && this.head.length > 0) {
      // The file ended inside what began like a BOM: those bytes are content (and not valid UTF-8).
      rows.push(...this.feed(Uint8Array.from(this.head)));
    }
    this.head = null;
    if (!this.sawContent) return [...rows, { row: 0, error: { row: 0, field: 'file', message: 'file is empty' } }];
    return [...rows, ...this.inner.end()];
  }

  private feed(bytes: Uint8Array): ParsedRow[] {
    if (!this.sawContent) {
      for (let i = 0; i < bytes.length; i++) {
        if (!isJsonWhitespace(bytes[i] as number)) {
          this.sawContent = true;
          break;
        }
      }
    }
    return bytes.length === 0 ? [] : this.inner.push(bytes);
  }
}
