import { ByteAccumulator } from './byte-accumulator';
import { columnAtByteOffset, describeQuotingProblem, splitCsvRecord } from './csv-fields';
import { decodeUtf8 } from './utf8';
import { describeBytes, invalidUtf8Message, oversizeMessage } from './messages';
import { DEFAULT_MAX_RECORD_BYTES, type ParsedRow, type RecordParser, type RecordParserOptions } from './types';
import type { RecordIssue } from '../record';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;

/** Scanner state, just enough to tell whether a line feed ends the record or sits inside a quoted field. */
const enum Scan {
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a quote inside a quoted field: either the closing quote or the first half of `""`. */
  QuoteInQuoted,
}

/**
 * CSV (RFC 4180) with a header row naming the record contract's columns. LF or CRLF line ends; a line feed
 * inside a quoted field belongs to the field.
 *
 * Rows: the header is not a row; `row` is the 1-based number of the data record. Blank lines (empty or only
 * spaces/tabs) are skipped and not counted. Messages also give the physical line(s).
 *
 * Values: every cell is a string, exactly as written (no trimming); an empty cell is `''`. Header names are
 * trimmed of surrounding whitespace; unknown names pass through to the validator. A header with an empty or
 * duplicated name is a file-level error (row 0, field "header") and the file is not read further: without
 * trustworthy column names no row can be.
 *
 * Errors: a row whose quoting is broken or whose field count differs from the header's is reported (field:
 * the column's name where known, else "record") and skipped; invalid UTF-8 is reported for its column.
 *
 * Recovery from an unbalanced quote: a record that spans several physical lines (a line feed inside quotes)
 * is accepted only when it splits cleanly into the header's number of fields. Otherwise the quote that opened
 * the multi-line field is taken to be unbalanced: the error is reported for the row where the record
 * started, and parsing resumes at the physical line after that row's start, so the following rows are read
 * on their own. The same happens when the file ends inside a quoted field, and when a quoted field that has
 * crossed a line break grows past the size limit. A legitimate multi-line record that is wrong in another
 * way (say a missing column) is therefore reported once and its later lines are read again as rows, which
 * then fail too: a few extra errors, never a lost good row.
 *
 * Size: a record over the limit is reported with its size and skipped without being buffered; if the file
 * ends while such a record is inside a quoted field, the rest of the file cannot be re-read (it was not
 * kept) and the error says so.
 */
export class CsvParser implements RecordParser {
  private readonly maxRecordBytes: number;
  private header: string[] | null = null;
  /** Set after a header error: nothing more is read. */
  private dead = false;
  private state = Scan.FieldStart;
  /** The current record has a line feed inside a quoted field. */
  private quotedLineFeed = false;
  private readonly pending = new ByteAccumulator();
  /** Byte count of a record being skipped for size; -1 when not skipping. */
  private skipped = -1;
  /** Line feeds inside the record being skipped, so line numbers stay right after it. */
  private skippedLineFeeds = 0;
  private row = 0;
  /** Physical line (1-based) on which the current record starts. */
  private recordLine = 1;

  constructor(options: RecordParserOptions = {}) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  push(chunk: Uint8Array): ParsedRow[] {
    const out: ParsedRow[] = [];
    this.run(chunk, out);
    return out;
  }

  end(): ParsedRow[] {
    const out: ParsedRow[] = [];
    // A replay can leave a new partial record behind, hence the loop; each pass consumes at least a line.
    while (!this.dead && (this.pending.length > 0 || this.skipped >= 0)) {
      if (this.skipped >= 0) {
        this.finishSkipped(out, true);
        break;
      }
      const raw = this.pending.concat();
      this.pending.clear();
      const quotedLineFeed = this.quotedLineFeed;
      const replay = this.finishRecord(raw, quotedLineFeed, true, out);
      this.resetScan();
      if (replay !== null) this.run(replay, out);
    }
    this.dead = true;
    return out;
  }

  /** Feeds bytes through the scanner; bytes to re-read after a recovery are processed before the rest. */
  private run(input: Uint8Array, out: ParsedRow[]): void {
    // An explicit stack instead of recursion: replays can nest on a badly broken file.
    const work: Uint8Array[] = [input];
    while (work.length > 0 && !this.dead) {
      const bytes = work.pop() as Uint8Array;
      const resume = this.scan(bytes, out, work);
      if (resume !== null) {
        // `scan` stopped to replay: first the replay (pushed last), then the rest of this input.
        const replay = work.pop() as Uint8Array;
        work.push(bytes.subarray(resume), replay);
      }
    }
  }

