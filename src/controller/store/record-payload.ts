/**
 * The plaintext of a record's sealed payload: what data preparation needs and nothing is allowed to see in
 * clear at rest. Binary framing keeps the photo as bytes (base64 inside JSON would cost a third more):
 *
 * ```
 * 1 byte   format version (1)
 * 4 bytes  length of the JSON part, big-endian
 * n bytes  UTF-8 JSON: {"record": CitizenRecord without "photo", "expiryDate": "YYYY-MM-DD" | null}
 * rest     the photo's JPEG bytes (none when the record has no photo)
 * ```
 */
import type { CitizenRecord } from '../../identity/record';

/** A record's personal data as stored. */
export interface RecordPayload {
  /** The validated record; `photo` (a path or data: URI at import) is replaced by {@link photo}. */
  record: Omit<CitizenRecord, 'photo'>;
  /** Computed at import by the product's law; null when the card never expires. */
  expiryDate: string | null;
  /** JPEG bytes, absent for a record without a photo. */
  photo?: Uint8Array;
}

const FORMAT_VERSION = 1;

/** Serialises a payload for sealing. */
export function encodeRecordPayload(payload: RecordPayload): Buffer {
  const { photo: _drop, ...record } = payload.record as CitizenRecord;
  const json = Buffer.from(JSON.stringify({ record, expiryDate: payload.expiryDate }), 'utf8');
  const head = Buffer.alloc(5);
  head[0] = FORMAT_VERSION;
  head.writeUInt32BE(json.length, 1);
  return Buffer.concat([head, json, payload.photo ?? new Uint8Array(0)]);
}

/** Parses what {@link encodeRecordPayload} wrote. */
export function decodeRecordPayload(bytes: Uint8Array): RecordPayload {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buf.length < 5 || buf[0] !== FORMAT_VERSION) throw new Error('record payload: unknown format');
  const jsonLength = buf.readUInt32BE(1);
  if (5 + jsonLength > buf.length) throw new Error('record payload: truncated');
  const parsed = JSON.parse(buf.subarray(5, 5 + jsonLength).toString('utf8')) as Omit<RecordPayload, 'photo'>;
  const photo = buf.subarray(5 + jsonLength);
  return {
    record: parsed.record,
    expiryDate: parsed.expiryDate,
    ...(photo.length > 0 ? { photo: new Uint8Array(photo) } : {}),
  };
}

/** The additional authenticated data that binds a record's sealed payload to its row. */
export function recordPayloadAad(uid: string): string {
  return `cardline/records/${uid}/payload`;
}
