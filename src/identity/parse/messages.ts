/**
 * Wording shared by the parsers. Messages never quote record content: import reports and logs must not carry
 * personal data, so they name positions (row, line, column, byte offset) instead.
 */

/** `1234567` -> `1,234,567`: sizes in messages are read by people. */
function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Describes a byte count with its MiB equivalent when large, e.g. `17,000,000 bytes (16.2 MiB)`. */
export function describeBytes(n: number): string {
  const mib = n / (1024 * 1024);
  return n >= 1024 * 1024 ? `${groupDigits(n)} bytes (${mib.toFixed(1)} MiB)` : `${groupDigits(n)} bytes`;
}

/** The error for a record larger than the parser's limit. */
export function oversizeMessage(size: number, limit: number, where: string): string {
  return (
    `record is ${describeBytes(size)}, over the limit of ${describeBytes(limit)}; ` +
    `skipped without reading it (${where})`
  );
}

/** The error for bytes that are not UTF-8. */
export function invalidUtf8Message(offset: number, of: string): string {
  return `invalid UTF-8 at byte offset ${offset} of the ${of} (the file must be UTF-8 encoded)`;
}

/**
 * V8's JSON.parse message without the excerpt of the input it sometimes appends
 * (`Unexpected token 'x', "{"personalId": "0011..." is not valid JSON`), and with "position" spelled out as
 * a character offset so it is not mistaken for a byte offset.
 */
export function jsonSyntaxMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const cleaned = raw
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position (\d+)/, ' at character $1')
    .replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
  return `invalid JSON: ${cleaned}`;
}

/** What a JSON value is, for "expected a JSON object, found ..." messages. */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}
