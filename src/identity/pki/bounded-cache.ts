/**
 * A small least-recently-used cache. Passive authentication meets the same few certificates on every card
 * of a shift (one Document Signer, one CSCA); parsing them, importing their keys into OpenSSL and verifying
 * the CSCA's signature on the DS certificate again for each card costs more than the rest of the check.
 * Results are keyed by the certificate bytes themselves, so a cached answer can only be reused for
 * identical input.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  /** Keeps at most `capacity` entries. */
  constructor(private readonly capacity: number) {}

  /** The cached value for `key`, computing and storing it with `make` when absent. */
  getOrCreate(key: string, make: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-insert to mark as most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
