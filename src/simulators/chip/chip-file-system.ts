/**
 * The EEPROM of the virtual chip: transparent elementary files created with a fixed size inside a fixed
 * total capacity, as the JMRTD reference applet keeps them. Every operation answers an ISO/IEC 7816-4
 * status word instead of throwing, because the chip answers, it does not crash.
 */
import { MAX_FILE_SIZE } from '../../devices/chip/emrtd-commands';
import { SW } from '../../devices/chip/status-words';

/** One elementary file. */
export interface StoredFile {
  fid: number;
  /** Size given at CREATE FILE. */
  size: number;
  /** Content; bytes never written are 00, like erased EEPROM on this applet. */
  data: Uint8Array;
}

/** Result of a read. */
export interface ReadResult {
  sw: number;
  data: Uint8Array;
}

/** The files of the eMRTD application and the memory they take. */
export class ChipFileSystem {
  private readonly files = new Map<number, StoredFile>();
  private usedBytes = 0;

  /** @param capacity total bytes the files may take */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /** Bytes taken by created files. */
  get used(): number {
    return this.usedBytes;
  }

  /** True when `fid` exists. */
  has(fid: number): boolean {
    return this.files.has(fid);
  }

  /** The file `fid`, or undefined. The returned object is live: callers inside the chip only. */
  get(fid: number): StoredFile | undefined {
    return this.files.get(fid);
  }

  /**
   * Creates `fid` with `size` bytes. 6A80 for a size of 0 or above 32767 (offsets are 15 bits), 6A89 when the
   * file exists, 6A84 when it does not fit the remaining capacity.
   */
  create(fid: number, size: number): number {
    if (size < 1 || size > MAX_FILE_SIZE) return SW.WRONG_DATA;
    if (this.files.has(fid)) return SW.FILE_ALREADY_EXISTS;
    if (this.usedBytes + size > this.capacity) return SW.NOT_ENOUGH_MEMORY;
    this.files.set(fid, { fid, size, data: new Uint8Array(size) });
    this.usedBytes += size;
    return SW.OK;
  }

  /**
   * Up to `ne` bytes of `fid` from `offset`: 6A82 when the file does not exist, 6B00 when the offset is at or
   * past the end; fewer bytes than asked at the end of the file, with 9000 (as the JMRTD applet answers).
   */
  read(fid: number, offset: number, ne: number): ReadResult {
    const f = this.files.get(fid);
    if (f === undefined) return { sw: SW.FILE_NOT_FOUND, data: new Uint8Array(0) };
    if (offset >= f.size) return { sw: SW.WRONG_P1P2, data: new Uint8Array(0) };
    return { sw: SW.OK, data: f.data.slice(offset, Math.min(f.size, offset + ne)) };
  }

  /**
   * Stores `bytes` at `offset`: 6A82 when the file does not exist, 6A84 when the write would end past the
   * created size (nothing is stored then).
   */
  write(fid: number, offset: number, bytes: Uint8Array): number {
    const f = this.files.get(fid);
    if (f === undefined) return SW.FILE_NOT_FOUND;
    if (offset + bytes.length > f.size) return SW.NOT_ENOUGH_MEMORY;
    f.data.set(bytes, offset);
    return SW.OK;
  }

  /** Copies of all files, by ascending FID. */
  snapshot(): StoredFile[] {
    return [...this.files.values()].sort((a, b) => a.fid - b.fid).map((f) => ({ fid: f.fid, size: f.size, data: f.data.slice() }));
  }
}
