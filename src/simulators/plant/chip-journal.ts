/**
 * The chip journal as rows: one small row per {@link ChipMutation} (a created file, one UPDATE BINARY chunk, a
 * PUT DATA, LOCK, a fired fault), appended as the chip executes the command, replayed in order to rebuild the chip.
 * Appending a chunk costs one row of its own size; rewriting whole files on every chunk would cost the file's size.
 */
import type { BacKeyInput } from '../../identity/lds/chip-image';
import type { ChipMutation } from '../chip/chip-mutation';

/** A journal row: `a` and `b` are the two numbers a mutation carries (FID, offset, size, fault index). */
export interface ChipJournalRow {
  op: string;
  a: number | null;
  b: number | null;
  data: Uint8Array | null;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** The row of a mutation. */
export function journalRow(m: ChipMutation): ChipJournalRow {
  switch (m.op) {
    case 'create':
      return { op: m.op, a: m.fid, b: m.size, data: null };
    case 'write':
      return { op: m.op, a: m.fid, b: m.offset, data: m.data };
    case 'defect':
      // The fault index rides in the data as one byte pair, FID and offset in a/b.
      return { op: m.op, a: m.fid, b: m.offset, data: Uint8Array.of(m.fault >> 8, m.fault & 0xff) };
    case 'torn':
      return { op: m.op, a: m.fault, b: null, data: null };
    case 'bac-keys':
      return { op: m.op, a: null, b: null, data: utf8.encode(JSON.stringify(m.input)) };
    case 'aa-key':
      return { op: m.op, a: null, b: null, data: m.pkcs8 };
    case 'lock':
      return { op: m.op, a: null, b: null, data: null };
  }
}

/** Thrown for a row no mutation has: the plant file is damaged or from another program. */
export class ChipJournalError extends Error {
  override name = 'ChipJournalError';
}

function num(v: number | null, what: string): number {
  if (v === null || !Number.isInteger(v)) throw new ChipJournalError(`chip journal: ${what} missing`);
  return v;
}

function bytes(v: Uint8Array | null, what: string): Uint8Array {
  if (v === null) throw new ChipJournalError(`chip journal: ${what} missing`);
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

/** The mutation of a row. */
export function journalMutation(row: ChipJournalRow): ChipMutation {
  switch (row.op) {
    case 'create':
      return { op: 'create', fid: num(row.a, 'create fid'), size: num(row.b, 'create size') };
    case 'write':
      return { op: 'write', fid: num(row.a, 'write fid'), offset: num(row.b, 'write offset'), data: bytes(row.data, 'write data') };
    case 'defect': {
      const d = bytes(row.data, 'defect fault');
      return { op: 'defect', fid: num(row.a, 'defect fid'), offset: num(row.b, 'defect offset'), fault: ((d[0] ?? 0) << 8) | (d[1] ?? 0) };
    }
    case 'torn':
      return { op: 'torn', fault: num(row.a, 'torn fault') };
    case 'bac-keys':
      return { op: 'bac-keys', input: JSON.parse(fromUtf8.decode(bytes(row.data, 'BAC keys'))) as BacKeyInput };
    case 'aa-key':
      return { op: 'aa-key', pkcs8: bytes(row.data, 'AA key') };
    case 'lock':
      return { op: 'lock' };
    default:
      throw new ChipJournalError(`chip journal: unknown operation "${row.op}"`);
  }
}
