import { decodeUtf8 } from './utf8';
import { describeJsonValue, invalidUtf8Message, jsonSyntaxMessage } from './messages';
import type { ParsedRow } from './types';

const LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Turns the bytes of one JSON record (an NDJSON line, or one element of a JSON array) into a parsed row:
 * strict UTF-8, then JSON.parse, then "must be an object". `unit` names what the bytes are in messages
 * ("line", "record"), `where` says where they sit in the file ("line 7").
 */
export function parseJsonRecord(bytes: Uint8Array, row: number, unit: string, where: string): ParsedRow {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return {
      row,
      error: {
        row,
        field: fieldWithInvalidUtf8(bytes) ?? 'record',
        message: `${invalidUtf8Message(decoded.offset, unit)} (${where})`,
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (e) {
    return { row, error: { row, field: 'record', message: `${jsonSyntaxMessage(e)} (${where})` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      row,
      error: { row, field: 'record', message: `expected a JSON object, found ${describeJsonValue(value)} (${where})` },
    };
  }
  return { row, value: value as Record<string, unknown> };
}

/**
 * Best effort to name the field holding bad bytes: decode leniently (bad bytes become U+FFFD), parse, and
 * look for the one top-level string that gained a replacement character. Only runs on the error path.
 */
function fieldWithInvalidUtf8(bytes: Uint8Array): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(LENIENT.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const suspects = Object.entries(value).filter(([, v]) => typeof v === 'string' && v.includes('\uFFFD'));
  return suspects.length === 1 ? (suspects[0] as [string, unknown])[0] : undefined;
}
