/**
 * Collects the bytes of one record that spans several input chunks. Parts are kept as a list and joined
 * once when the record is complete, so a record arriving in k chunks costs O(size) copying, not O(k * size)
 * as repeated concatenation would.
 */
export class ByteAccumulator {
  private parts: Uint8Array[] = [];
  private total = 0;

  /** Number of bytes held. */
  get length(): number {
    return this.total;
  }

  /** Appends `part`. The accumulator keeps the reference: pass a copy when the caller may reuse the memory. */
  append(part: Uint8Array): void {
    if (part.length === 0) return;
    this.parts.push(part);
    this.total += part.length;
  }

  /**
   * The held bytes followed by `tail`, as one array. Avoids a copy when only one piece is non-empty (the
   * common case: a record that did not cross a chunk boundary).
   */
  concat(tail?: Uint8Array): Uint8Array {
    const tailLength = tail === undefined ? 0 : tail.length;
    if (this.parts.length === 0) return tail ?? new Uint8Array(0);
    if (this.parts.length === 1 && tailLength === 0) return this.parts[0] as Uint8Array;
    const out = new Uint8Array(this.total + tailLength);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    if (tail !== undefined) out.set(tail, at);
    return out;
  }

  /** How many times `byte` occurs in the held bytes. */
  count(byte: number): number {
    let n = 0;
    for (const part of this.parts) {
      for (let i = part.indexOf(byte); i !== -1; i = part.indexOf(byte, i + 1)) n++;
    }
    return n;
  }

  /** Drops everything held. */
  clear(): void {
    this.parts = [];
    this.total = 0;
  }
}
