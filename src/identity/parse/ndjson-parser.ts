import { ByteAccumulator } from './byte-accumulator';
import { parseJsonRecord } from './json-record';
import { oversizeMessage } from './messages';
import { DEFAULT_MAX_RECORD_BYTES, type ParsedRow, type RecordParser, type RecordParserOptions } from './types';

const LF = 0x0a;
const CR = 0x0d;

/** True for the bytes JSON counts as whitespace (space, tab, CR, LF). */
export function isJsonWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (!isJsonWhitespace(bytes[i] as number)) return false;
  return true;
}

/**
 * NDJSON / JSON Lines: one JSON object per line, LF or CRLF. Blank (whitespace-only) lines are skipped and
 * not counted, so `row` is the number of the non-blank line; messages also give the physical line.
 * A line over the size limit is counted as a row, reported, and skipped byte by byte up to its line end
 * without being buffered.
 */
export class NdjsonParser implements RecordParser {
  private readonly maxRecordBytes: number;
  private readonly pending = new ByteAccumulator();
  /** While skipping an oversized line: its byte count so far; -1 when not skipping. */
  private skipped = -1;
  private row = 0;
  private line = 0;

  constructor(options: RecordParserOptions = {}) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  push(chunk: Uint8Array): ParsedRow[] {
    const out: ParsedRow[] = [];
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(LF, start);
      if (nl === -1) {
        this.keepPartial(chunk.subarray(start));
        break;
      }
      this.finishLine(chunk.subarray(start, nl), out);
      start = nl + 1;
    }
    return out;
  }

  end(): ParsedRow[] {
    const out: ParsedRow[] = [];
    if (this.skipped >= 0 || this.pending.length > 0) this.finishLine(new Uint8Array(0), out);
    return out;
  }

  private keepPartial(part: Uint8Array): void {
    if (this.skipped >= 0) {
      this.skipped += part.length;
    } else if (this.pending.length + part.length > this.maxRecordBytes + 1) {
      this.skipped = this.pending.length + part.length;
      this.pending.clear();
    } else {
      // Copy: the caller owns `part`'s memory, and a view would pin the whole chunk.
      this.pending.append(part.slice());
    }
  }

  private finishLine(tail: Uint8Array, out: ParsedRow[]): void {
    this.line++;
    if (this.skipped >= 0) {
      const size = this.skipped + tail.length;
      this.skipped = -1;
      this.row++;
      out.push(this.oversize(size));
      return;
    }
    const size = this.pending.length + tail.length;
    // Check before joining: a caller may push one chunk far larger than the limit. (+1: a CR may follow.)
    if (size > this.maxRecordBytes + 1) {
      this.pending.clear();
      this.row++;
      out.push(this.oversize(size));
      return;
    }
    let bytes = this.pending.concat(tail);
    this.pending.clear();
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === CR) end--;
    if (end > this.maxRecordBytes) {
      this.row++;
      out.push(this.oversize(end));
      return;
    }
    bytes = bytes.subarray(0, end);
    // Most lines start with "{": test that before scanning the whole line for blankness.
    if (end === 0 || (isJsonWhitespace(bytes[0] as number) && isBlank(bytes))) return;
    this.row++;
    out.push(parseJsonRecord(bytes, this.row, 'line', `line ${this.line}`));
  }

  private oversize(size: number): ParsedRow {
    const row = this.row;
    const message = oversizeMessage(size, this.maxRecordBytes, `line ${this.line}`);
    return { row, error: { row, field: 'record', message } };
  }
}
