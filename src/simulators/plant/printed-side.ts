/**
 * A printed side as a plant hands it out: its size and digest in memory, its pixels decompressed only when someone
 * looks (a scanner), and kept decompressed only while the side is among the few most recently looked at
 * ({@link DecodedSideCache}). So memory holds a handful of 2 MB panels however many cards a run prints.
 */
import type { PrintedSide } from './physical-card';
import { decodeStoredPrint, type StoredPrint } from './stored-print';

/** The pixels of a side are gone: the plant dropped them when the card left the line (PLANT.md, memory policy). */
export class PrintDataDroppedError extends Error {
  override name = 'PrintDataDroppedError';
}

/** Where a side's stored bytes come from: the plant file, read when the side is decoded. */
export type StoredPrintLoader = () => StoredPrint | undefined;

/** The sides most recently decoded, at most `capacity` of them; older ones forget their pixels. */
export class DecodedSideCache {
  /** In least-recently-used order (Map iteration order is insertion order). */
  private readonly sides = new Map<StoredPrintedSide, true>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`the decoded side cache needs a capacity of at least 1, got ${capacity}`);
  }

  /** Sides holding decoded pixels now. */
  get size(): number {
    return this.sides.size;
  }

  /** @internal a side was decoded or used: it becomes the most recent, the oldest beyond capacity forget theirs. */
  touch(side: StoredPrintedSide): void {
    this.sides.delete(side);
    this.sides.set(side, true);
    while (this.sides.size > this.capacity) {
      const oldest = this.sides.keys().next().value as StoredPrintedSide;
      this.sides.delete(oldest);
      oldest.forget();
    }
  }

  /** @internal the side's pixels are no longer valid (dropped or replaced). */
  remove(side: StoredPrintedSide): void {
    if (this.sides.delete(side)) side.forget();
  }
}

/** A side whose pixels are decoded on demand; see the module comment. */
export class StoredPrintedSide implements PrintedSide {
  private decoded: Uint8Array | undefined;
  private droppedData = false;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly digest: string,
    /** Bytes the side takes in storage (compressed), for the plant's figures. */
    readonly storedBytes: number,
    private readonly load: StoredPrintLoader,
    private readonly cache: DecodedSideCache,
    dropped = false,
  ) {
    this.droppedData = dropped;
  }

  /** True once the plant dropped the pixels (the digest stays). */
  get dropped(): boolean {
    return this.droppedData;
  }

  /**
   * The RGB pixels, decoded from storage on first use and cached among the most recent sides.
   * @throws PrintDataDroppedError when the card left the line and its print data was dropped
   */
  get rgb(): Uint8Array {
    if (this.decoded !== undefined) return this.decoded;
    const stored = this.droppedData ? undefined : this.load();
    if (stored === undefined) {
      throw new PrintDataDroppedError(`the print data of this side (sha-256 ${this.digest.slice(0, 16)}...) was dropped when its card left the line`);
    }
    this.decoded = decodeStoredPrint(stored);
    this.cache.touch(this);
    return this.decoded;
  }

  /** The stored form, for copying a side to another card without decoding it. Undefined when dropped. */
  stored(): StoredPrint | undefined {
    return this.droppedData ? undefined : this.load();
  }

  /** @internal the plant dropped the data. */
  markDropped(): void {
    this.droppedData = true;
    this.cache.remove(this);
    this.forget();
  }

  /** @internal the cache let go of the pixels. */
  forget(): void {
    this.decoded = undefined;
  }
}
