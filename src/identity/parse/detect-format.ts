import { isJsonWhitespace } from './ndjson-parser';
import type { RecordFormat } from './types';

const EXTENSIONS: ReadonlyArray<readonly [string, RecordFormat]> = [
  ['.json', 'json'],
  ['.ndjson', 'ndjson'],
  ['.jsonl', 'ndjson'],
  ['.csv', 'csv'],
];

const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * The format of a record file: by its extension (`.json`, `.ndjson` / `.jsonl`, `.csv`, any case) when it
 * has one of those, else by sniffing `head` (the first bytes, a few kilobytes are plenty):
 * - first non-blank character `[` -> json;
 * - `{` -> ndjson when the first line is a complete JSON object on its own (a one-record NDJSON file and a
 *   one-object JSON file read the same), else json (a pretty-printed object);
 * - anything else that has a comma in its first line -> csv.
 * Returns undefined when the head is empty or blank or fits none of these: the caller must ask for a format.
 */
export function detectFormat(fileName: string, head: Uint8Array): RecordFormat | undefined {
  const lower = fileName.toLowerCase();
  for (const [extension, format] of EXTENSIONS) if (lower.endsWith(extension)) return format;

  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && isJsonWhitespace(head[i] as number)) i++;
  if (i >= head.length) return undefined;
  const first = head[i];
  if (first === 0x5b) return 'json';
  const lineEnd = head.indexOf(0x0a, i);
  const firstLine = head.subarray(i, lineEnd === -1 ? head.length : lineEnd);
  if (first === 0x7b) {
    try {
      const value: unknown = JSON.parse(UTF8.decode(firstLine));
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? 'ndjson' : 'json';
    } catch {
      return 'json';
    }
  }
  return firstLine.includes(0x2c) ? 'csv' : undefined;
}
