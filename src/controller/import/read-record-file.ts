import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import {
  createRecordParser,
  detectFormat,
  type ParsedRow,
  type RecordFormat,
  type RecordParser,
} from '../../identity/parse';

/** Chunk size for reading record files: large enough to amortise I/O calls, small enough to bound memory. */
export const READ_CHUNK_BYTES = 64 * 1024;

/** How to read a record file. */
export interface ReadRecordFileOptions {
  /** The file's format; by default from its extension, else sniffed from its first bytes. */
  format?: RecordFormat;
  /** Largest record the parser buffers (default 16 MiB); bigger records are reported and skipped. */
  maxRecordBytes?: number;
  /** Read size in bytes (default {@link READ_CHUNK_BYTES}). */
  chunkBytes?: number;
}

/**
 * The rows of a record file, parsed as it streams in. Never throws for bad input: a file that cannot be
 * opened or read, or whose format cannot be told, yields one row-0 error (field "file") like every other
 * file-level problem.
 */
export async function* readRecordFile(path: string, opts: ReadRecordFileOptions = {}): AsyncIterable<ParsedRow> {
  for await (const batch of readRecordBatches(path, opts)) yield* batch;
}

/**
 * Like {@link readRecordFile}, one array of rows per chunk read. For callers that handle a million rows:
 * awaiting once per chunk instead of once per row keeps the promise machinery out of the hot path.
 */
export async function* readRecordBatches(path: string, opts: ReadRecordFileOptions = {}): AsyncIterable<ParsedRow[]> {
  let parser: RecordParser | null = null;
  try {
    const stream = createReadStream(path, { highWaterMark: opts.chunkBytes ?? READ_CHUNK_BYTES });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (parser === null) {
        const format = opts.format ?? detectFormat(path, chunk) ?? (isBlank(chunk) ? 'ndjson' : undefined);
        if (format === undefined) {
          stream.destroy();
          yield [fileError(`cannot tell the format of ${basename(path)}: name it .json, .ndjson (or .jsonl) or .csv`)];
          return;
        }
        parser = createRecordParser(format, { maxRecordBytes: opts.maxRecordBytes });
      }
      const rows = parser.push(chunk);
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    yield [fileError(`cannot read ${basename(path)}: ${describeIoError(error)}`)];
    return;
  }
  // An empty file produces no chunk at all: any parser reports it as empty.
  parser ??= createRecordParser(opts.format ?? 'ndjson', { maxRecordBytes: opts.maxRecordBytes });
  const rows = parser.end();
  if (rows.length > 0) yield rows;
}

/** Only whitespace and BOM bytes: such a file is reported as empty rather than of unknown format. */
function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    const whitespace = b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
    const bom = b === 0xef || b === 0xbb || b === 0xbf;
    if (!whitespace && !bom) return false;
  }
  return true;
}

function fileError(message: string): ParsedRow {
  return { row: 0, error: { row: 0, field: 'file', message } };
}

/** "no such file (ENOENT)" rather than a stack trace or a message that repeats the full path. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file (ENOENT)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EISDIR':
      return 'it is a directory (EISDIR)';
    default:
      return code !== undefined ? `${code}` : error instanceof Error ? error.message : String(error);
  }
}
