/**
 * Removes personal data from a value on its way to a log line or an audit entry: the personal ID is masked
 * (`001******45`), every other field of the record contract (names, dates, places, photo) is dropped, byte
 * arrays become their length, and 12-digit runs in any string are masked. A second line of defence: code is
 * meant to pass masked IDs already, and this catches what slips through.
 */
import { RECORD_FIELDS } from '../../identity/record';
import { maskPersonalId, maskPersonalIdsInText } from './mask';

/** Record fields whose values are dropped outright. */
const DROPPED_KEYS: ReadonlySet<string> = new Set<string>(RECORD_FIELDS.filter((f) => f !== 'personalId'));

/** Keys that carry a personal ID and are masked. */
const ID_KEYS: ReadonlySet<string> = new Set(['personalId', 'personal_id']);

/** Marker left where a field was dropped, so a reader sees that something was there. */
export const REMOVED = '[removed]';

/** Nesting beyond this is summarised rather than walked (log lines and audit details are small). */
const MAX_DEPTH = 8;

/**
 * A copy of `value` safe to write where personal data must not go. Plain objects, arrays, strings, numbers,
 * booleans and null come back in the same shape; Errors become `{ type, message, stack }`; Dates their ISO
 * string; other objects their own enumerable fields. Cycles and deep nesting are cut with a marker.
 */
export function scrubPersonalData(value: unknown): unknown {
  return scrub(value, 0, new WeakSet());
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskPersonalIdsInText(value);
  if (typeof value === 'bigint') return maskPersonalIdsInText(value.toString());
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
    const source: Record<string, unknown> =
      value instanceof Error
        ? { type: value.name, message: value.message, stack: value.stack, ...(value as unknown as Record<string, unknown>) }
        : (value as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(source)) {
      if (field === undefined) continue;
      if (DROPPED_KEYS.has(key)) out[key] = REMOVED;
      else if (ID_KEYS.has(key) && typeof field === 'string') out[key] = maskPersonalId(field);
      else out[key] = scrub(field, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
