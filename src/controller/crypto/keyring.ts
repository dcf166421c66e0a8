/**
 * The data keys of one installation and what is derived from them. One 32-byte master key yields, through
 * HKDF-SHA-256 with distinct labels, independent subkeys: one seals personal data (AES-256-GCM), one keys the
 * personal-ID hash (HMAC-SHA-256), one gives a fingerprint that lets a database recognise the key it was
 * sealed under without storing anything that helps recover it. Using one subkey per purpose means a weakness
 * in one use (say, the hash being queried as an oracle) tells nothing about the other.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { DATA_KEY_BYTES } from './key-material';
import { openBytes, sealBytes } from './seal';

const HKDF_SALT = Buffer.from('cardline data key v1', 'utf8');

function derive(master: Uint8Array, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, HKDF_SALT, `cardline/${label}`, 32));
}

/** One master key and its derived subkeys. */
interface KeyEntry {
  sealKey: Buffer;
  hashKey: Buffer;
  fingerprint: string;
}

function deriveEntry(master: Uint8Array): KeyEntry {
  if (master.length !== DATA_KEY_BYTES) throw new RangeError(`a data key is ${DATA_KEY_BYTES} bytes, got ${master.length}`);
  return {
    sealKey: derive(master, 'seal/v1'),
    hashKey: derive(master, 'personal-id-hash/v1'),
    fingerprint: derive(master, 'key-check/v1').subarray(0, 16).toString('hex'),
  };
}

/**
 * The current data key (used to seal and hash) plus any older keys still needed to open rows sealed before a
 * rotation. Key ids are 1..255 and travel in every sealed value.
 */
export class DataKeyring {
  private readonly entries = new Map<number, KeyEntry>();

  /**
   * @param current the key that seals new values and hashes personal IDs
   * @param older keys that only open values sealed earlier
   */
  constructor(
    current: { id: number; key: Uint8Array },
    older: ReadonlyArray<{ id: number; key: Uint8Array }> = [],
  ) {
    for (const k of [current, ...older]) {
      if (!Number.isInteger(k.id) || k.id < 1 || k.id > 255) throw new RangeError(`key id must be 1..255, got ${k.id}`);
      if (this.entries.has(k.id)) throw new RangeError(`key id ${k.id} given twice`);
      this.entries.set(k.id, deriveEntry(k.key));
    }
    this.currentId = current.id;
  }

  /** Id of the key that seals new values. */
  readonly currentId: number;

  private get current(): KeyEntry {
    return this.entries.get(this.currentId)!;
  }

  /** A short public fingerprint of key `id` (default: the current key): 32 hex digits derived one-way. */
  fingerprint(id: number = this.currentId): string | undefined {
    return this.entries.get(id)?.fingerprint;
  }

  /** Seals `plaintext` bound to `aad` (see seal.ts for the format). */
  seal(plaintext: Uint8Array, aad: string): Buffer {
    return sealBytes(this.current.sealKey, this.currentId, plaintext, aad);
  }

  /** Opens a value sealed by any key of this ring; throws SealError on any mismatch. */
  open(sealed: Uint8Array, aad: string): Buffer {
    return openBytes((id) => this.entries.get(id)?.sealKey, sealed, aad);
  }

  /**
   * HMAC-SHA-256 of a personal ID under the current hash subkey, as 64 hex digits: equal IDs give equal
   * hashes, so the store finds duplicates and looks records up without holding the ID in clear. Without the
   * key, the 10^12 possible IDs cannot be tried against it.
   */
  personalIdHash(personalId: string): string {
    return createHmac('sha256', this.current.hashKey).update(`personal-id:${personalId}`, 'utf8').digest('hex');
  }
}
