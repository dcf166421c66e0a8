/**
 * Parsing of a 256-bit data key given as text (an environment variable or a key file): 64 hexadecimal digits,
 * or the standard base64 encoding of 32 bytes. Anything else is refused with a message that says the length
 * found and never echoes the value.
 */
import { DataKeyError } from './errors';

/** Length of the data key in bytes (AES-256). */
export const DATA_KEY_BYTES = 32;

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The 32 key bytes encoded in `text` (surrounding whitespace ignored). `source` names where the text came
 * from in the error message, e.g. `CARDLINE_DATA_KEY` or a file path.
 */
export function parseDataKey(text: string, source: string): Buffer {
  const value = text.trim();
  if (value === '') throw new DataKeyError(`${source} is empty: expected 64 hex digits or the base64 of 32 bytes`);
  if (HEX_KEY.test(value)) return Buffer.from(value, 'hex');
  if (/^[0-9a-fA-F]+$/.test(value)) {
    throw new DataKeyError(
      `${source} holds ${value.length} hex digits: a data key is 64 hex digits (32 bytes, AES-256)`,
    );
  }
  if (BASE64.test(value) && value.length % 4 === 0) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === DATA_KEY_BYTES) return bytes;
    throw new DataKeyError(
      `${source} decodes from base64 to ${bytes.length} bytes: a data key is 32 bytes (AES-256)`,
    );
  }
  throw new DataKeyError(
    `${source} is neither 64 hex digits nor base64 (${value.length} characters): expected a 32-byte key`,
  );
}
