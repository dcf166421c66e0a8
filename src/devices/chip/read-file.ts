/**
 * Reading a whole BER-TLV elementary file (ICAO 9303-10: every LDS file is one TLV): SELECT, READ BINARY of
 * the first bytes to learn the length from the outer tag and length, then the rest in chunks as large as
 * the channel allows (ICAO 9303-11 Appendix D.4 shows the same pattern).
 */
import { bytesToHex } from '../../identity/bac/bytes';
import { sendCommand, sendExpectingOk, type CardChannel } from './card-channel';
import { readBinary, selectEf, MAX_FILE_SIZE } from './emrtd-commands';
import { ChipDataError, ChipStatusError, fidHex } from './errors';
import { SW } from './status-words';

/**
 * Largest plain READ BINARY Le whose protected response still fits a short response (256 bytes): DO'87'
 * (tag, 2 length bytes, indicator, data padded to 8) + DO'99' (4) + DO'8E' (10). 223 is the block size the
 * JMRTD reader uses; 231 would be the exact limit.
 */
export const DEFAULT_MAX_READ = 223;

/** Bytes read first: enough for a one- or two-byte tag and a length of up to 0x82 xx xx. */
const HEADER_PROBE = 5;

/** Options of {@link readTlvFile}. */
export interface ReadFileOptions {
  /** Largest Le per READ BINARY (default {@link DEFAULT_MAX_READ}; above 256 needs extended length). */
  maxRead?: number;
  /** The outer tag the file must start with (e.g. 0x61 for DG1); a different tag is a {@link ChipDataError}. */
  expectedTag?: number;
  /** For messages: "DG1". */
  name?: string;
}

/** Outer tag and total length (header included) from the first bytes of a TLV, or undefined when more bytes are needed. */
function tlvExtent(head: Uint8Array, fid: number, name: string): { tag: number; total: number } | undefined {
  let at = 0;
  if (head.length < 2) return undefined;
  let tag = head[at++]!;
  if ((tag & 0x1f) === 0x1f) {
    if (head.length < 3) return undefined;
    tag = (tag << 8) | head[at++]!;
    if ((tag & 0x80) === 0x80) throw new ChipDataError(`${name}: tags longer than two bytes are not LDS tags`, fid, 1);
  }
  const first = head[at++];
  if (first === undefined) return undefined;
  if (first < 0x80) return { tag, total: at + first };
  const n = first & 0x7f;
  if (n === 0 || n > 3) throw new ChipDataError(`${name}: invalid length byte ${first.toString(16)} at offset ${at - 1}`, fid, at - 1);
  if (head.length < at + n) return undefined;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + head[at + i]!;
  return { tag, total: at + n + length };
}

/**
 * Selects `fid` and reads the whole TLV file. Throws {@link ChipStatusError} when the chip refuses
 * (6A82 file not found, 6982 no access), {@link ChipDataError} when the content is not a TLV of a readable
 * size or does not start with `expectedTag`.
 */
export async function readTlvFile(channel: CardChannel, fid: number, options: ReadFileOptions = {}): Promise<Uint8Array> {
  const name = options.name ?? `EF ${fidHex(fid)}`;
  const maxRead = options.maxRead ?? DEFAULT_MAX_READ;
  if (!Number.isInteger(maxRead) || maxRead < HEADER_PROBE || maxRead > 65536) throw new RangeError(`maxRead must be ${HEADER_PROBE}-65536, got ${maxRead}`);
  await sendExpectingOk(channel, selectEf(fid), `SELECT ${name}`);
  let buffer = await readChunk(channel, 0, HEADER_PROBE, name, fid);
  const extent = tlvExtent(buffer, fid, name);
  if (extent === undefined) throw new ChipDataError(`${name}: the file is too short to hold a TLV header (${buffer.length} bytes)`, fid, buffer.length);
  if (options.expectedTag !== undefined && extent.tag !== options.expectedTag) {
    throw new ChipDataError(
      `${name}: starts with tag ${extent.tag.toString(16).toUpperCase()}, expected ${options.expectedTag.toString(16).toUpperCase()} (first bytes ${bytesToHex(buffer.subarray(0, 2))})`,
      fid,
      0,
    );
  }
  if (extent.total > MAX_FILE_SIZE + 1) {
    throw new ChipDataError(`${name}: declares ${extent.total} bytes, more than READ BINARY with a 15-bit offset can reach`, fid, 0);
  }
  const out = new Uint8Array(extent.total);
  out.set(buffer.subarray(0, Math.min(buffer.length, extent.total)), 0);
  let offset = Math.min(buffer.length, extent.total);
  while (offset < extent.total) {
    buffer = await readChunk(channel, offset, Math.min(maxRead, extent.total - offset), name, fid);
    if (buffer.length === 0) throw new ChipDataError(`${name}: READ BINARY at offset ${offset} returned no data (file shorter than its TLV length)`, fid, offset);
    out.set(buffer.subarray(0, extent.total - offset), offset);
    offset += Math.min(buffer.length, extent.total - offset);
  }
  return out;
}

async function readChunk(channel: CardChannel, offset: number, ne: number, name: string, fid: number): Promise<Uint8Array> {
  const r = await sendCommand(channel, readBinary(offset, ne));
  // 6282: end of file reached before Ne bytes (ISO/IEC 7816-4); the bytes returned are still valid.
  if (r.sw !== SW.OK && r.sw !== SW.END_OF_FILE) {
    throw new ChipStatusError(r.sw, `00B0${fidHex(offset)}`, `READ BINARY ${name} at offset ${offset}`);
  }
  if (r.data.length === 0 && offset === 0) throw new ChipDataError(`${name}: the file is empty`, fid, 0);
  return r.data;
}