  /**
   * Scans `bytes`, finishing every record whose line feed it contains. Returns null when all bytes were
   * consumed, or the index to resume from after a replay, which it has pushed onto `work`.
   */
  private scan(bytes: Uint8Array, out: ParsedRow[], work: Uint8Array[]): number | null {
    const n = bytes.length;
    let state = this.state;
    let quotedLineFeed = this.quotedLineFeed;
    let start = 0;
    for (let i = 0; i < n; i++) {
      const b = bytes[i] as number;
      if (state === Scan.Unquoted) {
        if (b === COMMA) state = Scan.FieldStart;
        else if (b !== LF) continue;
      } else if (state === Scan.Quoted) {
        if (b === QUOTE) state = Scan.QuoteInQuoted;
        else if (b === LF) quotedLineFeed = true;
        continue;
      } else if (state === Scan.FieldStart) {
        if (b === QUOTE) state = Scan.Quoted;
        else if (b !== COMMA && b !== LF) state = Scan.Unquoted;
      } else {
        // QuoteInQuoted
        if (b === QUOTE) state = Scan.Quoted;
        else if (b === COMMA) state = Scan.FieldStart;
        else if (b !== LF) state = Scan.Unquoted;
      }
      if (b !== LF) continue;
      // End of a record.
      let replay: Uint8Array | null = null;
      if (this.skipped >= 0) {
        this.skipped += i - start;
        this.skippedLineFeeds += countLineFeeds(bytes, start, i);
        this.finishSkipped(out, false);
      } else if (this.pending.length + (i - start) > this.maxRecordBytes + 1) {
        // Only reachable when one input is larger than the limit; the held part was checked on arrival.
        const size = this.pending.length + (i - start);
        const lineFeeds = this.pending.count(LF) + countLineFeeds(bytes, start, i);
        this.pending.clear();
        this.reportOversize(size, lineFeeds, out);
      } else {
        const raw = this.pending.concat(bytes.subarray(start, i));
        this.pending.clear();
        replay = this.finishRecord(raw, quotedLineFeed, false, out);
      }
      state = Scan.FieldStart;
      quotedLineFeed = false;
      start = i + 1;
      if (this.dead) return null;
      if (replay !== null) {
        this.state = state;
        this.quotedLineFeed = quotedLineFeed;
        work.push(replay);
        return start;
      }
    }
    this.state = state;
    this.quotedLineFeed = quotedLineFeed;
    if (start < n) this.keepPartial(bytes.subarray(start), out, work);
    return null;
  }

  private resetScan(): void {
    this.state = Scan.FieldStart;
    this.quotedLineFeed = false;
  }

  /** Holds the unfinished tail of the input, or starts skipping (or recovering) when it grows too big. */
  private keepPartial(part: Uint8Array, out: ParsedRow[], work: Uint8Array[]): void {
    if (this.skipped >= 0) {
      this.skipped += part.length;
      this.skippedLineFeeds += countLineFeeds(part, 0, part.length);
      return;
    }
    if (this.pending.length + part.length <= this.maxRecordBytes + 1) {
      // Copy: the caller owns `part`'s memory, and a view would pin the whole chunk.
      this.pending.append(part.slice());
      return;
    }
    const inQuotes = this.state === Scan.Quoted || this.state === Scan.QuoteInQuoted;
    if (inQuotes && this.quotedLineFeed && this.header !== null) {
      // A quoted field that has crossed a line break and keeps growing: almost surely an unbalanced quote.
      // Report it and re-read from the line after the record's start (the bytes are still held).
      const raw = this.pending.concat(part);
      this.pending.clear();
      const line = this.recordLine;
      this.pushIssue(out, ++this.row, 'record',
        `a quoted field that starts on line ${line} is still open after ${describeBytes(raw.length)}, over the ` +
          `limit of ${describeBytes(this.maxRecordBytes)}: probably a missing closing quote; ` +
          `reading resumes at line ${line + 1}`);
      this.recordLine = line + 1;
      this.resetScan();
      work.push(raw.subarray(raw.indexOf(LF) + 1));
      return;
    }
    this.skipped = this.pending.length + part.length;
    this.skippedLineFeeds = this.pending.count(LF) + countLineFeeds(part, 0, part.length);
    this.pending.clear();
  }

  /** Ends a record that was skipped for size. */
  private finishSkipped(out: ParsedRow[], atEnd: boolean): void {
    const size = this.skipped;
    this.skipped = -1;
    const inQuotes = this.state === Scan.Quoted || this.state === Scan.QuoteInQuoted;
    if (atEnd && inQuotes) {
      this.pushIssue(out, this.header === null ? 0 : ++this.row, this.header === null ? 'header' : 'record',
        `${oversizeMessage(size, this.maxRecordBytes, `starting on line ${this.recordLine}`)}; the file ends inside ` +
          `one of its quoted fields, so a quote is probably unbalanced and the rest of the file could not be read`);
      if (this.header === null) this.dead = true;
      return;
    }
    this.reportOversize(size, this.skippedLineFeeds, out);
  }

