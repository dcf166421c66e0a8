/**
 * Canonical JSON for hashing: object keys sorted (by UTF-16 code units, as Array.prototype.sort does), no
 * whitespace, strings and numbers as JSON.stringify writes them. For the values the audit log holds this is
 * the JSON Canonicalization Scheme (RFC 8785), so the hash can be recomputed in any language that has JCS.
 */

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The canonical text of `value`. Throws a TypeError for what JSON cannot represent faithfully (undefined in an
 * array, functions, non-finite numbers, non-plain objects), so a hash never silently covers less than the
 * caller meant. Object fields whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no form for ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`canonical JSON takes plain objects only, got ${(value as object).constructor?.name ?? 'an object'}`);
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
  }
}
