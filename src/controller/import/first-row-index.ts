/**
 * Remembers the first row at which each 12-digit personal ID appeared in a file, in about 12 bytes per ID
 * (open addressing over typed arrays). A `Map<number, number>` costs five times that: on a million-record file it
 * pushed validation past its 200 MB budget.
 */
export class FirstRowIndex {
  private keys: Float64Array;
  private rows: Uint32Array;
  private size = 0;

  constructor(initialCapacity = 1 << 16) {
    const capacity = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.keys = new Float64Array(capacity);
    this.rows = new Uint32Array(capacity);
  }

  /** Number of IDs held. */
  get count(): number {
    return this.size;
  }

  /**
   * Records `row` for `id` unless `id` was seen before; returns the earlier row in that case, else undefined.
   * `id` must be a non-negative integer below 2^53 (a 12-digit personal ID is) and `row` a positive 32-bit integer.
   */
  firstRow(id: number, row: number): number | undefined {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    // Key 0 marks an empty slot, so IDs are stored plus one (12 digits + 1 is still exact in a double).
    const key = id + 1;
    const mask = this.keys.length - 1;
    for (let slot = FirstRowIndex.hash(key) & mask; ; slot = (slot + 1) & mask) {
      const held = this.keys[slot]!;
      if (held === 0) {
        this.keys[slot] = key;
        this.rows[slot] = row;
        this.size++;
        return undefined;
      }
      if (held === key) return this.rows[slot];
    }
  }

  private static hash(key: number): number {
    // Mix the low and high 26 bits: personal IDs share prefixes (province, century, year) and differ at the end.
    const lo = key % 67108864;
    const hi = Math.floor(key / 67108864);
    return (Math.imul(lo ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) >>> 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Uint32Array(oldKeys.length * 2);
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i]!;
      if (key !== 0) this.firstRow(key - 1, oldRows[i]!);
    }
  }
}
