/**
 * Natural order for station ids, so `enc-2` comes before `enc-10`. Written out rather than
 * `localeCompare(..., { numeric: true })` so the order cannot depend on the ICU data Node was built with.
 */

const PARTS = /(\d+)|(\D+)/g;

/** Compares two ids part by part: digit runs as numbers, other runs by code point. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(PARTS) ?? [];
  const pb = b.match(PARTS) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}
