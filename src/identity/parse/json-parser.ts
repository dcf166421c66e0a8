import { ByteAccumulator } from './byte-accumulator';
import { parseJsonRecord } from './json-record';
import { oversizeMessage } from './messages';
import { isJsonWhitespace } from './ndjson-parser';
import { DEFAULT_MAX_RECORD_BYTES, type ParsedRow, type RecordParser, type RecordParserOptions } from './types';

const LF = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

/** Where the scanner is in the file's top-level structure. */
const enum Mode {
  /** Before the first non-whitespace byte. */
  Start,
  /** Inside the top-level array, between elements. */
  Between,
  /** Inside one element (or the single top-level object). */
  Element,
  /** After the top-level value: only whitespace may follow. */
  After,
  /** After a file-level error that leaves nothing sensible to read: the rest is ignored. */
  Dead,
}

/**
 * JSON: a top-level array of record objects (row = 1-based element index), or a single object (row 1).
 *
 * The file is never parsed whole. A byte scanner finds where each array element starts and ends by tracking
 * strings (quotes, backslash escapes) and bracket depth, without checking brackets match in kind; each
 * element's bytes are then decoded and handed to JSON.parse on their own. So:
 * - a malformed element is reported for its row and the scanner goes on with the next element: any damage
 *   that keeps quotes and brackets balanced (a bad literal, a missing colon or comma inside the record, a
 *   trailing comma, a `]` where `}` belongs) costs that element only;
 * - a raw line break cannot occur inside a JSON string, so one ends any string still open: a missing closing
 *   quote costs only its own record, provided the record spans several lines (pretty-printed files);
 * - a missing or extra bracket shifts the depth count: the damaged element runs on until the count returns to
 *   the array level (one error for what it swallowed) or to the end of the file (one error: not closed);
 * - problems between elements (an extra or missing comma, a missing final `]`, content after the top-level
 *   value) are file-level errors (row 0, field "file") and do not cost any record;
 * - a top level that is neither an array nor an object is one file-level error; nothing else is read.
 */
export class JsonParser implements RecordParser {
  private readonly maxRecordBytes: number;
  private mode = Mode.Start;
  private top: 'array' | 'object' = 'array';
  /** In `Between`: the last token was a comma (or nothing but `[` has been seen when no element yet). */
  private afterComma = false;
  private elements = 0;
  private row = 0;
  /** 1-based line of the byte being scanned. */
  private line = 1;
  // Element scanning state, kept across chunks.
  private depth = 0;
  private inString = false;
  private escape = false;
  /** The element's value is complete at depth 0: anything but whitespace, `,` or `]` means a missing comma. */
  private complete = false;
  private elementLine = 1;
  private readonly pending = new ByteAccumulator();
  /** Bytes of the current element so far when it is being skipped for size; -1 when not skipping. */
  private skipped = -1;

