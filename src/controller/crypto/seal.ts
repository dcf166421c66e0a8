/**
 * AES-256-GCM sealing of personal data, in a self-describing byte format:
 *
 * ```
 * offset  size  field
 * 0       1     format version (1)
 * 1       1     key id (1..255): which data key sealed it, so keys can rotate while old rows stay readable
 * 2       12    nonce (random per seal)
 * 14      n     ciphertext
 * 14+n    16    GCM tag
 * ```
 *
 * The GCM additional authenticated data is the 2 header bytes followed by the caller's `aad` (UTF-8). Callers
 * pass what identifies the row the value belongs to (table and row key), so a sealed value copied into another
 * row, or with its key id byte altered, fails to open instead of decrypting as someone else's data.
 *
 * Random 96-bit nonces are safe for up to about 2^32 seals under one key (NIST SP 800-38D, section 8.3); a
 * factory sealing ten million records a year stays far below that, and a key rotation resets the count.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SealError } from './errors';

/** Version of the sealed format written by {@link sealBytes}. */
export const SEAL_FORMAT_VERSION = 1;

const HEADER_BYTES = 2;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Bytes a sealed value adds to its plaintext. */
export const SEAL_OVERHEAD_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BYTES;

function additionalData(header: Uint8Array, aad: string): Buffer {
  return Buffer.concat([header, Buffer.from(aad, 'utf8')]);
}

/** Seals `plaintext` under `key` (32 bytes) with key id `keyId`, bound to `aad`. */
export function sealBytes(key: Uint8Array, keyId: number, plaintext: Uint8Array, aad: string): Buffer {
  if (!Number.isInteger(keyId) || keyId < 1 || keyId > 255) throw new RangeError(`key id must be 1..255, got ${keyId}`);
  const header = Uint8Array.of(SEAL_FORMAT_VERSION, keyId);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(header, aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, nonce, body, cipher.getAuthTag()]);
}

/** The format version and key id of a sealed value, without opening it. */
export function sealedHeader(sealed: Uint8Array): { version: number; keyId: number } {
  if (sealed.length < SEAL_OVERHEAD_BYTES) {
    throw new SealError(`sealed value is too short (${sealed.length} bytes, at least ${SEAL_OVERHEAD_BYTES})`);
  }
  const version = sealed[0]!;
  if (version !== SEAL_FORMAT_VERSION) throw new SealError(`unknown sealed format version ${version}`);
  return { version, keyId: sealed[1]! };
}

/**
 * Opens a value sealed by {@link sealBytes}. `keyFor` returns the key for the value's key id, or undefined when
 * that key is not loaded. Throws {@link SealError} when the value is damaged, the key is wrong or `aad` differs.
 */
export function openBytes(
  keyFor: (keyId: number) => Uint8Array | undefined,
  sealed: Uint8Array,
  aad: string,
): Buffer {
  const { keyId } = sealedHeader(sealed);
  const key = keyFor(keyId);
  if (key === undefined) throw new SealError(`sealed under data key ${keyId}, which is not loaded`);
  const header = sealed.subarray(0, HEADER_BYTES);
  const nonce = sealed.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
  const body = sealed.subarray(HEADER_BYTES + NONCE_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(header, aad));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new SealError(
      'sealed value failed authentication: damaged, sealed under a different key, or moved from another row',
    );
  }
}