  private reportOversize(size: number, lineFeeds: number, out: ParsedRow[]): void {
    const line = this.recordLine;
    this.recordLine = line + 1 + lineFeeds;
    if (this.header === null) {
      this.pushIssue(out, 0, 'header', `header ${oversizeMessage(size, this.maxRecordBytes, `line ${line}`)}`);
      this.dead = true;
      return;
    }
    this.pushIssue(out, ++this.row, 'record', oversizeMessage(size, this.maxRecordBytes, `line ${line}`));
  }

  /**
   * Handles one complete record (`raw` without its line feed). Returns the bytes to re-read when the record
   * is rejected under the unbalanced-quote recovery rule, else null.
   */
  private finishRecord(raw: Uint8Array, quotedLineFeed: boolean, atEnd: boolean, out: ParsedRow[]): Uint8Array | null {
    const startLine = this.recordLine;
    const lineFeeds = quotedLineFeed ? countLineFeeds(raw, 0, raw.length) : 0;
    this.recordLine = startLine + lineFeeds + 1;
    const lines = lineFeeds === 0 ? `line ${startLine}` : `lines ${startLine}-${startLine + lineFeeds}`;
    let end = raw.length;
    if (end > 0 && raw[end - 1] === CR) end--;
    const record = raw.subarray(0, end);
    if (isBlankLine(record)) return null;
    if (this.header === null) {
      this.readHeader(record, lines, out);
      return null;
    }
    const row = ++this.row;
    const decoded = decodeUtf8(record);
    if (!decoded.ok) {
      this.pushIssue(out, row, this.columnName(columnAtByteOffset(record, decoded.offset)),
        `${invalidUtf8Message(decoded.offset, 'record')} (${lines})`);
      return null;
    }
    const split = splitCsvRecord(decoded.text);
    let problem: { field: string; message: string } | null = null;
    if (!split.ok) {
      problem = { field: this.columnName(split.column), message: describeQuotingProblem(split.problem) };
    } else if (split.fields.length !== this.header.length) {
      const count = split.fields.length;
      problem = {
        field: 'record',
        message: `the row has ${count} field${count === 1 ? '' : 's'} but the header has ${this.header.length} columns`,
      };
    }
    if (problem !== null) {
      if (lineFeeds > 0) {
        // Unbalanced-quote recovery: see the class comment.
        this.recordLine = startLine + 1;
        this.pushIssue(out, row, problem.field,
          `${problem.message} (${lines}); the record spans several lines, so a quote is probably unbalanced: ` +
            `reading resumes at line ${startLine + 1}`);
        const from = raw.indexOf(LF) + 1;
        if (atEnd) return raw.subarray(from);
        const replay = new Uint8Array(raw.length - from + 1);
        replay.set(raw.subarray(from));
        replay[replay.length - 1] = LF;
        return replay;
      }
      this.pushIssue(out, row, problem.field, `${problem.message} (${lines})`);
      return null;
    }
    const fields = (split as { fields: string[] }).fields;
    const header = this.header;
    const value: Record<string, unknown> = {};
    for (let k = 0; k < fields.length; k++) setOwn(value, header[k] as string, fields[k] as string);
    out.push({ row, value });
    return null;
  }

  private readHeader(record: Uint8Array, lines: string, out: ParsedRow[]): void {
    this.dead = true; // until proven good
    const decoded = decodeUtf8(record);
    if (!decoded.ok) {
      const column = columnAtByteOffset(record, decoded.offset) + 1;
      const reason = invalidUtf8Message(decoded.offset, 'header line');
      this.pushIssue(out, 0, 'header', `bad header (${lines}), column ${column}: ${reason}`);
      return;
    }
    const split = splitCsvRecord(decoded.text);
    if (!split.ok) {
      const reason = describeQuotingProblem(split.problem);
      this.pushIssue(out, 0, 'header', `bad header (${lines}), column ${split.column + 1}: ${reason}`);
      return;
    }
    const names: string[] = [];
    for (let k = 0; k < split.fields.length; k++) {
      const name = (split.fields[k] as string).trim();
      if (name === '') {
        this.pushIssue(out, 0, 'header', `bad header (${lines}): column ${k + 1} has no name`);
        return;
      }
      const first = names.indexOf(name);
      if (first !== -1) {
        const message = `column name "${name}" appears twice (columns ${first + 1} and ${k + 1})`;
        this.pushIssue(out, 0, 'header', `bad header (${lines}): ${message}`);
        return;
      }
      names.push(name);
    }
    this.header = names;
    this.dead = false;
  }

  private columnName(column: number): string {
    return this.header?.[column] ?? 'record';
  }

  private pushIssue(out: ParsedRow[], row: number, field: string, message: string): void {
    const error: RecordIssue = { row, field, message };
    out.push({ row, error });
  }
}

function countLineFeeds(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = bytes.indexOf(LF, from); i !== -1 && i < to; i = bytes.indexOf(LF, i + 1)) count++;
  return count;
}

function isBlankLine(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}

/** Sets an own data property even for a column named `__proto__` (plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