  constructor(options: RecordParserOptions = {}) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  push(chunk: Uint8Array): ParsedRow[] {
    const out: ParsedRow[] = [];
    const n = chunk.length;
    let i = 0;
    // Start of the current element's bytes in this chunk.
    let segment = this.mode === Mode.Element ? 0 : -1;
    while (i < n) {
      switch (this.mode) {
        case Mode.Start: {
          const b = chunk[i] as number;
          if (isJsonWhitespace(b)) {
            if (b === LF) this.line++;
            i++;
          } else if (b === LBRACKET) {
            this.top = 'array';
            this.mode = Mode.Between;
            this.afterComma = false;
            i++;
          } else if (b === LBRACE) {
            this.top = 'object';
            this.startElement();
            segment = i;
          } else {
            out.push(fileError(`${describeTopLevel(b)} (line ${this.line})`));
            this.mode = Mode.Dead;
          }
          break;
        }
        case Mode.Between: {
          const b = chunk[i] as number;
          if (isJsonWhitespace(b)) {
            if (b === LF) this.line++;
            i++;
          } else if (b === RBRACKET) {
            if (this.afterComma) out.push(fileError(`extra ',' before the closing ']' (line ${this.line})`));
            this.mode = Mode.After;
            i++;
          } else if (b === COMMA) {
            if (this.afterComma || this.elements === 0) {
              out.push(fileError(`extra ',' in the top-level array: no record between the commas (line ${this.line})`));
            }
            this.afterComma = true;
            i++;
          } else {
            if (!this.afterComma && this.elements > 0) {
              out.push(fileError(`missing ',' between records ${this.row} and ${this.row + 1} (line ${this.line})`));
            }
            this.startElement();
            segment = i;
          }
          break;
        }
        case Mode.Element: {
          const stop = this.scanElement(chunk, i);
          if (stop === -1) {
            i = n;
            break;
          }
          // The single top-level object includes its closing brace; an array element ends before `,`/`]`.
          const end = this.top === 'object' ? stop + 1 : stop;
          out.push(this.finishElement(chunk.subarray(segment, end)));
          segment = -1;
          i = end;
          this.mode = this.top === 'object' ? Mode.After : Mode.Between;
          this.afterComma = false;
          break;
        }
        case Mode.After: {
          const b = chunk[i] as number;
          if (isJsonWhitespace(b)) {
            if (b === LF) this.line++;
            i++;
          } else {
            out.push(
              fileError(
                this.top === 'array'
                  ? `unexpected content after the closing ']' of the top-level array (line ${this.line}); ` +
                      'it was not read'
                  : `unexpected content after the top-level object (line ${this.line}): a JSON file holds one array ` +
                      `of records or one object; for one object per line, name the file .ndjson`,
              ),
            );
            this.mode = Mode.Dead;
          }
          break;
        }
        case Mode.Dead:
          i = n;
          break;
      }
    }
    if (this.mode === Mode.Element && segment !== -1) this.keepPartial(chunk.subarray(segment));
    return out;
  }

  end(): ParsedRow[] {
    const out: ParsedRow[] = [];
    if (this.mode === Mode.Element) {
      if (this.depth === 0 && !this.inString) {
        // A complete scalar or closed value with nothing after it: parse what there is.
        out.push(this.finishElement(new Uint8Array(0)));
        if (this.top === 'array') out.push(fileError(missingBracket()));
      } else {
        const row = this.row;
        const what = this.inString ? 'a string is not closed' : `${this.depth} bracket(s) not closed`;
        out.push({
          row,
          error: {
            row,
            field: 'record',
            message:
              `the record starting on line ${this.elementLine} is not complete at the end of the file ` +
              `(${what}; truncated file?)`,
          },
        });
      }
      this.pending.clear();
      this.skipped = -1;
    } else if (this.mode === Mode.Between) {
      out.push(fileError(missingBracket()));
    }
    this.mode = Mode.Dead;
    return out;
  }

  private startElement(): void {
    this.mode = Mode.Element;
    this.row++;
    this.elements++;
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.complete = false;
    this.elementLine = this.line;
  }

