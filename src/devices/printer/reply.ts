/**
 * What a reply says: `OK`, a value, or a refusal (`ERR;<code>;<text>`). See PROTOCOL.md for the codes.
 */

/** A reply's meaning. */
export type ParsedReply =
  | { kind: 'ok' }
  | { kind: 'value'; value: string }
  /**
   * `ERR;<code>;<text>`; a bare `ERR` or `ERR <text>` has code '' (the printer gave none). `ERR_...` is not a
   * refusal: it is a status flag (an `Rst` reply may start with one).
   */
  | { kind: 'nack'; code: string; text: string };

/** Classifies a reply text (without its CR). */
export function parseReply(text: string): ParsedReply {
  if (text === 'OK') return { kind: 'ok' };
  if (text.startsWith('ERR;')) {
    const [code = '', ...more] = text.slice(4).split(';');
    return { kind: 'nack', code, text: more.join(';') };
  }
  if (text === 'ERR' || text.startsWith('ERR ')) return { kind: 'nack', code: '', text: text.slice(3).trim() };
  return { kind: 'value', value: text };
}

/** Builds the refusal text the printer sends: `ERR;<code>;<text>`. */
export function nackText(code: string, text: string): string {
  return `ERR;${code};${text}`;
}