  /**
   * Scans element bytes from `from`. Returns the index of the byte that ends the element (the `,` or `]`
   * after an array element, the first byte of a following value when a comma is missing, or the closing `}`
   * of a single top-level object), or -1 when the chunk ends inside the element.
   */
  private scanElement(chunk: Uint8Array, from: number): number {
    // Locals: this loop runs over every byte of the file.
    let depth = this.depth;
    let inString = this.inString;
    let escape = this.escape;
    let complete = this.complete;
    let line = this.line;
    const arrayTop = this.top === 'array';
    const n = chunk.length;
    // Next backslash and line feed at or after the scan position (n when none), found lazily: inside strings,
    // where most bytes are, the scanner jumps from quote to quote with indexOf instead of looking at each byte.
    let nextBackslash = -1;
    let nextLineFeed = -1;
    let stop = -1;
    let i = from;
    while (i < n) {
      if (inString) {
        if (escape) {
          escape = false;
          if (chunk[i] !== LF) {
            i++;
            continue;
          }
        } else {
          if (nextBackslash < i) nextBackslash = indexOrEnd(chunk, BACKSLASH, i);
          if (nextLineFeed < i) nextLineFeed = indexOrEnd(chunk, LF, i);
          const quote = indexOrEnd(chunk, QUOTE, i);
          i = Math.min(quote, nextBackslash, nextLineFeed);
          if (i === n) break;
        }
        const b = chunk[i];
        if (b === LF) {
          // JSON forbids raw line breaks in strings: the string is broken; resume structure scanning here.
          inString = false;
          escape = false;
          line++;
        } else if (b === BACKSLASH) escape = true;
        else {
          inString = false;
          if (depth === 0) complete = true;
        }
        i++;
        continue;
      }
      const b = chunk[i] as number;
      if (b === LF) {
        line++;
        i++;
        continue;
      }
      if (complete && depth === 0 && startsValue(b)) {
        // A new value right after a complete one: a comma is missing. End the element here so the next
        // record is read on its own (the caller reports the missing comma).
        stop = i;
        break;
      }
      if (b === QUOTE) inString = true;
      else if (b === LBRACE || b === LBRACKET) depth++;
      else if (b === RBRACE || b === RBRACKET) {
        if (depth === 0) {
          if (arrayTop && b === RBRACKET) {
            stop = i;
            break;
          }
          // A stray closer at depth 0 stays in the element; JSON.parse reports it.
        } else {
          depth--;
          if (depth === 0) {
            complete = true;
            if (!arrayTop) {
              stop = i;
              break;
            }
          }
        }
      } else if (b === COMMA && depth === 0 && arrayTop) {
        stop = i;
        break;
      }
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    this.complete = complete;
    this.line = line;
    return stop;
  }

  private keepPartial(part: Uint8Array): void {
    if (this.skipped >= 0) {
      this.skipped += part.length;
    } else if (this.pending.length + part.length > this.maxRecordBytes) {
      this.skipped = this.pending.length + part.length;
      this.pending.clear();
    } else {
      this.pending.append(part.slice());
    }
  }

  private finishElement(tail: Uint8Array): ParsedRow {
    const row = this.row;
    const where = `record starting on line ${this.elementLine}`;
    if (this.skipped >= 0 || this.pending.length + tail.length > this.maxRecordBytes) {
      const size = this.skipped >= 0 ? this.skipped + tail.length : this.pending.length + tail.length;
      this.skipped = -1;
      this.pending.clear();
      return { row, error: { row, field: 'record', message: oversizeMessage(size, this.maxRecordBytes, where) } };
    }
    const bytes = this.pending.concat(tail);
    this.pending.clear();
    return parseJsonRecord(bytes, row, 'record', where);
  }
}

/** Index of `byte` in `bytes` at or after `from`, or `bytes.length` when there is none. */
function indexOrEnd(bytes: Uint8Array, byte: number, from: number): number {
  const at = bytes.indexOf(byte, from);
  return at === -1 ? bytes.length : at;
}

/** True for a byte that can open a JSON value (used to spot a missing comma between two records). */
function startsValue(b: number): boolean {
  return (
    b === LBRACE ||
    b === LBRACKET ||
    b === QUOTE ||
    b === 0x2d ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x74 || // t
    b === 0x66 || // f
    b === 0x6e // n
  );
}

function fileError(message: string): ParsedRow {
  return { row: 0, error: { row: 0, field: 'file', message } };
}

function missingBracket(): string {
  return "the file ends before the closing ']' of the top-level array (truncated file?)";
}

/** Message for a file whose first byte cannot open an array or an object. */
function describeTopLevel(b: number): string {
  let found: string;
  if (b === QUOTE) found = 'a string';
  else if (b === 0x2d || (b >= 0x30 && b <= 0x39)) found = 'a number';
  else if (b === 0x74 || b === 0x66) found = 'a boolean';
  else if (b === 0x6e) found = 'null';
  else if (b >= 0x21 && b <= 0x7e) found = `the character '${String.fromCharCode(b)}'`;
  else found = `the byte 0x${b.toString(16).padStart(2, '0')}`;
  return (
    'a JSON record file must hold an array of record objects or a single record object, ' +
    `but it starts with ${found}`
  );
}
